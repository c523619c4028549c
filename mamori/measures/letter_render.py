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
import io
import re
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from mamori.measures.letters import Line
from mamori.render import apply_japanese_fonts, html_to_pdf

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
    apply_japanese_fonts(doc, lang, font=FONT, fallback=FALLBACK_FONT, family="roman")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.line_spacing = 1.35


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
    return html_to_pdf(letter_html(lines=lines, subject=subject, lang=lang))
