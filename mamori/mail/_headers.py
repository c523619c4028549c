"""Header values, addresses, dates and file names, decoded for Japanese mail.

Works on the *raw* header values the stdlib parser keeps (``raw_items()``:
8-bit bytes as surrogate escapes, folds intact). The stdlib still does the
splitting — :func:`email.header.decode_header` for encoded words,
:func:`email.utils.getaddresses` for address lists,
:func:`email.utils.parsedate_to_datetime` for dates and a compat32
:class:`email.message.Message` for MIME parameters and RFC 2231 — and this
module only decodes the resulting bytes with :func:`._charset.decode_text`,
because the stdlib's own decoding loses ①, ㈱ and 髙 and can raise on them.

Every function here returns warnings as codes instead of raising.
"""

from __future__ import annotations

import datetime as dt
import email.errors
import email.header
import email.message
import email.utils
import re
from collections.abc import Sequence

from ._charset import Decoded, decode_text

__all__ = [
    "ENCODED_WORD_BROKEN",
    "HEADER_WARNINGS",
    "content_charset",
    "decode_header_value",
    "filename",
    "header_view",
    "parse_addresses",
    "parse_date",
    "parse_message_id",
    "raw_to_bytes",
    "unfold",
]

_FOLD_RE = re.compile(r"[\r\n]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_ZONE_NAMES = {"JST": "+0900"}  # the one zone name Japanese mailers still send


def unfold(value: str) -> str:
    """Undo header folding (RFC 5322 §2.2.3): drop the line breaks, keep the WSP."""
    return _FOLD_RE.sub("", value)


def raw_to_bytes(value: str) -> bytes:
    """The original bytes of a raw header value from ``BytesParser``."""
    try:
        return value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        # Not from BytesParser (e.g. set in code): it is real text already.
        return value.encode("utf-8", "surrogateescape")


#: Warning code for each charset outcome other than "ok", for header text.
HEADER_WARNINGS = {
    "variant": "header_charset_variant",
    "mismatch": "header_charset_mismatch",
    "missing": "header_charset_missing",
    "replaced": "header_charset_undecodable",
}
ENCODED_WORD_BROKEN = "header_encoded_word_broken"


def _note(decoded: Decoded, warnings: list[str]) -> None:
    code = HEADER_WARNINGS.get(decoded.outcome)
    if code is not None and code not in warnings:
        warnings.append(code)


def _clean(text: str) -> str:
    return _CONTROL_RE.sub("", text).strip()


def _decode_words(text: str, warnings: list[str]) -> str:
    """Decode the RFC 2047 encoded words in already-decoded ``text``.

    ``email.header.decode_header`` works on byte-valued strings, so the text is
    handed over as UTF-8 bytes spelt in Latin-1 and the unencoded runs come
    back as UTF-8. Adjacent encoded words in one charset are joined before
    decoding, which mends characters that mailers split across words.
    """
    if "=?" not in text:
        return text
    try:
        chunks = email.header.decode_header(text.encode("utf-8").decode("latin-1"))
    except (email.errors.HeaderParseError, ValueError, TypeError):
        if ENCODED_WORD_BROKEN not in warnings:
            warnings.append(ENCODED_WORD_BROKEN)
        return text
    out: list[str] = []
    for chunk, charset in chunks:
        data = chunk.encode("latin-1") if isinstance(chunk, str) else chunk
        if charset is None:
            out.append(data.decode("utf-8", "replace"))
            continue
        decoded = decode_text(data, charset)
        _note(decoded, warnings)
        out.append(decoded.text)
    return "".join(out)


def _to_text(raw: str, warnings: list[str]) -> str:
    """Raw value to text: unfolded, raw 8-bit/ISO-2022-JP bytes decoded."""
    decoded = decode_text(raw_to_bytes(unfold(raw)), None)
    _note(decoded, warnings)
    return decoded.text


def decode_header_value(raw: str | None, warnings: list[str]) -> str:
    """Decode an unstructured header such as Subject; ``""`` when absent."""
    if raw is None:
        return ""
    return _clean(_decode_words(_to_text(raw, warnings), warnings))


def parse_addresses(raws: Sequence[str], warnings: list[str]) -> tuple[tuple[str, str], ...]:
    """``(display name, address)`` pairs from one or more address headers.

    The list is split before encoded words are decoded (RFC 2047 §5), so a
    name like ``=?UTF-8?B?...?=`` that decodes to "山田, 太郎" stays one name.
    """
    texts = [_to_text(raw, warnings) for raw in raws]
    pairs: list[tuple[str, str]] = []
    for name, address in email.utils.getaddresses(texts):
        name = _clean(_decode_words(name, warnings))
        address = _clean(address)
        if name or address:
            pairs.append((name, address))
    return tuple(pairs)


def parse_date(raw: str | None, warnings: list[str]) -> dt.datetime | None:
    """A timezone-aware Date, or ``None``: a missing, invalid or zone-less date
    is never guessed. ``JST`` is read as +09:00, which is what it means.
    """
    if raw is None:
        warnings.append("date_missing")
        return None
    text = _clean(raw_to_bytes(unfold(raw)).decode("ascii", "replace"))
    words = text.rsplit(None, 1)
    if len(words) == 2 and words[1].upper() in _ZONE_NAMES:
        text = f"{words[0]} {_ZONE_NAMES[words[1].upper()]}"
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        warnings.append("date_invalid")
        return None
    if parsed.tzinfo is None:
        # "-0000" or no zone at all: the sender's offset is unknown.
        warnings.append("date_naive")
        return None
    return parsed


def parse_message_id(raw: str | None) -> str | None:
    """The Message-ID as written, angle brackets included; ``None`` when absent."""
    if raw is None:
        return None
    return _clean(raw_to_bytes(unfold(raw)).decode("ascii", "replace")) or None


def _param(view: email.message.Message, name: str, header: str) -> str | None:
    """One MIME parameter, RFC 2231 and encoded words decoded."""
    value = view.get_param(name, None, header=header)
    if value is None:
        return None
    ignored: list[str] = []  # a garbled file name is not worth a warning code
    if isinstance(value, tuple):
        charset, _language, text = value
        data = text.encode("latin-1", "replace")
        decoded = decode_text(data, charset or None)
        return decoded.text
    data = value.encode("latin-1", "replace")
    return _decode_words(decode_text(data, None).text, ignored)


def header_view(raw_items: Sequence[tuple[str, str]]) -> email.message.Message:
    """A compat32 message holding ``raw_items`` as byte-valued (Latin-1) strings.

    compat32's parameter parsing leaves RFC 2231 values undecoded, which lets
    us decode them with the Japanese-aware decoder instead of failing.
    """
    view = email.message.Message()
    for name, value in raw_items:
        view[name] = unfold(raw_to_bytes(value).decode("latin-1"))
    return view


def filename(view: email.message.Message) -> str | None:
    """The attachment's file name from Content-Disposition or Content-Type."""
    name = _param(view, "filename", "content-disposition")
    if not name:
        name = _param(view, "name", "content-type")
    if name is None:
        return None
    name = _clean(name)
    return name or None


def content_charset(view: email.message.Message) -> str | None:
    """The ``charset`` parameter as written, or ``None``."""
    value = view.get_param("charset", None)
    if value is None:
        return None
    if isinstance(value, tuple):
        value = value[2]
    return value.strip() or None
