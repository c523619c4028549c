"""An encrypted list of interview statements.

Interview statements are among the texts the desk encrypts at rest
(``mamori.crypto``): the column holds ``enc:v1:…`` ciphertext of the JSON list
``[{"speaker": …, "said": …}, …]``; Python code sees the list. Being an
``EncryptedTextField``, the column is found and re-encrypted by
``mamori rotate-keys`` and serialised as ciphertext by backups.
"""

from __future__ import annotations

import json
from typing import Any

from mamori.crypto import PREFIX, EncryptedTextField, decrypt, encrypt


def _rows(text: str | None) -> list[dict[str, str]]:
    if not text:
        return []
    loaded = json.loads(text)
    if not isinstance(loaded, list):
        raise ValueError("statements must be a JSON list")
    return [
        {"speaker": str(row.get("speaker", "")), "said": str(row.get("said", ""))}
        for row in loaded
        if isinstance(row, dict)
    ]


def _as_rows(value: Any) -> list[dict[str, str]]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return _rows(json.dumps(value))
    text = str(value)
    return _rows(decrypt(text) if text.startswith(PREFIX) else text)


class EncryptedStatementsField(EncryptedTextField):
    """A list of ``{"speaker", "said"}`` dicts stored as encrypted JSON text."""

    # What django-stubs reads to type the model attribute: a list, not the
    # column's text (the override of TextField's types is the point).
    _pyi_private_set_type: list[dict[str, str]] | str  # type: ignore[assignment]
    _pyi_private_get_type: list[dict[str, str]]  # type: ignore[assignment]

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return _as_rows(value)

    def to_python(self, value: Any) -> Any:
        return _as_rows(value)

    def get_prep_value(self, value: Any) -> Any:
        rows = _as_rows(value)
        return encrypt(json.dumps(rows, ensure_ascii=False)) if rows else ""

    def value_to_string(self, obj: Any) -> str:
        rows = _as_rows(self.value_from_object(obj))
        return encrypt(json.dumps(rows, ensure_ascii=False)) if rows else ""
