"""Deciding what an uploaded file really is, from its bytes, not its name.

Evidence must be kept whatever it is (a customer's HTML mail is evidence too),
but nothing uploaded may ever run in a colleague's browser or machine:

- executables and scripts are refused outright;
- active content (HTML, SVG or XML that can carry script, macro-enabled Office
  files) is accepted but stored as an inert download: served only as
  ``application/octet-stream`` with ``Content-Disposition: attachment`` and
  marked on the case page;
- everything else keeps the type its bytes show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import puremagic

EXECUTABLE_MAGIC = (
    b"MZ",  # Windows PE
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O 32
    b"\xfe\xed\xfa\xcf",  # Mach-O 64
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # shell or interpreter script
)
EXECUTABLE_TYPES = {
    "application/vnd.microsoft.portable-executable",
    "application/x-dosexec",
    "application/x-executable",
    "application/x-elf",
    "application/x-mach-binary",
    "application/x-msdownload",
    "application/java-vm",
}
ACTIVE_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "application/xml",
    "text/xml",
    "application/javascript",
    "text/javascript",
    "application/vnd.ms-word.document.macroenabled.12",
    "application/vnd.ms-excel.sheet.macroenabled.12",
}
ACTIVE_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|script|svg|iframe|object|embed)\b|javascript:|\bon[a-z]+\s*=",
    re.IGNORECASE,
)


class UploadRejected(Exception):
    """The file may not be stored; carries messages in both languages."""

    def __init__(self, code: str, message_ja: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_ja = message_ja
        self.message_en = message_en


@dataclass(frozen=True)
class UploadVerdict:
    content_type: str
    inert: bool


def _looks_like_text(content: bytes) -> bool:
    sample = content[:4096]
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8", "cp932", "euc-jp"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def inspect_upload(content: bytes, *, max_bytes: int) -> UploadVerdict:
    if not content:
        raise UploadRejected("empty", "ファイルが空です。", "The file is empty.")
    if len(content) > max_bytes:
        limit = max_bytes // (1024 * 1024)
        raise UploadRejected(
            "too_large",
            f"ファイルが大きすぎます(上限 {limit} MB)。",
            f"The file is too large (limit {limit} MB).",
        )
    try:
        sniffed = puremagic.from_string(content, mime=True) or ""
    except (puremagic.PureError, ValueError):
        sniffed = ""
    if content.startswith(EXECUTABLE_MAGIC) or sniffed in EXECUTABLE_TYPES:
        raise UploadRejected(
            "executable",
            "実行ファイルやスクリプトは添付できません。",
            "Executables and scripts cannot be attached.",
        )
    if sniffed in ACTIVE_TYPES or ACTIVE_MARKUP.search(content[:65536]):
        return UploadVerdict(content_type=sniffed or "text/html", inert=True)
    if sniffed:
        return UploadVerdict(content_type=sniffed, inert=False)
    if _looks_like_text(content):
        return UploadVerdict(content_type="text/plain", inert=False)
    return UploadVerdict(content_type="application/octet-stream", inert=False)
