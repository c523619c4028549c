"""Every API error, in one JSON shape and in both languages.

    {"error": {"code": "not_found", "message": "…", "message_ja": "…",
               "message_en": "…", "fields": [...]}}

``message`` is in the request's language (Accept-Language, then the default,
Japanese). The messages are written out here in both languages, like the
domain errors (``IntakeError``, ``TriageError``), so a client always gets
both, whatever the installed catalogue holds. ``fields`` appears on
validation errors and lists each bad field with its own messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms import Form
from django.utils.translation import get_language, override

# code -> (Japanese, English); %(name)s placeholders are filled from ``params``.
MESSAGES: dict[str, tuple[str, str]] = {
    "bad_request": ("リクエストの形式が正しくありません。", "The request is malformed."),
    "invalid_json": (
        "リクエスト本文を JSON として読み取れません。",
        "The request body could not be parsed as JSON.",
    ),
    "not_authenticated": (
        "認証が必要です。Authorization: Bearer ヘッダーで API トークンを送ってください。",
        "Authentication required: send an API token in the Authorization: Bearer header.",
    ),
    "invalid_token": ("API トークンが正しくありません。", "The API token is not valid."),
    "token_revoked": (
        "この API トークンは無効化されています。",
        "This API token has been revoked.",
    ),
    "token_expired": (
        "この API トークンは有効期限が切れています。",
        "This API token has expired.",
    ),
    "missing_scope": (
        "この操作には API トークンのスコープ「%(scope)s」が必要です。",
        "This operation needs the API token scope '%(scope)s'.",
    ),
    "forbidden": ("この操作を行う権限がありません。", "You are not allowed to do this."),
    "not_found": ("見つかりません。", "Not found."),
    "method_not_allowed": (
        "この URL ではこのメソッドを使えません。",
        "This method is not allowed on this URL.",
    ),
    "validation_error": (
        "入力内容に誤りがあります。fields をご確認ください。",
        "Some fields are invalid; see fields.",
    ),
    "payload_too_large": ("リクエストが大きすぎます。", "The request is too large."),
    "file_too_large": (
        "ファイルが大きすぎます(上限 %(limit)s MB)。",
        "The file is too large (limit %(limit)s MB).",
    ),
    "status_change_not_allowed": (
        "ステータスを %(old)s から %(new)s へ変更することはできません。",
        "The status cannot change from %(old)s to %(new)s.",
    ),
    "action_refused": (
        "この変更は受け付けられませんでした。",
        "This change was refused.",
    ),
    "instalment_not_found": (
        "この報告回(第%(instalment)s報)はありません。",
        "There is no report instalment %(instalment)s.",
    ),
    "file_missing": (
        "保存されたファイルが見つかりません。管理者に連絡してください。",
        "The stored file is missing. Please contact the administrator.",
    ),
    "internal_error": (
        "サーバーでエラーが発生しました。時間をおいて再度お試しください。",
        "Something went wrong on the server. Please try again later.",
    ),
}

# Pydantic error types -> (Japanese, English); the rest fall back to a generic pair.
FIELD_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("必須項目です。", "This field is required."),
    "string_type": ("文字列で指定してください。", "Give a string."),
    "string_too_short": (
        "%(min_length)s 文字以上で入力してください。",
        "Give at least %(min_length)s characters.",
    ),
    "string_too_long": (
        "%(max_length)s 文字以内で入力してください。",
        "Give at most %(max_length)s characters.",
    ),
    "int_parsing": ("整数で指定してください。", "Give a whole number."),
    "int_type": ("整数で指定してください。", "Give a whole number."),
    "int_from_float": ("整数で指定してください。", "Give a whole number."),
    "bool_parsing": ("true か false で指定してください。", "Give true or false."),
    "bool_type": ("true か false で指定してください。", "Give true or false."),
    "greater_than_equal": ("%(ge)s 以上で指定してください。", "Give %(ge)s or more."),
    "less_than_equal": ("%(le)s 以下で指定してください。", "Give %(le)s or less."),
    "enum": (
        "次のいずれかを指定してください: %(expected)s",
        "Give one of: %(expected)s",
    ),
    "literal_error": (
        "次のいずれかを指定してください: %(expected)s",
        "Give one of: %(expected)s",
    ),
    "datetime_parsing": (
        "日時は ISO 8601 形式(例: 2026-11-02T09:30:00+09:00)で指定してください。",
        "Give a date and time in ISO 8601 (e.g. 2026-11-02T09:30:00+09:00).",
    ),
    "datetime_from_date_parsing": (
        "日時は ISO 8601 形式(例: 2026-11-02T09:30:00+09:00)で指定してください。",
        "Give a date and time in ISO 8601 (e.g. 2026-11-02T09:30:00+09:00).",
    ),
    "datetime_type": (
        "日時は ISO 8601 形式(例: 2026-11-02T09:30:00+09:00)で指定してください。",
        "Give a date and time in ISO 8601 (e.g. 2026-11-02T09:30:00+09:00).",
    ),
    "date_parsing": (
        "日付は YYYY-MM-DD 形式で指定してください。",
        "Give a date as YYYY-MM-DD.",
    ),
    "date_from_datetime_parsing": (
        "日付は YYYY-MM-DD 形式で指定してください。",
        "Give a date as YYYY-MM-DD.",
    ),
    "date_type": ("日付は YYYY-MM-DD 形式で指定してください。", "Give a date as YYYY-MM-DD."),
    "list_type": ("配列で指定してください。", "Give a list."),
    "model_type": ("オブジェクトで指定してください。", "Give an object."),
    "dict_type": ("オブジェクトで指定してください。", "Give an object."),
    "json_invalid": ("JSON の形式が正しくありません。", "The JSON is malformed."),
    "extra_forbidden": ("この項目は使えません。", "This field is not allowed."),
    "value_error": ("値が正しくありません。", "The value is not valid."),
}
GENERIC_FIELD_MESSAGE = ("値が正しくありません。", "The value is not valid.")


def request_lang() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


def _fill(template: str, params: Mapping[str, Any] | None) -> str:
    if not params:
        return template
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return template


@dataclass
class FieldError:
    field: str | None
    location: str
    code: str
    message_ja: str
    message_en: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "location": self.location,
            "code": self.code,
            "message": self.message_en if request_lang() == "en" else self.message_ja,
            "message_ja": self.message_ja,
            "message_en": self.message_en,
        }


@dataclass(eq=False)
class ApiError(Exception):
    """An error the API answers with; the handler turns it into the JSON body."""

    status: int
    code: str
    params: Mapping[str, Any] | None = None
    message_ja: str | None = None
    message_en: str | None = None
    fields: list[FieldError] = field(default_factory=list)
    headers: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        ja, en = MESSAGES.get(self.code, MESSAGES["bad_request"])
        if self.message_ja is None:
            self.message_ja = _fill(ja, self.params)
        if self.message_en is None:
            self.message_en = _fill(en, self.params)
        super().__init__(self.message_en)

    def body(self) -> dict[str, Any]:
        message_ja = self.message_ja or ""
        message_en = self.message_en or ""
        error: dict[str, Any] = {
            "code": self.code,
            "message": message_en if request_lang() == "en" else message_ja,
            "message_ja": message_ja,
            "message_en": message_en,
        }
        if self.fields:
            error["fields"] = [f.as_dict() for f in self.fields]
        return {"error": error}


def pydantic_field_errors(errors: Iterable[Mapping[str, Any]]) -> list[FieldError]:
    """ninja's ValidationError.errors, with ``loc`` like ("body", "payload", "title")."""
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc else "body"
        rest = loc[1:]
        # ninja puts the body parameter's name first; clients know only the field names.
        if location == "body" and len(rest) > 1:
            rest = rest[1:]
        kind = str(error.get("type", "value_error"))
        params = dict(error.get("ctx") or {})
        ja, en = FIELD_MESSAGES.get(kind, GENERIC_FIELD_MESSAGE)
        if kind not in FIELD_MESSAGES and error.get("msg"):
            en = str(error["msg"])
        result.append(
            FieldError(
                field=".".join(rest) or None,
                location=location,
                code=kind,
                message_ja=_fill(ja, params),
                message_en=_fill(en, params),
            )
        )
    return result


def form_field_errors(form: Form, names: Mapping[str, str] | None = None) -> list[FieldError]:
    """A bound Django form's errors in both languages; ``names`` maps form -> API fields."""
    names = names or {}
    result = []
    for name, errors in form.errors.as_data().items():
        for error in errors:
            result.append(_django_field_error(names.get(name, name), error))
    return result


def _django_field_error(name: str, error: DjangoValidationError) -> FieldError:
    # Messages are lazy: rendering them under each language gives both texts.
    with override("ja"):
        message_ja = " ".join(str(m) for m in error.messages)
    with override("en"):
        message_en = " ".join(str(m) for m in error.messages)
    return FieldError(
        field=None if name == "__all__" else name,
        location="body",
        code=error.code or "invalid",
        message_ja=message_ja,
        message_en=message_en,
    )


def form_error(form: Form, names: Mapping[str, str] | None = None) -> ApiError:
    return ApiError(422, "validation_error", fields=form_field_errors(form, names))
