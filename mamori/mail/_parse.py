"""``parse_eml``: an uploaded .eml file in, a :class:`ParsedMail` out.

The standard library does the MIME work: ``BytesParser`` with
``email.policy.default`` splits headers and parts and undoes base64 and
quoted-printable. This module adds what Japanese mail needs on top:

* header, body and file-name bytes are decoded by :mod:`._charset`
  (CP932 for Shift_JIS, CP50220 for ISO-2022-JP with ① and ㈱, detection when
  the label is wrong or missing) instead of by the stdlib codecs;
* the parser's header factory falls back to an unstructured header when the
  stock one raises, which it does for e.g. ``name*=iso-2022-jp''...`` holding
  ①; apart from that safety net the policy is ``email.policy.default``;
* upload sniffing (empty, binary, PDF/ZIP/images, Outlook .msg, no headers),
  a size limit, and mbox "From " lines;
* HTML-only mail is turned into readable text by :mod:`._html`.

Oddities that were tolerated are reported as warning codes, listed with their
Japanese and English explanations in :data:`WARNING_MESSAGES`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.policy
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.headerregistry import BaseHeader, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage, Message
from email.parser import BytesParser
from types import MappingProxyType
from typing import Any

from . import _exceptions as errors
from ._charset import decode_text
from ._exceptions import MailError
from ._headers import (
    content_charset,
    decode_header_value,
    filename,
    header_view,
    parse_addresses,
    parse_date,
    parse_message_id,
)
from ._html import html_to_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "WARNING_MESSAGES",
    "Attachment",
    "ParsedMail",
    "parse_eml",
]

#: Default upper bound for :func:`parse_eml`'s ``max_bytes``: 25 MiB.
DEFAULT_MAX_BYTES = 25 * 1024 * 1024

#: Every warning code :func:`parse_eml` can report → (Japanese, English).
WARNING_MESSAGES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "bom": (
            "ファイル先頭の BOM を無視しました。",
            "Ignored a byte-order mark at the start of the file.",
        ),
        "leading_blank_lines": (
            "ファイル先頭の空行を無視しました。",
            "Ignored blank lines before the headers.",
        ),
        "mbox_from_line": (
            "mbox 形式の区切り行（From 行）を読み飛ばしました。",
            "Skipped the mbox 'From ' separator line.",
        ),
        "mbox_multiple_messages": (
            "mbox に複数のメールが含まれていたため、最初の 1 通だけを読み込みました。",
            "The mbox held several messages; only the first one was read.",
        ),
        "from_missing": (
            "差出人（From）がありません。",
            "The message has no From address.",
        ),
        "date_missing": (
            "日付（Date）がありません。",
            "The message has no Date header.",
        ),
        "date_invalid": (
            "日付（Date）を解釈できなかったため、日時は空欄にしました。",
            "The Date header could not be understood, so no date was set.",
        ),
        "date_naive": (
            "日付にタイムゾーンがないため、日時を推測せず空欄にしました。",
            "The Date header has no time zone, so the time was not guessed.",
        ),
        "charset_variant": (
            "本文は宣言された文字コードの拡張版（Windows 版など）で読み込みました"
            "（①や㈱などの機種依存文字を含みます）。",
            "The body was decoded with a vendor variant of its declared charset "
            "(it contains characters such as ① or ㈱).",
        ),
        "charset_mismatch": (
            "本文の文字コード指定が誤っていたため、文字コードを推定して読み込みました。",
            "The body's declared charset was wrong; the charset was detected instead.",
        ),
        "charset_missing": (
            "本文に文字コードの指定がないため、文字コードを推定して読み込みました。",
            "The body declares no charset; the charset was detected.",
        ),
        "charset_undecodable": (
            "本文に読み取れない文字があり、置換文字（�）に置き換えました。",
            "Some bytes of the body could not be decoded and were replaced with �.",
        ),
        "header_charset_variant": (
            "件名・差出人などを、宣言された文字コードの拡張版（Windows 版など）で読み込みました。",
            "A header was decoded with a vendor variant of its declared charset.",
        ),
        "header_charset_mismatch": (
            "件名・差出人などの文字コード指定が誤っていたため、推定して読み込みました。",
            "A header's declared charset was wrong; the charset was detected instead.",
        ),
        "header_charset_missing": (
            "件名・差出人などが MIME 符号化されていないため、文字コードを推定して読み込みました。",
            "A header contained raw non-ASCII bytes; their charset was detected.",
        ),
        "header_charset_undecodable": (
            "件名・差出人などに読み取れない文字があり、置換文字（�）に置き換えました。",
            "Some header bytes could not be decoded and were replaced with �.",
        ),
        "header_encoded_word_broken": (
            "ヘッダーの MIME 符号化が壊れていたため、そのまま表示しています。",
            "A header's MIME encoded-word was broken and is shown as is.",
        ),
        "body_from_html": (
            "本文は HTML から変換したテキストです。",
            "The body text was converted from HTML.",
        ),
        "mime_truncated": (
            "メールが途中で切れているようです。最後の本文や添付ファイルが欠けている可能性があります。",
            "The message seems truncated; its last part may be incomplete.",
        ),
        "mime_no_boundary": (
            "マルチパートの区切りが指定されていないため、本文をそのまま読み込みました。",
            "The multipart message has no boundary; its body was read as plain text.",
        ),
        "header_separator_missing": (
            "ヘッダーと本文の区切りが正しくないため、一部のヘッダーが本文に含まれている可能性があります。",
            "A malformed header line ended the headers early; some may be in the body.",
        ),
        "header_malformed": (
            "ヘッダーの形式に誤りがあります。",
            "Some header lines are malformed.",
        ),
        "base64_damaged": (
            "Base64 でエンコードされた部分が壊れています。添付ファイルが不完全な可能性があります。",
            "Some base64-encoded data is damaged; an attachment may be incomplete.",
        ),
        "mime_defect": (
            "MIME 構造に軽微な誤りがあります。",
            "The MIME structure has minor defects.",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class Attachment:
    """One attachment (or inline image, or forwarded message) of a mail.

    ``filename`` is decoded (RFC 2231, encoded words, raw Shift_JIS …) and has
    control characters removed, but is otherwise as the sender wrote it: it may
    contain path separators and must not be used as a path. ``None`` when the
    part has no name. For ``message/rfc822`` parts ``payload`` is the embedded
    message as the stdlib regenerates it.
    """

    filename: str | None
    content_type: str
    size: int
    sha256: str
    payload: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class ParsedMail:
    """The parts of an e-mail a case desk needs, decoded to text.

    Missing headers are ``""`` (names, addresses, subject) or ``None``
    (``date``, ``message_id``). ``date`` is always timezone-aware when set.
    ``body_text`` uses ``\\n`` line breaks and contains no NUL characters.
    ``charset_used`` is the codec that decoded the (first) body part — a Python
    codec name, or ``cp50220``/``eucjp-ms`` for the Windows-style variants —
    and ``None`` when there is no text body.
    """

    subject: str
    sender_name: str
    sender_address: str
    to: tuple[tuple[str, str], ...]
    cc: tuple[tuple[str, str], ...]
    date: dt.datetime | None
    message_id: str | None
    body_text: str
    attachments: tuple[Attachment, ...]
    charset_used: str | None
    warnings: tuple[str, ...]


# --- Parser policy ------------------------------------------------------------


class _TolerantHeaderRegistry(HeaderRegistry):
    """The stock header registry with a fallback to an unstructured header.

    The stock structured headers decode RFC 2231 parameters with Python's
    codecs and raise UnicodeDecodeError on e.g. ISO-2022-JP ①, which would
    abort the whole parse. We read header values raw ourselves; the parser
    only needs something for Content-Type and friends.
    """

    def __call__(self, name: str, value: Any) -> BaseHeader:
        try:
            return super().__call__(name, value)
        except Exception:  # any header may be garbage; see the docstring
            fallback = type("_UnstructuredHeader", (UnstructuredHeader, self.base_class), {})
            try:
                header: BaseHeader = fallback(name, value)
            except Exception:
                header = fallback(name, "")
            return header


_POLICY = email.policy.default.clone(header_factory=_TolerantHeaderRegistry())

# --- Sniffing -------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"{\\rtf", "RTF"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OUTLOOK_STREAM = "__substg1.0_".encode("utf-16-le")

#: At least one of these must be present for the data to count as an e-mail.
_MAIL_HEADERS = frozenset({"from", "sender", "to", "cc", "date", "subject", "message-id"})

_MBOX_NEXT_RE = re.compile(rb"(?:\r?\n){2}(?=From [^\r\n]*\r?\n)")


def _file_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP"
    if data[4:8] == b"ftyp":
        return "HEIC/MP4"
    if data.startswith(_OLE_MAGIC):
        return "Office"
    if data.startswith(b"BM") and data[6:10] == b"\0\0\0\0":
        return "BMP"  # "BM" alone is too weak; real BMPs have zero reserved bytes
    return None


def _prepare(data: bytes, warnings: list[str]) -> bytes:
    """Refuse what is not an e-mail; strip a BOM, leading blank lines, mbox lines."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        warnings.append("bom")
    if not data.strip():
        raise errors.empty_file()
    if data.startswith(_OLE_MAGIC) and _OUTLOOK_STREAM in data:
        raise errors.outlook_msg()
    kind = _file_kind(data)
    if kind is not None:
        raise errors.other_file_type(kind)
    stripped = data.lstrip(b"\r\n")
    if len(stripped) != len(data):
        warnings.append("leading_blank_lines")
        data = stripped
    head = data[:65536]
    end = min((i for i in (head.find(b"\n\n"), head.find(b"\n\r\n")) if i >= 0), default=-1)
    if b"\x00" in (head if end < 0 else head[:end]):
        raise errors.binary_file()
    if data.startswith(b"From "):
        # The stdlib keeps the first "From " line as the unix-from; an mbox
        # with more messages would otherwise run them all into one body.
        warnings.append("mbox_from_line")
        following = _MBOX_NEXT_RE.search(data)
        if following is not None:
            data = data[: following.start()] + b"\n"
            warnings.append("mbox_multiple_messages")
    return data


