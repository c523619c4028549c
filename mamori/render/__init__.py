"""Report renderers of Mamori: one case instalment as HTML, Markdown, DOCX and PDF,
and the case list as an Excel workbook.

A pure package: it imports no Django. The web layer builds a
:class:`CaseReport` (labels already translated, datetimes in the desk's time
zone) and calls one of the ``render_*`` functions::

    from mamori.render import CaseReport, render_pdf
    pdf_bytes = render_pdf(report)

Errors (all carry ``code``, ``message_ja`` and ``message_en``)::

    RenderError
    ├── InvalidReport       the input breaks a documented precondition
    ├── EngineUnavailable   WeasyPrint / Pango missing (PDF only)
    └── FontUnavailable     no Noto CJK font embedded (PDF only)
"""

from __future__ import annotations

from ._docx import apply_japanese_fonts, render_docx
from ._errors import EngineUnavailable, FontUnavailable, InvalidReport, RenderError
from ._html import render_html
from ._markdown import render_markdown
from ._model import (
    Action,
    CaseReport,
    Entry,
    EvidenceItem,
    FindingView,
    InstalmentRef,
    Point,
    TriageSummary,
)
from ._pdf import html_to_pdf, render_pdf
from ._wareki import instalment_label, to_wareki
from ._xlsx import render_case_list_xlsx

__all__ = [
    "Action",
    "CaseReport",
    "EngineUnavailable",
    "Entry",
    "EvidenceItem",
    "FindingView",
    "FontUnavailable",
    "InstalmentRef",
    "InvalidReport",
    "Point",
    "RenderError",
    "TriageSummary",
    "apply_japanese_fonts",
    "html_to_pdf",
    "instalment_label",
    "render_case_list_xlsx",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_pdf",
    "to_wareki",
]
