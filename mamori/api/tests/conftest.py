"""Fixtures of the API tests: tokens for the desk's personas."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import pytest

from mamori.accounts.models import User
from mamori.api.actions import do_create_token
from mamori.api.models import Scope
from mamori.conftest import Desk

ALL_SCOPES = tuple(Scope.values)

MakeToken = Callable[..., str]


@pytest.fixture
def make_token(desk: Desk) -> MakeToken:
    def make(
        user: User, scopes: Sequence[str] = ALL_SCOPES, expires_at: datetime | None = None
    ) -> str:
        _token, secret = do_create_token(
            actor=user, name="test", scopes=scopes, expires_at=expires_at
        )
        return secret

    return make


def bearer(secret: str, lang: str = "en") -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}", "Accept-Language": lang}