# --- Walking the MIME tree -------------------------------------------------------

_MAX_DEPTH = 50

_BODY_WARNINGS = {
    "variant": "charset_variant",
    "mismatch": "charset_mismatch",
    "missing": "charset_missing",
    "replaced": "charset_undecodable",
}

_DEFECT_WARNINGS = {
    "CloseBoundaryNotFoundDefect": "mime_truncated",
    "StartBoundaryNotFoundDefect": "mime_truncated",
    "NoBoundaryInMultipartDefect": "mime_no_boundary",
    "MultipartInvariantViolationDefect": None,  # always comes with one of the above
    "MissingHeaderBodySeparatorDefect": "header_separator_missing",
    "FirstHeaderLineIsContinuationDefect": "header_malformed",
    "MisplacedEnvelopeHeaderDefect": "header_malformed",
    "InvalidBase64PaddingDefect": "base64_damaged",
    "InvalidBase64CharactersDefect": "base64_damaged",
    "InvalidBase64LengthDefect": "base64_damaged",
}

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_NEWLINE_RE = re.compile(r"\r\n?")


@dataclass(frozen=True, slots=True)
class _Segment:
    text: str
    charset: str
    is_html: bool
    warnings: tuple[str, ...]


def _view(part: Message) -> Message:
    return header_view(list(part.raw_items()))


