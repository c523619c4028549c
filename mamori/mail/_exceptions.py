"""Errors raised by :func:`mamori.mail.parse_eml`.

Every error carries a stable ``code`` (for logs, tests and the web layer's
mapping) and a user-facing message in Japanese and English. ``str(error)`` is
the English message. Errors pickle cleanly, so background tasks can pass them
on.

Hierarchy and codes::

    MailError                     base class; never raised directly
    ├── NotAnEmail                the upload is not an e-mail at all
    │     mail.empty              zero bytes, or only blank lines
    │     mail.binary             NUL bytes in the header block
    │     mail.file_type          a known non-mail file (PDF, ZIP, PNG, JPEG …)
    │     mail.outlook_msg        an Outlook .msg (OLE compound) file
    │     mail.no_headers         no From/Sender/To/Cc/Subject/Date/Message-ID
    ├── MailTooLarge              over the size limit
    │     mail.too_large          (``size`` and ``limit`` attributes, in bytes)
    └── MalformedMail             an e-mail, but unusable
          mail.malformed          a multipart with no parts and no body
          mail.too_deep           MIME parts nested absurdly deep
          mail.unreadable         an unexpected failure while decoding
"""

from __future__ import annotations

__all__ = [
    "MailError",
    "MailTooLarge",
    "MalformedMail",
    "NotAnEmail",
]

_MIB = 1024 * 1024


class MailError(Exception):
    """Base class of every error :func:`~mamori.mail.parse_eml` raises."""

    def __init__(self, code: str, message_ja: str, message_en: str) -> None:
        super().__init__(code, message_ja, message_en)
        self.code = code
        self.message_ja = message_ja
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_en


class NotAnEmail(MailError):
    """The data is not an e-mail: empty, binary, another file type, no headers."""


class MailTooLarge(MailError):
    """The data is larger than the caller's limit; nothing was parsed."""

    def __init__(
        self,
        code: str,
        message_ja: str,
        message_en: str,
        *,
        size: int = 0,
        limit: int = 0,
    ) -> None:
        super().__init__(code, message_ja, message_en)
        self.size = size
        self.limit = limit


class MalformedMail(MailError):
    """The data is an e-mail, but too broken to yield a body or attachments."""


# Factories: the one place where codes and messages are spelt out.


def empty_file() -> NotAnEmail:
    return NotAnEmail(
        "mail.empty",
        "ファイルが空です。メール（.eml）ファイルを選んでください。",
        "The file is empty. Please choose an e-mail (.eml) file.",
    )


def binary_file() -> NotAnEmail:
    return NotAnEmail(
        "mail.binary",
        "メールではなくバイナリファイルのようです。メール（.eml）ファイルを選んでください。",
        "This looks like a binary file, not an e-mail. Please choose an .eml file.",
    )


def other_file_type(kind: str) -> NotAnEmail:
    return NotAnEmail(
        "mail.file_type",
        f"{kind} ファイルのようです。メールを .eml 形式で保存したファイルを選んでください。",
        f"This looks like a {kind} file, not an e-mail. Please choose a message saved as .eml.",
    )


def outlook_msg() -> NotAnEmail:
    return NotAnEmail(
        "mail.outlook_msg",
        "Outlook の .msg ファイルには対応していません。"
        ".eml 形式で保存し直すか、メールを添付ファイルとして転送してください。",
        "Outlook .msg files are not supported. "
        "Save the message as .eml, or forward it as an attachment.",
    )


def no_headers() -> NotAnEmail:
    return NotAnEmail(
        "mail.no_headers",
        "メールのヘッダー（差出人・宛先・件名・日付など）が見つかりません。"
        "メール（.eml）ファイルではないようです。",
        "No e-mail headers (From, To, Subject, Date …) were found; "
        "this does not look like an .eml file.",
    )


def too_large(size: int, limit: int) -> MailTooLarge:
    size_mb = f"{size / _MIB:.1f}"
    limit_mb = f"{limit / _MIB:.1f}"
    return MailTooLarge(
        "mail.too_large",
        f"ファイルが大きすぎます（{size_mb} MB）。上限は {limit_mb} MB です。",
        f"The file is too large ({size_mb} MB); the limit is {limit_mb} MB.",
        size=size,
        limit=limit,
    )


def no_parts() -> MalformedMail:
    return MalformedMail(
        "mail.malformed",
        "メールの構造が壊れていて、本文も添付ファイルも読み取れません"
        "（途中で切れている可能性があります）。",
        "The message structure is broken: no body or attachments could be read "
        "(it may be truncated).",
    )


def too_deep() -> MalformedMail:
    return MalformedMail(
        "mail.too_deep",
        "メールの入れ子（MIME パート）が深すぎるため読み取れません。",
        "The message nests its MIME parts too deeply to be read.",
    )


def unreadable() -> MalformedMail:
    return MalformedMail(
        "mail.unreadable",
        "メールを読み取れませんでした。ファイルが壊れている可能性があります。",
        "The message could not be read; the file may be damaged.",
    )
