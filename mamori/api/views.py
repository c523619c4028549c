"""Pages of the API app: personal tokens, webhooks, master-data import and export."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mamori.accounts.http import AuthenticatedRequest
from mamori.accounts.models import Role, User
from mamori.api import actions, webhooks
from mamori.api.errors import ApiError
from mamori.api.forms import ImportConfirmForm, ImportForm, TokenForm, WebhookForm
from mamori.api.importing import (
    COLUMNS,
    ImportFileError,
    ImportRejected,
    Preview,
    RecordKind,
    build_preview,
    do_export_records,
    do_import_records,
    read_table,
)
from mamori.api.models import (
    ApiToken,
    DeliveryStatus,
    WebhookDelivery,
    WebhookSubscription,
)
from mamori.api.tokens import can_use_api

IMPORT_SALT = "mamori.api.import"
# The preview must be confirmed within this time; after it, upload again.
IMPORT_MAX_AGE = 60 * 60


def _lang() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


def _require_hr_admin(user: User) -> None:
    if user.role != Role.HR_ADMIN or user.organisation_id is None:
        raise PermissionDenied


# --- tokens --------------------------------------------------------------------------


@never_cache
@login_required
def tokens(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not can_use_api(user):
        raise PermissionDenied
    form = TokenForm(request.POST or None, user=user)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = actions.do_create_token(
            actor=user,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            expires_at=form.expires_at(),
        )
        messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
        form = TokenForm(user=user)
    organisation_tokens = None
    if user.role == Role.HR_ADMIN:
        organisation_tokens = (
            ApiToken.objects.filter(user__organisation=user.organisation, revoked_at=None)
            .exclude(user=user)
            .select_related("user")
        )
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": ApiToken.objects.filter(user=user),
            "organisation_tokens": organisation_tokens,
        },
    )


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    user = request.user
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=token_id)
    may_revoke = token.user_id == user.pk or (
        user.role == Role.HR_ADMIN
        and user.organisation_id is not None
        and token.user.organisation_id == user.organisation_id
    )
    if not may_revoke:
        raise Http404
    actions.do_revoke_token(actor=user, token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api:tokens")


# --- webhooks ------------------------------------------------------------------------


def _subscription(user: User, subscription_id: int) -> WebhookSubscription:
    _require_hr_admin(user)
    return get_object_or_404(
        WebhookSubscription, pk=subscription_id, organisation_id=user.organisation_id
    )


@never_cache
@login_required
def webhook_list(request: AuthenticatedRequest) -> HttpResponse:
    _require_hr_admin(request.user)
    form = WebhookForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        created = actions.do_create_webhook(
            actor=request.user,
            url=form.cleaned_data["url"],
            events=form.cleaned_data["events"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("Webhook created."))
        form = WebhookForm()
    subscriptions = WebhookSubscription.objects.filter(organisation=request.user.organisation)
    return render(
        request,
        "api/webhooks.html",
        {"form": form, "subscriptions": subscriptions, "created": created},
    )


@never_cache
@login_required
def webhook_detail(request: AuthenticatedRequest, subscription_id: int) -> HttpResponse:
    subscription = _subscription(request.user, subscription_id)
    return _render_detail(request, subscription, secret=None)


def _render_detail(
    request: AuthenticatedRequest, subscription: WebhookSubscription, secret: str | None
) -> HttpResponse:
    deliveries = subscription.deliveries.select_related("case")[:100]
    return render(
        request,
        "api/webhook_detail.html",
        {
            "subscription": subscription,
            "deliveries": deliveries,
            "secret": secret,
            "retryable": {DeliveryStatus.FAILED, DeliveryStatus.SUCCEEDED},
        },
    )


@login_required
@require_POST
def webhook_toggle(request: AuthenticatedRequest, subscription_id: int) -> HttpResponse:
    subscription = _subscription(request.user, subscription_id)
    actions.do_set_webhook_active(
        actor=request.user, subscription=subscription, active=not subscription.active
    )
    return redirect("api:webhook_detail", subscription_id=subscription.pk)


@never_cache
@login_required
@require_POST
def webhook_rotate(request: AuthenticatedRequest, subscription_id: int) -> HttpResponse:
    subscription = _subscription(request.user, subscription_id)
    subscription = actions.do_rotate_webhook_secret(actor=request.user, subscription=subscription)
    messages.success(request, _("New signing secret created."))
    return _render_detail(request, subscription, secret=subscription.secret)


@login_required
@require_POST
def webhook_ping(request: AuthenticatedRequest, subscription_id: int) -> HttpResponse:
    subscription = _subscription(request.user, subscription_id)
    webhooks.send_ping(subscription)
    messages.success(request, _("Test delivery queued."))
    return redirect("api:webhook_detail", subscription_id=subscription.pk)


@login_required
@require_POST
def webhook_redeliver(
    request: AuthenticatedRequest, subscription_id: int, delivery_id: int
) -> HttpResponse:
    subscription = _subscription(request.user, subscription_id)
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_id, subscription=subscription)
    if delivery.status in {DeliveryStatus.FAILED, DeliveryStatus.SUCCEEDED}:
        webhooks.redeliver(delivery)
        messages.success(request, _("Delivery queued again."))
    return redirect("api:webhook_detail", subscription_id=subscription.pk)


# --- import and export ---------------------------------------------------------------


def _import_context(
    form: ImportForm, preview: Preview | None = None, **extra: Any
) -> dict[str, Any]:
    lang = _lang()
    formats = [
        {
            "kind": kind,
            "label": label,
            "columns": [
                (column.header(lang), column.required) for column in COLUMNS[RecordKind(kind)]
            ],
        }
        for kind, label in RecordKind.choices
    ]
    return {"form": form, "preview": preview, "formats": formats, **extra}


@never_cache
@login_required
def import_records(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    _require_hr_admin(user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "api/import.html", _import_context(form))
    upload = form.cleaned_data["file"]
    data = upload.read()
    kind = form.cleaned_data["kind"]
    try:
        table = read_table(data)
    except ImportFileError as error:
        form.add_error("file", str(error))
        return render(request, "api/import.html", _import_context(form))
    if user.organisation is None:
        raise PermissionDenied
    preview = build_preview(kind, table, user.organisation)
    confirm = None
    if preview.ok:
        payload = {
            "kind": kind,
            "table": table,
            "name": upload.name,
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        token = signing.dumps(payload, salt=f"{IMPORT_SALT}:{user.pk}", compress=True)
        confirm = ImportConfirmForm(initial={"payload": token})
    return render(
        request,
        "api/import.html",
        _import_context(form, preview, confirm=confirm, file_name=upload.name),
    )


@login_required
@require_POST
def import_confirm(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    _require_hr_admin(user)
    form = ImportConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise signing.BadSignature
        payload = signing.loads(
            form.cleaned_data["payload"], salt=f"{IMPORT_SALT}:{user.pk}", max_age=IMPORT_MAX_AGE
        )
    except signing.BadSignature:
        messages.error(request, _("The preview has expired. Upload the file again."))
        return redirect("api:import")
    try:
        summary = do_import_records(
            actor=user,
            kind=payload["kind"],
            table=payload["table"],
            file_name=payload["name"],
            sha256=payload["sha256"],
        )
    except ImportRejected as rejected:
        messages.error(request, _("The records changed since the preview; nothing was imported."))
        return render(
            request,
            "api/import.html",
            _import_context(ImportForm(), rejected.preview, file_name=payload["name"]),
        )
    messages.success(
        request,
        _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
        % {
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
        },
    )
    return redirect("api:import")


@login_required
def export_records(request: AuthenticatedRequest, kind: str, fmt: str) -> HttpResponse:
    _require_hr_admin(request.user)
    if kind not in RecordKind.values or fmt not in {"csv", "xlsx"}:
        raise Http404
    exported = do_export_records(actor=request.user, kind=kind, fmt=fmt, lang=_lang())
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename) or ""
    return response


# --- JSON for everything else under /api/ ----------------------------------------------


def api_index(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return JsonResponse(
        {
            "name": "Mamori API",
            "version": "1",
            "docs": request.build_absolute_uri(reverse("api:v1:openapi-view")),
            "openapi": request.build_absolute_uri(reverse("api:v1:openapi-json")),
        }
    )


def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Unknown URLs under /api/ answer JSON, except where adding a slash finds a page."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not_found":
            query = request.META.get("QUERY_STRING", "")
            return redirect(request.path + "/" + (f"?{query}" if query else ""))
    return JsonResponse(ApiError(404, "not_found").body(), status=404)