def _is_body_text(view: Message) -> bool:
    """Text that belongs in the body rather than in the attachment list."""
    if view.get_content_maintype() != "text" or view.get_content_subtype() not in (
        "plain",
        "html",
    ):
        return False
    disposition = (view.get("content-disposition") or "").split(";", 1)[0].strip().lower()
    if disposition == "attachment":
        return False
    return not (
        view.get_param("filename", None, header="content-disposition")
        or view.get_param("name", None)
    )


def _payload(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _decode_segment(part: Message, view: Message, is_html: bool) -> _Segment:
    payload = _payload(part)
    label = content_charset(view)
    if label is None and is_html:
        meta = _META_CHARSET_RE.search(payload[:4096])
        label = meta.group(1).decode("ascii") if meta else None
    decoded = decode_text(payload, label)
    text = _NEWLINE_RE.sub("\n", decoded.text).replace("\x00", "")
    warnings = []
    if decoded.outcome in _BODY_WARNINGS:
        warnings.append(_BODY_WARNINGS[decoded.outcome])
    if is_html:
        text = html_to_text(text)
        warnings.append("body_from_html")
    return _Segment(text, decoded.charset, is_html, tuple(warnings))


def _children(part: Message) -> list[Message]:
    payload = part.get_payload()
    return [child for child in payload if isinstance(child, Message)]


def _render(part: Message, depth: int, *, broken_root: bool = False) -> list[_Segment]:
    """The body text segments of ``part``, the way a mail reader shows them."""
    if depth > _MAX_DEPTH:
        raise errors.too_deep()
    view = _view(part)
    maintype, subtype = view.get_content_maintype(), view.get_content_subtype()
    if part.is_multipart():
        if maintype == "message":
            return []  # a forwarded message is an attachment
        children = _children(part)
        if subtype == "related":
            return _render(children[0], depth + 1) if children else []
        rendered = [_render(child, depth + 1) for child in children]
        if subtype == "alternative":
            # Prefer text/plain (with content), then anything with content.
            for segments in rendered:
                if _has_text(segments) and not any(s.is_html for s in segments):
                    return segments
            for segments in rendered:
                if _has_text(segments):
                    return segments
            return next((segments for segments in rendered if segments), [])
        return [segment for segments in rendered for segment in segments]
    if broken_root:
        return [_decode_segment(part, view, is_html=False)]
    if _is_body_text(view):
        return [_decode_segment(part, view, is_html=subtype == "html")]
    return []


def _has_text(segments: list[_Segment]) -> bool:
    return any(segment.text.strip() for segment in segments)


def _attachment(filename_: str | None, content_type: str, payload: bytes) -> Attachment:
    return Attachment(
        filename=filename_,
        content_type=content_type,
        size=len(payload),
        sha256=hashlib.sha256(payload).hexdigest(),
        payload=payload,
    )


def _message_bytes(part: Message, linesep: str) -> bytes:
    """An embedded message as bytes, its raw headers kept as they came."""
    out_policy = _POLICY.clone(refold_source="none", linesep=linesep)
    return b"".join(child.as_bytes(policy=out_policy) for child in _children(part))


def _attachments(part: Message, depth: int, linesep: str) -> list[Attachment]:
    if depth > _MAX_DEPTH:
        raise errors.too_deep()
    view = _view(part)
    if part.is_multipart():
        if view.get_content_maintype() == "message":
            payload = _message_bytes(part, linesep)
            return [_attachment(filename(view), view.get_content_type(), payload)]
        found: list[Attachment] = []
        for child in _children(part):
            found += _attachments(child, depth + 1, linesep)
        return found
    if _is_body_text(view) or view.get_content_maintype() == "multipart":
        return []  # body text, or a broken nested multipart with nothing to keep
    return [_attachment(filename(view), view.get_content_type(), _payload(part))]


def _defect_warnings(message: Message, warnings: list[str]) -> None:
    for part in message.walk():
        for defect in part.defects:
            code = _DEFECT_WARNINGS.get(type(defect).__name__, "mime_defect")
            if code is not None and code not in warnings:
                warnings.append(code)


def _check_structure(message: Message, view: Message) -> bool:
    """Raise for an unusable multipart; True if the root is a salvageable one.

    A multipart whose boundary never appears (truncated right after the
    headers) or that has no parts is unusable. A multipart that names no
    boundary at all is read as a plain-text body, if it has any text.
    """
    if view.get_content_maintype() != "multipart":
        return False
    if message.is_multipart():
        if not _children(message):
            raise errors.no_parts()
        return False
    names = {type(defect).__name__ for defect in message.defects}
    if "NoBoundaryInMultipartDefect" in names and _payload(message).strip():
        return True
    raise errors.no_parts()


# --- The entry point ----------------------------------------------------------------


def _first(headers: dict[str, list[str]], name: str) -> str | None:
    values = headers.get(name)
    return values[0] if values else None


def _parse(data: bytes) -> ParsedMail:
    warnings: list[str] = []
    data = _prepare(data, warnings)
    message = BytesParser(_class=EmailMessage, policy=_POLICY).parsebytes(data)

    headers: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        headers.setdefault(name.strip().lower(), []).append(value)
    if not _MAIL_HEADERS & headers.keys():
        raise errors.no_headers()

    view = _view(message)
    broken_root = _check_structure(message, view)

    subject = decode_header_value(_first(headers, "subject"), warnings)
    senders = parse_addresses(headers.get("from") or headers.get("sender") or [], warnings)
    sender_name, sender_address = senders[0] if senders else ("", "")
    if not sender_address:
        warnings.append("from_missing")
    to = parse_addresses(headers.get("to", []), warnings)
    cc = parse_addresses(headers.get("cc", []), warnings)
    date = parse_date(_first(headers, "date"), warnings)
    message_id = parse_message_id(_first(headers, "message-id"))

    segments = _render(message, 0, broken_root=broken_root)
    linesep = "\r\n" if b"\r\n" in data[:65536] else "\n"
    attachments = () if broken_root else tuple(_attachments(message, 0, linesep))
    shown = [segment for segment in segments if segment.text.strip()] or segments[:1]
    body_text = "\n".join(segment.text for segment in shown)
    for segment in shown:
        warnings += [code for code in segment.warnings if code not in warnings]
    _defect_warnings(message, warnings)

    return ParsedMail(
        subject=subject,
        sender_name=sender_name,
        sender_address=sender_address,
        to=to,
        cc=cc,
        date=date,
        message_id=message_id,
        body_text=body_text,
        attachments=attachments,
        charset_used=shown[0].charset if shown else None,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def parse_eml(
    data: bytes | bytearray | memoryview, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ParsedMail:
    """Parse the bytes of an uploaded .eml file (CRLF, LF or mbox-style).

    Raises :class:`~mamori.mail.MailTooLarge` when ``data`` is longer than
    ``max_bytes``, :class:`~mamori.mail.NotAnEmail` when it is not a mail and
    :class:`~mamori.mail.MalformedMail` when it is one too broken to use. No
    other exception escapes for any bytes; a non-bytes argument is a
    programming error and raises :class:`TypeError`.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"parse_eml() needs bytes, not {type(data).__name__}")
    raw = bytes(data)
    if len(raw) > max_bytes:
        raise errors.too_large(len(raw), max_bytes)
    try:
        return _parse(raw)
    except MailError:
        raise
    except Exception as exc:
        # The stdlib and the codecs can fail in ways nobody lists; callers
        # get one documented error instead of a traceback.
        raise errors.unreadable() from exc
