"""Pulling searchable text out of evidence files: PDF, DOCX, XLSX, e-mail and plain text.

Extraction never raises: a damaged, encrypted or unknown file gives an
:class:`Extracted` with a status that says why there is no text, so attaching
evidence never fails because its text could not be read. Work is bounded
(pages, sheets, rows, characters) so a hostile file cannot stall the request.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

logger = logging.getLogger(__name__)

MAX_CHARS = 1_000_000
MAX_PDF_PAGES = 300
MAX_XLSX_CELLS = 200_000
_TEXT_ENCODINGS = ("utf-8-sig", "cp932", "euc-jp", "iso-2022-jp")


@dataclass(frozen=True)
class Extracted:
    """The outcome of one extraction: status is ok, empty, unsupported or failed."""

    status: str
    method: str = ""
    text: str = ""
    truncated: bool = False
    error: str = ""


class _Budget:
    """Collects text pieces until ``MAX_CHARS``; extractors stop when it is full."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    @property
    def full(self) -> bool:
        return self.size >= MAX_CHARS

    def add(self, text: str) -> None:
        if text and not self.full:
            self.parts.append(text)
            self.size += len(text) + 1

    def text(self) -> tuple[str, bool]:
        joined = "\n".join(self.parts)
        return joined[:MAX_CHARS], len(joined) > MAX_CHARS or self.full


def decode_text(data: bytes) -> str | None:
    """Decode Japanese plain text in the usual encodings; ``None`` for binary data."""
    if b"\x00" in data[:8192]:
        return None
    if b"\x1b$" in data[:8192]:
        try:
            return data.decode("iso-2022-jp")
        except UnicodeDecodeError:
            pass
    for encoding in _TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _pdf(data: bytes, budget: _Budget) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        # An empty user password opens many "protected" PDFs; others stay closed.
        reader.decrypt("")
    for page in reader.pages[:MAX_PDF_PAGES]:
        budget.add(page.extract_text() or "")
        if budget.full:
            break


def _docx(data: bytes, budget: _Budget) -> None:
    from docx import Document

    document = Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        budget.add(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            budget.add("\t".join(cell.text for cell in row.cells))
            if budget.full:
                return


def _xlsx(data: bytes, budget: _Budget) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    cells = 0
    try:
        for sheet in workbook.worksheets:
            budget.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                values = [str(v) for v in row if v is not None and str(v).strip()]
                cells += len(row)
                if values:
                    budget.add("\t".join(values))
                if budget.full or cells > MAX_XLSX_CELLS:
                    return
    finally:
        workbook.close()


def _eml(data: bytes, budget: _Budget) -> None:
    from mamori.mail import parse_eml

    mail = parse_eml(data)
    budget.add(f"{mail.sender_name} <{mail.sender_address}>")
    budget.add(mail.subject)
    budget.add(mail.body_text)
    for attachment in mail.attachments:
        budget.add(attachment.filename or "")


def _plain(data: bytes, budget: _Budget) -> None:
    text = decode_text(data)
    if text is None:
        raise ValueError("not text")
    budget.add(text)


_EXTRACTORS: dict[str, Callable[[bytes, _Budget], None]] = {
    "pdf": _pdf,
    "docx": _docx,
    "xlsx": _xlsx,
    "eml": _eml,
    "text": _plain,
}
_BY_SUFFIX = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".eml": "eml",
    ".txt": "text",
    ".csv": "text",
    ".tsv": "text",
    ".md": "text",
    ".log": "text",
}
_BY_TYPE = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "message/rfc822": "eml",
}


def method_for(name: str, content_type: str, data: bytes) -> str | None:
    """Which extractor fits, by file name, then content type, then the first bytes."""
    method = _BY_SUFFIX.get(PurePath(name).suffix.lower())
    if method is None:
        base_type = content_type.split(";")[0].strip().lower()
        method = _BY_TYPE.get(base_type) or ("text" if base_type.startswith("text/") else None)
    if method is None and data.startswith(b"%PDF-"):
        method = "pdf"
    return method


def extract_text(name: str, content_type: str, data: bytes) -> Extracted:
    """The searchable text of one file, or why there is none."""
    method = method_for(name, content_type, data)
    if method is None:
        return Extracted(status="unsupported")
    budget = _Budget()
    try:
        _EXTRACTORS[method](data, budget)
    # Parsers raise many kinds of errors on damaged input; each means "no text".
    except Exception as exc:
        logger.info("text extraction (%s) failed for %s: %s", method, name, exc)
        return Extracted(status="failed", method=method, error=f"{type(exc).__name__}: {exc}"[:300])
    text, truncated = budget.text()
    if not text.strip():
        return Extracted(status="empty", method=method)
    return Extracted(status="ok", method=method, text=text, truncated=truncated)
