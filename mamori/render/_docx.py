"""The Word report (python-docx): A4, Japanese fonts, form tables, page numbers.

Fonts: every run style gets ``w:rFonts`` with ``ascii``/``hAnsi``/``eastAsia``
set to Noto Sans CJK JP (the theme-font attributes of the stock template are
removed, since Word lets them override explicit names). The font table declares
Noto Sans CJK JP as a Shift-JIS (charset 80) face whose alternate name is
ＭＳ 明朝, so Word on a machine without Noto substitutes a Japanese font
instead of a Western one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ._model import CaseReport, Point
from ._text import (
    MARK_DISMISSED,
    MARK_DONE,
    MARK_OPEN,
    Labels,
    clean,
    days_of,
    doc_title,
    fmt_date,
    fmt_period,
    fmt_time,
    join_names,
    labels_for,
    quoted,
    report_no,
    severity_text,
)
from ._wareki import instalment_label

__all__ = ["FALLBACK_FONT", "FONT", "apply_japanese_fonts", "render_docx"]

FONT = "Noto Sans CJK JP"
FALLBACK_FONT = "ＭＳ 明朝"
_MONO = "Courier New"
_GREY = RGBColor(0x55, 0x55, 0x55)
_DARK = RGBColor(0x22, 0x22, 0x22)
_SHADE = "EEEEEE"
_TEXT_WIDTH_MM = 174  # A4 width 210 mm less 18 mm margins on each side


def render_docx(report: CaseReport) -> bytes:
    """Render one instalment as a .docx document."""
    labels = labels_for(report.lang)
    doc = Document()
    _setup_page(doc, report, labels)
    _setup_fonts(doc, report.lang)
    _head(doc, report, labels)

    doc.add_heading(labels.background, level=1)
    if report.background:
        for fact in report.background:
            _write(doc.add_paragraph(style="List Bullet"), fact)
    else:
        _none(doc, labels)

    doc.add_heading(labels.customer_points, level=1)
    _points(doc, report.customer_points, labels)
    doc.add_heading(labels.worker_points, level=1)
    _points(doc, report.worker_points, labels)

    doc.add_heading(labels.course, level=1)
    _course(doc, report, labels)

    doc.add_heading(labels.next_actions, level=1)
    _actions(doc, report, labels)

    doc.add_heading(labels.triage, level=1)
    _triage(doc, report, labels)

    doc.add_heading(labels.evidence, level=1)
    _evidence(doc, report, labels)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- page, fonts, properties -------------------------------------------------


def _setup_page(doc: DocumentObject, report: CaseReport, labels: Labels) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    section.header_distance = section.footer_distance = Mm(8)

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _write(header, f"{labels.confidential}　｜　{report_no(report)}", size=7.5, color=_GREY)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE")
    _write(footer, " / ")
    _field(footer, "NUMPAGES")

    props = doc.core_properties
    props.title = clean(doc_title(report))
    props.subject = clean(report_no(report))
    props.author = props.last_modified_by = clean(report.author)
    props.comments = ""
    props.keywords = ""
    props.language = "ja-JP" if report.lang == "ja" else "en-US"
    props.revision = 1
    now = datetime.now(UTC).replace(tzinfo=None)  # python-docx writes naive UTC with "Z"
    props.created = props.modified = now


def _setup_fonts(doc: DocumentObject, lang: str) -> None:
    apply_japanese_fonts(doc, lang)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.2
    for name, size in (("Heading 1", 12.5), ("Heading 2", 10.5)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = _DARK
        style.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 8)
        style.paragraph_format.space_after = Pt(4)


def apply_japanese_fonts(
    doc: DocumentObject,
    lang: str,
    *,
    font: str = FONT,
    fallback: str = FALLBACK_FONT,
    family: str = "swiss",
) -> None:
    """Set ``font`` on every style of ``doc`` and declare it in the font table.

    Theme-font attributes on the stock styles (headings, title …) override
    explicit names in Word, so every style gets explicit fonts; the font table
    names ``fallback`` (a Japanese face) for Word installations without ``font``.
    """
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            lang_el = rpr.find(qn("w:lang"))
            if lang_el is None:
                lang_el = OxmlElement("w:lang")
                rpr.append(lang_el)
            lang_el.set(qn("w:val"), "ja-JP" if lang == "ja" else "en-US")
            lang_el.set(qn("w:eastAsia"), "ja-JP")
            _force_fonts(rpr, font)
    for rpr in styles.iter(qn("w:rPr")):
        if rpr.find(qn("w:rFonts")) is not None:
            _force_fonts(rpr, font)
    _declare_font(doc, font, fallback, family)


def _force_fonts(rpr: BaseOxmlElement, font: str) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    rfonts.set(qn("w:hint"), "eastAsia")


def _declare_font(doc: DocumentObject, name: str, fallback: str, family: str) -> None:
    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    if root.find(f"{qn('w:font')}[@{qn('w:name')}='{name}']") is None:
        font = OxmlElement("w:font", {qn("w:name"): name})
        for tag, value in (
            ("w:altName", fallback),
            ("w:charset", "80"),
            ("w:family", family),
            ("w:pitch", "variable"),
        ):
            font.append(OxmlElement(tag, {qn("w:val"): value}))
        root.append(font)
    # python-docx keeps parts it does not model as raw bytes; replacing them is the only way in.
    part._blob = serialize_part_xml(root)


# --- small writers -------------------------------------------------------------


def _write(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
    font: str | None = None,
    strike: bool = False,
) -> None:
    """Append user text to ``paragraph``; its line breaks become Word line breaks."""
    for i, line in enumerate(clean(text).strip("\n").split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        run.bold = bold or None
        run.font.strike = strike or None
        if size is not None:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
        if font is not None:
            run.font.name = font


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) that Word updates when it lays out pages."""

    def fld_char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(el)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    paragraph.add_run("1")
    fld_char("end")


