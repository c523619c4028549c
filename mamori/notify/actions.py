"""Creating notifications, delivering them with retries, and recording the outcome.

Notifications are created inside the caller's transaction and handed to the
task worker only when that transaction commits (``transaction.on_commit``):
a rolled-back action sends nothing, and no request waits for a mail server.

Texts never carry what a reporter wrote: a notification says that something
happened on which case, with a link; the details stay behind the desk's login.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mamori.accounts.models import Role, User
from mamori.audit.actions import record_event
from mamori.audit.models import EventType
from mamori.notify import delivery
from mamori.notify.models import (
    Notification,
    NotificationChannel,
    NotificationEvent,
    NotificationStatus,
    WebhookEndpoint,
)
from mamori.notify.tasks import enqueue_delivery

if TYPE_CHECKING:
    from mamori.cases.models import Case

logger = logging.getLogger(__name__)

# Attempt n (n >= 1) that fails is retried after RETRY_BASE * 2**(n-1):
# 1, 2, 4, 8 and 16 minutes, then the notification is marked failed.
MAX_ATTEMPTS = 6
RETRY_BASE = timedelta(minutes=1)
# While one worker sends, others that pick up a duplicate task leave it alone.
CLAIM_LEASE = timedelta(minutes=2)
# A pending notification this far past its due time lost its task; queue it again.
STALE_AFTER = timedelta(minutes=10)
HARASSMENT_VERDICT = "customer_harassment"


# Set while an action that sends its own, more specific notice opens a case.
_labels_quiet: ContextVar[bool] = ContextVar("notify_labels_quiet", default=False)


class NotifyError(Exception):
    """A notification request the rules refuse; the message is shown to the user."""


def desk_language() -> translation.override:
    """Texts that leave the desk are written in the desk's language, not the requester's."""
    return translation.override(settings.LANGUAGE_CODE)


def _event_label(event: str) -> str:
    names = dict(NotificationEvent.choices)
    return str(names[event]) if event in names else event


def build_payload(*, case: Case, event: str, summary: str, path: str | None) -> dict[str, Any]:
    url = settings.SITE_URL.rstrip("/") + (path or case.get_absolute_url())
    with desk_language():
        subject = f"[Mamori] {case.number} {_event_label(event)}"
        text = "\n".join(
            [subject, summary, _("Severity: %(severity)s") % {"severity": case.severity}, url]
        )
    return {
        "subject": subject,
        "text": text,
        "summary": summary,
        "url": url,
        "event": event,
        "case": case.number,
        "severity": case.severity,
        "organisation": case.organisation.slug,
    }


def _create(
    *,
    case: Case,
    event: str,
    channel: str,
    target: str,
    payload: dict[str, Any],
    recipient: User | None = None,
    endpoint: WebhookEndpoint | None = None,
) -> Notification:
    notification = Notification.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        event=event,
        channel=channel,
        target=target,
        recipient=recipient,
        endpoint=endpoint,
        payload=payload,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(partial(enqueue_delivery, notification.pk))
    return notification


def notify_users(
    *, case: Case, users: Iterable[User], event: str, summary: str, path: str | None = None
) -> list[Notification]:
    """One e-mail per active user of the case's organisation who has an address."""
    payload = build_payload(case=case, event=event, summary=summary, path=path)
    created: list[Notification] = []
    seen: set[str] = set()
    with transaction.atomic():
        for user in users:
            address = (user.email or "").strip()
            if (
                not user.is_active
                or user.organisation_id != case.organisation_id
                or not address
                or address.lower() in seen
            ):
                continue
            seen.add(address.lower())
            created.append(
                _create(
                    case=case,
                    event=event,
                    channel=NotificationChannel.EMAIL,
                    target=address,
                    payload=payload,
                    recipient=user,
                )
            )
    return created


def notify_webhooks(
    *, case: Case, event: str, summary: str, path: str | None = None
) -> list[Notification]:
    payload = build_payload(case=case, event=event, summary=summary, path=path)
    endpoints = WebhookEndpoint.objects.filter(organisation_id=case.organisation_id, active=True)
    with transaction.atomic():
        return [
            _create(
                case=case,
                event=event,
                channel=NotificationChannel.WEBHOOK,
                target=endpoint.url,
                payload=payload,
                endpoint=endpoint,
            )
            for endpoint in endpoints
        ]


def response_team(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            organisation_id=organisation_id, role=Role.RESPONSE_TEAM, is_active=True
        ).order_by("id")
    )


def notify_response_team(
    *, case: Case, event: str, summary: str, path: str | None = None
) -> list[Notification]:
    """E-mail every active response-team member with an address, and post to every webhook.

    Call inside the action that caused the event; delivery starts after commit.
    """
    with transaction.atomic():
        return [
            *notify_users(
                case=case,
                users=response_team(case.organisation_id),
                event=event,
                summary=summary,
                path=path,
            ),
            *notify_webhooks(case=case, event=event, summary=summary, path=path),
        ]


