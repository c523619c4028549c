"""Field-level encryption for the most sensitive text: care notes, reporter
identity, interview statements.

Keys come from ``FIELD_ENCRYPTION_KEYS`` (or ``FIELD_ENCRYPTION_KEYS_FILE``): a
comma-separated list of Fernet keys, newest first. New values are encrypted
with the first key; any listed key decrypts. To rotate: put a new key first,
keep the old ones after it, run ``mamori rotate-keys``, then drop the old keys.
Generate a key with ``mamori generate-key``.

A database dump without the keys shows only ciphertext.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc:v1:"


@lru_cache(maxsize=1)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be Fernet keys (url-safe base64, 32 bytes): "
            "create one with `mamori generate-key`"
        ) from exc


def encryption_keys() -> tuple[str, ...]:
    keys = tuple(settings.FIELD_ENCRYPTION_KEYS)
    if keys:
        return keys
    if settings.DEBUG or settings.ALLOW_DERIVED_ENCRYPTION_KEY:
        # Development and tests only: a key derived from SECRET_KEY.
        digest = hashlib.sha256(b"mamori-field-key:" + settings.SECRET_KEY.encode()).digest()
        return (base64.urlsafe_b64encode(digest).decode("ascii"),)
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is not set")


def encrypt(text: str) -> str:
    token = _fernet(encryption_keys()).encrypt(text.encode("utf-8"))
    return PREFIX + token.decode("ascii")


def decrypt(value: str) -> str:
    if not value.startswith(PREFIX):
        # Rows written before the field was encrypted; rotate-keys encrypts them.
        return value
    try:
        return _fernet(encryption_keys()).decrypt(value[len(PREFIX) :].encode("ascii")).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "an encrypted field cannot be decrypted with FIELD_ENCRYPTION_KEYS "
            "(was a key removed before `mamori rotate-keys`?)"
        ) from exc


def rotate(value: str) -> str:
    """Re-encrypt a stored value with the newest key."""
    if not value.startswith(PREFIX):
        return encrypt(value)
    token = _fernet(encryption_keys()).rotate(value[len(PREFIX) :].encode("ascii"))
    return PREFIX + token.decode("ascii")


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text column stored encrypted; it cannot be searched or filtered on."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return decrypt(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith(PREFIX):
            return decrypt(value)
        return super().to_python(value)

    def value_to_string(self, obj: Any) -> str:
        # Serialised copies (dumpdata, backups) carry ciphertext, never the text.
        value = self.value_from_object(obj)
        return encrypt(str(value)) if value else ""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))


def encrypted_fields() -> list[tuple[type[models.Model], str]]:
    from django.apps import apps

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField)
    ]