def _none(doc: DocumentObject, labels: Labels) -> None:
    _write(doc.add_paragraph(), labels.none, color=_GREY)


def _shade(cell: _Cell, fill: str = _SHADE) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _cell(cell: _Cell, text: str, **style: object) -> None:
    _write(cell.paragraphs[0], text, **style)  # type: ignore[arg-type]


def _grid(
    doc: DocumentObject | _Cell, widths_mm: Sequence[float], header: Sequence[str] | None
) -> Table:
    """A bordered table with fixed column widths and a shaded, repeating header row."""
    rows = 1 if header else 0
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.style = "Table Grid"
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    if header:
        row = table.rows[0]
        tr_pr = row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for cell, text in zip(row.cells, header, strict=True):
            _cell(cell, text, size=8.5)
            _shade(cell)
    return table


def _add_row(table: Table, widths_mm: Sequence[float]) -> list[_Cell]:
    cells = list(table.add_row().cells)  # type: ignore[no-untyped-call]
    for cell, width in zip(cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return cells


# --- sections -------------------------------------------------------------------


def _head(doc: DocumentObject, report: CaseReport, labels: Labels) -> None:
    lang, wareki = report.lang, report.wareki
    # Title on the left, stamp boxes (作成者 / 上長 / 確認) on the right, as on paper.
    outer = doc.add_table(rows=1, cols=2)
    outer.autofit = False
    left, right = outer.rows[0].cells
    for column, cell, width in zip(
        outer.columns, (left, right), (_TEXT_WIDTH_MM - 62, 62), strict=True
    ):
        column.width = cell.width = Mm(width)
    _write(left.paragraphs[0], f"{report.company_name}　{labels.doc_kind}", size=9, color=_GREY)
    title = left.add_paragraph()
    _write(title, report.title, bold=True, size=15)
    _write(title, f"　{instalment_label(report.instalment, lang)}", bold=True, size=13)
    stamps = _grid(
        right, (20, 20, 20), (labels.stamp_author, labels.stamp_manager, labels.stamp_check)
    )
    stamps.alignment = WD_TABLE_ALIGNMENT.RIGHT
    for cell in stamps.rows[0].cells:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_row(stamps, (20, 20, 20))
    stamps.rows[1].height = Mm(17)

    doc.add_paragraph()
    widths = (24, 63, 24, 63)
    form = _grid(doc, widths, None)
    client = " / ".join(x for x in (report.client_name, report.department_name) if x)
    rows = [
        (
            labels.date,
            fmt_date(report.report_date, lang, wareki),
            labels.report_no,
            report_no(report),
        ),
        (labels.author, report.author, labels.subject, report.title),
        (labels.client_department, client, labels.workers, join_names(report.worker_names, lang)),
        (labels.kind, report.kind_label, labels.status, report.status_label),
        (
            labels.severity,
            severity_text(report.severity),
            labels.period,
            fmt_period(report.period_start, report.period_end, lang, wareki),
        ),
    ]
    for values in rows:
        cells = _add_row(form, widths)
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            _cell(cell, text, size=9)
            if i % 2 == 0:
                _shade(cell)
    if report.previous_instalments:
        cells = _add_row(form, widths)
        _cell(cells[0], labels.previous, size=9)
        _shade(cells[0])
        merged = cells[1].merge(cells[3])
        previous = labels.list_sep.join(
            f"{instalment_label(ref.number, lang)} {fmt_date(ref.date, lang, wareki)}"
            for ref in sorted(report.previous_instalments, key=lambda r: r.number)
        )
        _cell(merged, previous, size=9)
    if report.masked:
        _write(
            doc.add_paragraph(),
            f"【{labels.masked}】",
            bold=True,
            size=8.5,
            color=RGBColor(0xAA, 0x33, 0x33),
        )


def _points(doc: DocumentObject, points: Sequence[Point], labels: Labels) -> None:
    if not points:
        _none(doc, labels)
        return
    widths = (10, 76, 26, 62)
    table = _grid(doc, widths, (labels.no, labels.content, labels.status, labels.comment))
    marks = {"done": MARK_DONE, "dismissed": MARK_DISMISSED}
    for number, point in enumerate(points, start=1):
        cells = _add_row(table, widths)
        _cell(cells[0], str(number))
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _cell(cells[1], point.text, strike=point.status == "dismissed")
        _cell(cells[2], f"{marks.get(point.status, MARK_OPEN)} {labels.point_status[point.status]}")
        _cell(cells[3], point.comment)


def _course(doc: DocumentObject, report: CaseReport, labels: Labels) -> None:
    if not report.entries:
        _none(doc, labels)
        return
    for day, numbered in days_of(report.entries):
        doc.add_heading(fmt_date(day, report.lang, report.wareki), level=2)
        for number, entry in numbered:
            head = doc.add_paragraph()
            head.paragraph_format.keep_with_next = True
            head.paragraph_format.space_before = Pt(4)
            _write(head, f"{number}　{fmt_time(entry.at)}", bold=True)
            tags = "／".join(t for t in (entry.channel_label, entry.direction_label) if t)
            if tags:
                _write(head, f"　{tags}", size=9)
            people = join_names(entry.participants, report.lang)
            if people:
                _write(head, f"　{labels.participants}：{people}", size=9, color=_GREY)
            body = [q for q in entry.quotes if q.strip()]
            if entry.summary.strip():
                summary = doc.add_paragraph()
                summary.paragraph_format.left_indent = Mm(6)
                summary.paragraph_format.keep_with_next = bool(body)
                _write(summary, entry.summary)
            for i, text in enumerate(body):
                quote = doc.add_paragraph()
                fmt = quote.paragraph_format
                fmt.left_indent = Mm(8)
                fmt.keep_with_next = i < len(body) - 1
                _left_rule(quote)
                _write(quote, quoted(text))


def _left_rule(paragraph: Paragraph) -> None:
    """A grey bar on the left and a light background, as on a quoted remark."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "18"),
        ("w:space", "6"),
        ("w:color", "888888"),
    ):
        left.set(qn(key), value)
    borders.append(left)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "F4F4F4")
    # Schema order inside pPr: pStyle, keepNext, …, pBdr, shd, …, spacing, ind …
    anchor = p_pr.find(qn("w:spacing"))
    if anchor is None:
        anchor = p_pr.find(qn("w:ind"))
    if anchor is not None:
        anchor.addprevious(borders)
        borders.addnext(shd)
    else:
        p_pr.append(borders)
        p_pr.append(shd)


def _actions(doc: DocumentObject, report: CaseReport, labels: Labels) -> None:
    if not report.next_actions:
        _none(doc, labels)
        return
    widths = (14, 86, 34, 40)
    table = _grid(doc, widths, (labels.done, labels.content, labels.assignee, labels.due))
    for action in report.next_actions:
        cells = _add_row(table, widths)
        _cell(cells[0], MARK_DONE if action.done else MARK_OPEN)
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _cell(cells[1], action.title)
        _cell(cells[2], action.assignee)
        if action.due is not None:
            _cell(cells[3], fmt_date(action.due, report.lang, report.wareki), size=9)


def _triage(doc: DocumentObject, report: CaseReport, labels: Labels) -> None:
    triage = report.triage
    if triage is None:
        _write(doc.add_paragraph(), labels.triage_missing, color=_GREY)
        return
    widths = (30, 144)
    head = _grid(doc, widths, None)

    def listing(values: Sequence[str]) -> str:
        return labels.list_sep.join(values) if values else labels.none

    for label, value, bold in (
        (labels.verdict, triage.verdict_label, True),
        (labels.severity, severity_text(triage.severity), False),
        (labels.categories, listing(triage.categories), False),
        (labels.flags, listing(triage.flags), False),
        (labels.topics, listing(triage.topics), False),
    ):
        cells = _add_row(head, widths)
        _cell(cells[0], label, size=9)
        _shade(cells[0])
        _cell(cells[1], value, bold=bold)
    if not triage.findings:
        return
    doc.add_paragraph()
    finding_widths = (32, 52, 58, 32)
    table = _grid(
        doc, finding_widths, (labels.finding_label, labels.quote, labels.explanation, labels.rule)
    )
    for finding in triage.findings:
        cells = _add_row(table, finding_widths)
        _cell(cells[0], finding.label)
        if finding.quote.strip():
            _cell(cells[1], quoted(finding.quote))
        _cell(cells[2], finding.explanation)
        _cell(cells[3], finding.rule, size=7.5, font=_MONO)


def _evidence(doc: DocumentObject, report: CaseReport, labels: Labels) -> None:
    if not report.evidence:
        _none(doc, labels)
        return
    widths = (24, 88, 62)
    table = _grid(doc, widths, (labels.status, labels.evidence_name, labels.sha256))
    for item in report.evidence:
        cells = _add_row(table, widths)
        mark = MARK_DONE if item.status == "attached" else MARK_OPEN
        _cell(cells[0], f"{mark} {labels.evidence_status[item.status]}")
        _cell(cells[1], item.name)
        if item.sha256:
            _cell(cells[2], item.sha256, size=7, font=_MONO)
