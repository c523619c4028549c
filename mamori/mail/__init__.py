"""Read uploaded e-mail (.eml) files, with Japanese mail done right.

A framework-free package: it imports nothing from Django, so the web layer,
background tasks and command-line tools can all use it. ::

    from mamori.mail import parse_eml, MailError

    try:
        mail = parse_eml(upload.read())
    except MailError as error:
        show(error.message_ja)  # error.code is stable, e.g. "mail.no_headers"

Public API
----------
``parse_eml(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedMail``
    (``bytearray`` and ``memoryview`` are accepted too.)
    Parse one message. ISO-2022-JP (with ①, ㈱, 髙), Shift_JIS (as CP932),
    EUC-JP and UTF-8 bodies and headers; wrong or missing charset labels;
    CRLF or LF line endings; a leading mbox "From " line.
``ParsedMail``, ``Attachment``
    Frozen dataclasses holding the result.
``WARNING_MESSAGES``
    Each warning code in ``ParsedMail.warnings`` → (Japanese, English).
``MailError`` → ``NotAnEmail`` | ``MailTooLarge`` | ``MalformedMail``
    See :mod:`mamori.mail._exceptions` for the codes and messages.
"""

from __future__ import annotations

from ._exceptions import MailError, MailTooLarge, MalformedMail, NotAnEmail
from ._parse import DEFAULT_MAX_BYTES, WARNING_MESSAGES, Attachment, ParsedMail, parse_eml

__all__ = [
    "DEFAULT_MAX_BYTES",
    "WARNING_MESSAGES",
    "Attachment",
    "MailError",
    "MailTooLarge",
    "MalformedMail",
    "NotAnEmail",
    "ParsedMail",
    "parse_eml",
]
