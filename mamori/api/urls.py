"""URLs under /api/: the REST API (namespace ``api:v1``) and the app's own pages.

The pages come first so that none of their paths is taken for an API
operation; a catch-all last keeps every other /api/ URL answering JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path

from mamori.api import views
from mamori.api.api import api, error_response
from mamori.api.docs import docs_asset
from mamori.api.errors import ApiError

app_name = "api"


def _json_405(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja answers a wrong method with Django's empty 405; ours says so in JSON."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allow = response.get("Allow", "")
            response = error_response(request, ApiError(405, "method_not_allowed"))
            response["Allow"] = allow
        return response

    return wrapper


def _api_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    patterns, app, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            # ninja's root view only raises 404; ours points to the docs (the name stays:
            # ninja reverses it to find the API's prefix).
            view = views.api_index if pattern.name == "api-root" else pattern.callback
            pattern.callback = _json_405(view)
    return patterns, app, namespace


urlpatterns: list[URLPattern | URLResolver] = [
    path("docs/assets/<str:name>", docs_asset, name="docs_asset"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("webhooks/", views.webhook_list, name="webhooks"),
    path("webhooks/<int:subscription_id>/", views.webhook_detail, name="webhook_detail"),
    path("webhooks/<int:subscription_id>/toggle/", views.webhook_toggle, name="webhook_toggle"),
    path("webhooks/<int:subscription_id>/secret/", views.webhook_rotate, name="webhook_rotate"),
    path("webhooks/<int:subscription_id>/ping/", views.webhook_ping, name="webhook_ping"),
    path(
        "webhooks/<int:subscription_id>/deliveries/<int:delivery_id>/redeliver/",
        views.webhook_redeliver,
        name="webhook_redeliver",
    ),
    path("import/", views.import_records, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("export/<str:kind>.<str:fmt>", views.export_records, name="export"),
    path("", _api_urls()),
    re_path(r"^(?P<path>.*)$", views.not_found, name="not_found"),
]