def on_case_labels_changed(
    case: Case, old_verdict: str | None, new_verdict: str | None
) -> list[Notification]:
    """Tell the response team when a case's verdict becomes customer harassment.

    Once per case: a case that came in through the consultation desk, or was
    already notified, stays quiet when its labels move again.
    """
    if new_verdict != HARASSMENT_VERDICT or old_verdict == HARASSMENT_VERDICT:
        return []
    if _labels_quiet.get():
        return []
    already = Notification.objects.filter(
        case=case,
        event__in=[NotificationEvent.BECAME_HARASSMENT, NotificationEvent.SELF_REPORT],
    )
    if already.exists():
        return []
    with desk_language():
        summary = _("The case is now labelled customer harassment. Put the employee's care first.")
    return notify_response_team(
        case=case, event=NotificationEvent.BECAME_HARASSMENT, summary=summary
    )


@contextmanager
def quiet_label_changes() -> Iterator[None]:
    """Within the block, label changes notify nobody (the caller sends its own notice).

    The consultation desk opens its case inside this: triage of the report's
    first entry must not announce a case the desk is about to announce itself.
    """
    token = _labels_quiet.set(True)
    try:
        yield
    finally:
        _labels_quiet.reset(token)


def _claim(notification_id: int) -> Notification | None:
    now = timezone.now()
    with transaction.atomic():
        notification = (
            # Lock only the notification: the endpoint join is nullable (PostgreSQL refuses).
            Notification.objects.select_for_update(of=("self",))
            .select_related("endpoint")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.status != NotificationStatus.PENDING:
            return None
        due = notification.next_attempt_at
        # A task that is early (a duplicate, or a retry already handled) leaves it alone.
        if due is not None and due > now:
            return None
        notification.next_attempt_at = now + CLAIM_LEASE
        notification.save(update_fields=["next_attempt_at"])
    return notification


def _describe(exc: BaseException) -> str:
    text = str(exc) or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}"[:1000]


def retry_delay(attempt: int) -> timedelta:
    """The wait after failed attempt number ``attempt`` (1-based)."""
    return RETRY_BASE * (1 << max(attempt - 1, 0))


def deliver(notification_id: int, *, requested_by: int | None = None) -> str:
    """Try one send; on failure schedule the next attempt with exponential backoff.

    Returns what happened ("sent", "retry", "failed", "skipped") for the task log.
    """
    notification = _claim(notification_id)
    if notification is None:
        return "skipped"
    error: str | None = None
    try:
        delivery.send(notification)
    except Exception as exc:
        error = _describe(exc)
        logger.warning("notification %s failed: %s", notification_id, error)
    return _record_attempt(notification_id, error=error, requested_by=requested_by)


def _record_attempt(notification_id: int, *, error: str | None, requested_by: int | None) -> str:
    now = timezone.now()
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        notification.attempts += 1
        data: dict[str, Any] = {
            "event": notification.event,
            "channel": notification.channel,
            "target": notification.target,
            "attempt": notification.attempts,
        }
        if requested_by is not None:
            data["requested_by"] = requested_by
        if error is None:
            notification.status = NotificationStatus.SENT
            notification.sent_at = now
            notification.last_error = ""
            notification.next_attempt_at = None
            outcome = "sent"
            event_type = EventType.NOTIFICATION_SENT
        else:
            notification.last_error = error
            event_type = EventType.NOTIFICATION_FAILED
            data["error"] = error
            if notification.attempts >= MAX_ATTEMPTS:
                notification.status = NotificationStatus.FAILED
                notification.next_attempt_at = None
                outcome = "failed"
            else:
                run_after = now + retry_delay(notification.attempts)
                notification.next_attempt_at = run_after
                transaction.on_commit(
                    partial(enqueue_delivery, notification.pk, run_after=run_after)
                )
                outcome = "retry"
            data["will_retry"] = outcome == "retry"
        notification.save(
            update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"]
        )
        record_event(
            actor=None,
            event_type=event_type,
            case=notification.case,
            obj=notification,
            data=data,
            organisation_id=notification.organisation_id,
        )
    return outcome


def do_retry_notification(*, actor: User, notification: Notification) -> Notification:
    """Send again now, whatever the backoff said; a failed notification gets one more try."""
    if notification.organisation_id != actor.organisation_id:
        raise NotifyError("notification of another organisation")
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
        if notification.status == NotificationStatus.SENT:
            raise NotifyError("already sent")
        notification.status = NotificationStatus.PENDING
        notification.next_attempt_at = timezone.now()
        notification.save(update_fields=["status", "next_attempt_at"])
        transaction.on_commit(partial(enqueue_delivery, notification.pk, requested_by=actor.pk))
    return notification


def requeue_stale(now: datetime | None = None) -> int:
    """Queue again pending notifications whose task was lost (e.g. the enqueue failed)."""
    now = now or timezone.now()
    stale = Notification.objects.filter(
        status=NotificationStatus.PENDING, next_attempt_at__lt=now - STALE_AFTER
    ).values_list("pk", flat=True)
    count = 0
    for pk in stale:
        enqueue_delivery(pk)
        count += 1
    return count
