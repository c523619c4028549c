"""Token format, hashing and lookup.

A token reads ``mamori_<prefix>_<secret>``: the prefix (8 hex digits) finds
the row, the SHA-256 of the whole token proves it. Only the hash is stored,
so a copy of the database does not hand out working tokens. A plain SHA-256
is enough here (unlike passwords): the secret carries 256 random bits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from mamori.accounts.models import Role
from mamori.api.models import ApiToken

if TYPE_CHECKING:
    from mamori.accounts.models import User

TOKEN_PREFIX = "mamori"  # noqa: S105 - not a secret: the fixed start of every token


class TokenProblem(Enum):
    """Why a presented token was refused; each maps to an error code of the API."""

    INVALID = "invalid_token"
    REVOKED = "token_revoked"
    EXPIRED = "token_expired"


@dataclass(frozen=True)
class NewToken:
    prefix: str
    secret: str  # the whole token, shown to its owner once

    @property
    def hash(self) -> str:
        return hash_token(self.secret)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def generate_token() -> NewToken:
    prefix = secrets.token_hex(4)
    return NewToken(prefix=prefix, secret=f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}")


def can_use_api(user: User | Any) -> bool:
    """Staff of an organisation; reporters follow their cases through the consultation desk."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.organisation_id is not None
        and user.role != Role.REPORTER
    )


def find_token(raw: str) -> tuple[ApiToken | None, TokenProblem | None]:
    """The token row for ``raw`` if it is valid now, else the reason it is not."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None, TokenProblem.INVALID
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(prefix=parts[1])
        .first()
    )
    # Compare in constant time so the hash cannot be learnt byte by byte.
    if token is None or not hmac.compare_digest(token.token_hash, hash_token(raw.strip())):
        return None, TokenProblem.INVALID
    if token.is_revoked:
        return None, TokenProblem.REVOKED
    if token.is_expired:
        return None, TokenProblem.EXPIRED
    if not can_use_api(token.user):
        return None, TokenProblem.INVALID
    return token, None
