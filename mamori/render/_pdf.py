"""The PDF report: the HTML report laid out by WeasyPrint.

WeasyPrint is imported on first use, so importing :mod:`mamori.render` stays
cheap and works on a machine without Pango. The page fetches nothing: every
URL fetch is refused, so no case text can make the renderer read a local file
or call a server.
"""

from __future__ import annotations

import importlib
import io
import re
from types import ModuleType
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from ._errors import EngineUnavailable, FontUnavailable
from ._html import render_html
from ._model import CaseReport

__all__ = ["embedded_fonts", "html_to_pdf", "render_pdf"]

_CJK_FONT = re.compile(r"noto(sans|serif)cjk")
_ENGINE = "weasyprint"


def _weasyprint() -> ModuleType:
    try:
        return importlib.import_module(_ENGINE)
    except (ImportError, OSError) as exc:  # OSError: Pango/HarfBuzz not loadable
        raise EngineUnavailable(
            "pdf_engine_unavailable",
            "PDFを作成できません。WeasyPrint（および Pango）がインストールされていません。",
            "Cannot create a PDF: WeasyPrint (and the Pango library) is not installed.",
        ) from exc


def render_pdf(report: CaseReport) -> bytes:
    """Render one instalment as an A4 PDF with embedded Noto CJK fonts."""
    return html_to_pdf(render_html(report))


def html_to_pdf(document: str) -> bytes:
    """Lay out a self-contained HTML page as PDF, fetching nothing.

    The one way Mamori makes PDFs (reports, policies, letters, the compliance
    board). Raises :class:`EngineUnavailable` without WeasyPrint and
    :class:`FontUnavailable` when no Noto CJK font ended up in the PDF.
    """
    weasyprint = _weasyprint()
    fetcher: Any = weasyprint.urls.URLFetcher(allowed_protocols=())
    pdf: bytes = weasyprint.HTML(string=document, url_fetcher=fetcher).write_pdf()
    if not any(_CJK_FONT.search(_squash(name)) for name in embedded_fonts(pdf)):
        raise FontUnavailable(
            "font_unavailable",
            "日本語フォント（Noto Sans CJK JP）が見つかりません。"
            "fonts-noto-cjk をインストールしてください。",
            "The Japanese font Noto Sans CJK JP was not found; install fonts-noto-cjk.",
        )
    return pdf


def _squash(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def embedded_fonts(pdf: bytes) -> set[str]:
    """Base names (subset tag removed) of the fonts whose program is embedded in ``pdf``."""
    reader = PdfReader(io.BytesIO(pdf))
    names: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if isinstance(font, DictionaryObject) and _is_embedded(font):
                base = str(font.get("/BaseFont", ""))
                names.add(base.lstrip("/").split("+", 1)[-1])
    return names


def _is_embedded(font: DictionaryObject) -> bool:
    candidates = [font]
    descendants = font.get("/DescendantFonts")
    if descendants is not None:
        candidates += [d.get_object() for d in descendants.get_object()]
    for candidate in candidates:
        descriptor = candidate.get("/FontDescriptor")
        if descriptor is None:
            continue
        descriptor = descriptor.get_object()
        if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            return True
    return False
