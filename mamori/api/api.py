"""The REST API: one NinjaAPI under /api/, token-authenticated, errors always JSON."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from mamori.api.auth import AUTH_PROBLEM_ATTR, TokenAuth
from mamori.api.docs import OfflineSwagger
from mamori.api.errors import ApiError, pydantic_field_errors
from mamori.api.routes import cases, documents, triage
from mamori.cases.actions import ActionError

logger = logging.getLogger(__name__)

DESCRIPTION = """\
Mamori's case desk over HTTP. Send a personal API token (created on the
desk under **API tokens**) as `Authorization: Bearer mamori_…`; each
operation names the token scope it needs. A case you may not see on the
desk is 404 here too.

Errors are JSON: `{"error": {"code", "message", "message_ja", "message_en",
"fields"?}}`, with `message` in the language of `Accept-Language`
(Japanese by default). Lists take `limit` (1-100) and `offset` and answer
`{"count", "limit", "offset", "items"}`.
"""

HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
}

api = NinjaAPI(
    title="Mamori API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    auth=TokenAuth(),
    docs=OfflineSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("", cases.router)
api.add_router("", triage.router)
api.add_router("", documents.router)


def error_response(request: HttpRequest, error: ApiError) -> HttpResponse:
    response = api.create_response(request, error.body(), status=error.status)
    for name, value in (error.headers or {}).items():
        response[name] = value
    return response


def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(request, exc)


def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    code = getattr(request, AUTH_PROBLEM_ATTR, "not_authenticated")
    challenge = 'Bearer realm="mamori"'
    if code != "not_authenticated":
        challenge += ', error="invalid_token"'
    return error_response(request, ApiError(401, code, headers={"WWW-Authenticate": challenge}))


def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(
        request, ApiError(422, "validation_error", fields=pydantic_field_errors(exc.errors))
    )


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = HTTP_ERROR_CODES.get(exc.status_code, "bad_request")
    if exc.status_code == 400 and "parse request body" in exc.message:
        code = "invalid_json"
    return error_response(request, ApiError(exc.status_code, code))


def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(request, ApiError(404, "not_found"))


def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(request, ApiError(403, "forbidden"))


def _too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(request, ApiError(413, "payload_too_large"))


def _refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.info("API action refused: %s", exc)
    return error_response(request, ApiError(400, "action_refused"))


def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return error_response(request, ApiError(500, "internal_error"))


HANDLERS: list[tuple[type[Exception], Any]] = [
    (ApiError, _api_error),
    (AuthenticationError, _unauthenticated),
    (ValidationError, _invalid),
    (HttpError, _http_error),
    (Http404, _not_found),
    (PermissionDenied, _forbidden),
    (RequestDataTooBig, _too_big),
    (ActionError, _refused),
    (Exception, _server_error),
]
for exc_class, handler in HANDLERS:
    api.add_exception_handler(exc_class, handler)
