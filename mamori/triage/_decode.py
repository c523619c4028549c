"""Turning uploaded bytes into text, or refusing them clearly.

Japanese files arrive as UTF-8 (with or without BOM), Shift_JIS (cp932),
EUC-JP or ISO-2022-JP. Binary data (NUL bytes, mostly control characters)
is refused rather than guessed at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._exceptions import UndecodableInput

if TYPE_CHECKING:
    from ._result import Result

__all__ = ["decode_bytes", "triage_bytes"]

# Tried in order; utf-8-sig first so a BOM is stripped. ISO-2022-JP is
# 7-bit and decodes most ASCII, so it comes last and only when escapes occur.
_ENCODINGS = ("utf-8-sig", "cp932", "euc-jp")
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v", "\x1b"}


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return controls > max(2, len(sample) // 20)


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` as Japanese text or raise :class:`UndecodableInput`."""
    if b"\x00" in data[:65536]:
        raise UndecodableInput()
    candidates: list[str] = []
    if b"\x1b$" in data or b"\x1b(" in data:
        candidates.append("iso-2022-jp")
    candidates.extend(_ENCODINGS)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise UndecodableInput()
        return text
    raise UndecodableInput()


def triage_bytes(data: bytes) -> Result:
    """Decode ``data`` with :func:`decode_bytes` and triage it."""
    from ._engine import triage  # imported here: decoding alone needs no model

    return triage(decode_bytes(data))
