"""The notification log: what was sent, what failed and why, with "retry now"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.accounts.http import AuthenticatedRequest
from mamori.accounts.models import Role
from mamori.notify.actions import NotifyError, do_retry_notification
from mamori.notify.models import Notification, NotificationStatus, WebhookEndpoint

NOTIFY_ROLES = frozenset({Role.RESPONSE_TEAM, Role.HR_ADMIN})
PAGE_SIZE = 200


def _organisation_id(request: AuthenticatedRequest) -> int:
    """The organisation whose notifications the user may manage; 403 for other roles."""
    org_id = request.user.organisation_id
    if request.user.role not in NOTIFY_ROLES or org_id is None:
        raise PermissionDenied
    return org_id


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    org_id = _organisation_id(request)
    notifications = Notification.objects.filter(organisation_id=org_id).select_related(
        "case", "endpoint"
    )
    status = request.GET.get("status", "")
    if status in NotificationStatus.values:
        notifications = notifications.filter(status=status)
    else:
        status = ""
    return render(
        request,
        "notify/notification_list.html",
        {
            "notifications": notifications[:PAGE_SIZE],
            "status": status,
            "statuses": NotificationStatus.choices,
            "endpoints": WebhookEndpoint.objects.filter(organisation_id=org_id),
        },
    )


@login_required
@require_POST
def notification_retry(request: AuthenticatedRequest, notification_id: int) -> HttpResponse:
    org_id = _organisation_id(request)
    notification = get_object_or_404(Notification, pk=notification_id, organisation_id=org_id)
    try:
        do_retry_notification(actor=request.user, notification=notification)
    except NotifyError:
        messages.error(request, _("This notification was already sent."))
    else:
        messages.success(request, _("Queued to be sent again now."))
    return redirect("notify:list")
