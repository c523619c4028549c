"""Errors raised by the triage engine.

The hierarchy is part of the public API; callers catch the broadest class
that fits and show ``message_ja`` or ``message_en`` to the user::

    TriageError                 base class, never raised directly
    ├── InputError              the text cannot be triaged as given
    │   ├── EmptyText           empty or whitespace-only text
    │   ├── TextTooLong         more than MAX_TEXT_CHARS characters
    │   └── UndecodableInput    bytes that are binary or in no known encoding
    └── ModelError              the shipped rules or model are missing or broken

Every class has a stable ``code`` (snake case, safe to store and to map in a
web layer) and bilingual messages. ``str(error)`` gives the English message so
that logs stay greppable.
"""

from __future__ import annotations

__all__ = [
    "EmptyText",
    "InputError",
    "ModelError",
    "TextTooLong",
    "TriageError",
    "UndecodableInput",
]


class TriageError(Exception):
    """Base class of every error the triage engine raises on purpose."""

    code: str = "triage_error"
    default_ja: str = "トリアージを実行できませんでした。"
    default_en: str = "The text could not be triaged."

    def __init__(self, message_en: str | None = None, *, message_ja: str | None = None) -> None:
        self.message_en = message_en or self.default_en
        self.message_ja = message_ja or self.default_ja
        super().__init__(self.message_en)

    def message(self, lang: str = "ja") -> str:
        """The message in ``lang`` ("ja" or "en"); Japanese for anything else."""
        return self.message_en if lang == "en" else self.message_ja


class InputError(TriageError):
    """The input cannot be triaged as given; the caller should fix it."""

    code = "invalid_input"
    default_ja = "入力されたテキストを処理できません。"
    default_en = "The input text cannot be processed."


class EmptyText(InputError):
    """The text is empty or contains only whitespace."""

    code = "empty_text"
    default_ja = "テキストが空です。内容を入力してください。"
    default_en = "The text is empty. Please enter some content."


class TextTooLong(InputError):
    """The text is longer than ``MAX_TEXT_CHARS``."""

    code = "text_too_long"

    def __init__(self, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            f"The text has {length:,} characters; the limit is {limit:,}. "
            "Split it into several texts.",
            message_ja=(
                f"テキストが長すぎます({length:,}文字)。上限は{limit:,}文字です。"
                "分割して入力してください。"
            ),
        )


class UndecodableInput(InputError):
    """The bytes are binary data or use an encoding the engine cannot read."""

    code = "undecodable_input"
    default_ja = (
        "テキストとして読み取れません。バイナリファイルか、対応していない文字コードです"
        "(UTF-8、Shift_JIS、EUC-JP、ISO-2022-JPに対応しています)。"
    )
    default_en = (
        "The input cannot be read as text: it is binary or in an unsupported encoding "
        "(UTF-8, Shift_JIS, EUC-JP and ISO-2022-JP are supported)."
    )


class ModelError(TriageError):
    """The rules or the model shipped with the package are missing or broken."""

    code = "model_error"
    default_ja = "判定モデルを読み込めませんでした。管理者に連絡してください。"
    default_en = "The triage model could not be loaded. Please contact the administrator."
