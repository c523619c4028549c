"""Letters as Word (python-docx) and PDF (WeasyPrint) files, A4, in a Japanese Mincho face.

The same approach as the case reports (``mamori.render``): every style gets
explicit ``ascii``/``hAnsi``/``eastAsia`` fonts (theme fonts removed, since
Word lets them win), the font table declares the face with ＭＳ 明朝 as its
alternate so Word without Noto substitutes a Japanese font, and the PDF is laid
out from self-contained HTML with every URL fetch refused, then checked for an
embedded Noto CJK font. Letters use Noto Serif CJK JP: a formal letter is set
in Mincho.

Raises the errors of :mod:`mamori.render` (``EngineUnavailable``,
``FontUnavailable``), which carry Japanese and English messages.
"""

from __future__ import annotations

import html
import importlib
import io
import re
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm, Pt
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from mamori.measures.letters import Line
from mamori.render import EngineUnavailable, FontUnavailable

FONT = "Noto Serif CJK JP"
FALLBACK_FONT = "ＭＳ 明朝"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}


def _clean(text: str) -> str:
    """Controls that XML 1.0 forbids are dropped: lxml and WeasyPrint reject them."""
    return _XML_INVALID.sub("", text)


# --- Word ------------------------------------------------------------------------


def render_letter_docx(*, lines: list[Line], subject: str, author: str, lang: str) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    _fonts(doc, lang)
    for line in lines:
        paragraph = doc.add_paragraph()
        paragraph.alignment = _ALIGN[line.align]
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(0)
        if line.title:
            fmt.space_before = fmt.space_after = Pt(8)
        if line.text:
            run = paragraph.add_run(_clean(line.text))
            run.bold = line.bold or None
            if line.title:
                run.font.size = Pt(14)
    props = doc.core_properties
    props.title = _clean(subject)
    props.author = props.last_modified_by = _clean(author)
    props.comments = props.keywords = ""
    props.language = "ja-JP" if lang == "ja" else "en-US"
    props.revision = 1
    now = datetime.now(UTC).replace(tzinfo=None)  # python-docx writes naive UTC with "Z"
    props.created = props.modified = now
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _fonts(doc: DocumentObject, lang: str) -> None:
    styles = doc.styles.element
    rpr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr_default is not None:
        _force_fonts(rpr_default)
        lang_el = rpr_default.find(qn("w:lang"))
        if lang_el is None:
            lang_el = OxmlElement("w:lang")
            rpr_default.append(lang_el)
        lang_el.set(qn("w:val"), "ja-JP" if lang == "ja" else "en-US")
        lang_el.set(qn("w:eastAsia"), "ja-JP")
    for rpr in styles.iter(qn("w:rPr")):
        if rpr.find(qn("w:rFonts")) is not None:
            _force_fonts(rpr)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.line_spacing = 1.35
    _declare_font(doc)


def _force_fonts(rpr: Any) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    rfonts.set(qn("w:hint"), "eastAsia")


def _declare_font(doc: DocumentObject) -> None:
    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    if root.find(f"{qn('w:font')}[@{qn('w:name')}='{FONT}']") is None:
        font = OxmlElement("w:font", {qn("w:name"): FONT})
        for tag, value in (
            ("w:altName", FALLBACK_FONT),
            ("w:charset", "80"),
            ("w:family", "roman"),
            ("w:pitch", "variable"),
        ):
            font.append(OxmlElement(tag, {qn("w:val"): value}))
        root.append(font)
    # python-docx keeps parts it does not model as raw bytes; replacing them is the only way in.
    part._blob = serialize_part_xml(root)


# --- PDF -------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 25mm 25mm 22mm 25mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #444; } }
html { font-family: "Noto Serif CJK JP", "Noto Sans CJK JP", serif; font-size: 10.5pt;
  line-height: 1.75; color: #111; }
body { margin: 0; }
p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
p.right { text-align: right; }
p.center { text-align: center; }
p.title { font-size: 14pt; font-weight: bold; margin: 3mm 0; letter-spacing: 0.1em; }
"""


def letter_html(*, lines: list[Line], subject: str, lang: str) -> str:
    body = []
    for line in lines:
        classes = " ".join(c for c in (line.align, "title" if line.title else "") if c)
        text = html.escape(_clean(line.text)) if line.text else "&#8203;"
        if line.bold and not line.title:
            text = f"<strong>{text}</strong>"
        body.append(f'<p class="{classes}">{text}</p>')
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{"en" if lang == "en" else "ja"}">',
            '<head><meta charset="utf-8">',
            f"<title>{html.escape(_clean(subject))}</title>",
            f"<style>{_CSS}</style></head>",
            "<body>",
            *body,
            "</body></html>",
            "",
        ]
    )


def render_letter_pdf(*, lines: list[Line], subject: str, lang: str) -> bytes:
    try:
        weasyprint = importlib.import_module("weasyprint")
    except (ImportError, OSError) as exc:  # OSError: Pango/HarfBuzz not loadable
        raise EngineUnavailable(
            "pdf_engine_unavailable",
            "PDFを作成できません。WeasyPrint（および Pango）がインストールされていません。",
            "Cannot create a PDF: WeasyPrint (and the Pango library) is not installed.",
        ) from exc
    fetcher: Any = weasyprint.urls.URLFetcher(allowed_protocols=())
    source = letter_html(lines=lines, subject=subject, lang=lang)
    pdf: bytes = weasyprint.HTML(string=source, url_fetcher=fetcher).write_pdf()
    if not _has_cjk_font(pdf):
        raise FontUnavailable(
            "font_unavailable",
            "日本語フォント（Noto CJK JP）が見つかりません。"
            "fonts-noto-cjk をインストールしてください。",
            "The Japanese font Noto CJK JP was not found; install fonts-noto-cjk.",
        )
    return pdf


def _has_cjk_font(pdf: bytes) -> bool:
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if not isinstance(font, DictionaryObject):
                continue
            name = re.sub(r"[^a-z]", "", str(font.get("/BaseFont", "")).lower())
            if re.search(r"noto(sans|serif)cjk", name):
                return True
    return False
