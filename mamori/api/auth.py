"""Bearer-token authentication and scope checks for the API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from mamori.accounts.models import User
from mamori.api.actions import touch_token
from mamori.api.errors import ApiError
from mamori.api.models import ApiToken
from mamori.api.tokens import find_token

# Set on the request when a token was presented but refused; the 401 says why.
AUTH_PROBLEM_ATTR = "mamori_api_auth_problem"


class TokenAuth(HttpBearer):
    """``Authorization: Bearer mamori_…``; the request then acts as the token's user."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found, problem = find_token(token)
        if found is None:
            setattr(request, AUTH_PROBLEM_ATTR, problem.value if problem else "invalid_token")
            return None
        touch_token(found)
        request.user = found.user
        return found


def api_token(request: HttpRequest) -> ApiToken:
    token: Any = getattr(request, "auth", None)
    if not isinstance(token, ApiToken):
        raise ApiError(401, "not_authenticated")
    return token


def api_user(request: HttpRequest) -> User:
    return api_token(request).user


def need_scope(request: HttpRequest, scope: str) -> User:
    """The token's user, if the token carries ``scope``; 403 JSON otherwise."""
    token = api_token(request)
    if not token.has_scope(scope):
        raise ApiError(403, "missing_scope", params={"scope": scope})
    return token.user
