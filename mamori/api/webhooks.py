"""Outgoing webhooks: signed notices of case events, sent after commit, retried.

``emit_case_event`` is called by the case actions inside their transaction.
It writes one ``WebhookDelivery`` per interested subscription, with the exact
JSON body to send, and queues the sending for after the commit: a rolled-back
change sends nothing, and a receiver never hears of a change before it is
visible through the API.

A delivery is a POST of that body with these headers::

    Content-Type: application/json
    X-Mamori-Event: case.status_changed
    X-Mamori-Delivery: <uuid, also "id" in the body>
    X-Mamori-Timestamp: <Unix time of the event, also "created_at" in the body>
    X-Mamori-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>

The body carries ids, numbers, statuses and links, never case titles or
statements: a receiver that needs more fetches it through the API with a
token, where the usual access rules apply. Any 2xx answer is success;
anything else (redirects included) is retried with growing delays, up to
``MAX_ATTEMPTS`` attempts.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from mamori.api.models import (
    PING_EVENT,
    DeliveryStatus,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)

if TYPE_CHECKING:
    from mamori.cases.models import Case

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# Delay after attempt n (1-based) before attempt n+1: about nine hours in all.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
]
TIMEOUT_SECONDS = 10
USER_AGENT = "Mamori-Webhook/1"


def sign(secret: str, body: bytes) -> str:
    """The X-Mamori-Signature value for ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does: recompute the HMAC and compare in constant time."""
    return hmac.compare_digest(sign(secret, body), header.strip())


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def case_ref(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "kind": case.kind,
        "status": case.status,
        "severity": case.severity,
        "url": _absolute(case.get_absolute_url()),
        "api_url": _absolute(reverse("api:v1:case_detail", args=[case.pk])),
    }


def emit_case_event(event: str, case: Case, data: dict[str, Any]) -> list[WebhookDelivery]:
    """Queue ``event`` about ``case`` for every active subscription that wants it.

    Call inside the action's transaction; the sending happens after commit.
    ``data`` must be JSON-serialisable (datetimes become ISO strings) and, like
    the rest of the body, should hold ids and codes, not statements.
    """
    if event not in WebhookEvent.values:
        raise ValueError(f"unknown webhook event {event!r}")
    subscriptions = WebhookSubscription.objects.filter(
        organisation_id=case.organisation_id, active=True
    ).select_related("organisation")
    # Filtered here: JSON "contains" on a list is not available on SQLite.
    return [
        _queue(subscription, event, case, data)
        for subscription in subscriptions
        if event in subscription.events
    ]


def send_ping(subscription: WebhookSubscription) -> WebhookDelivery:
    """A test delivery, whatever events the subscription has chosen."""
    with transaction.atomic():
        return _queue(subscription, PING_EVENT, None, {"message": "Mamori webhook test"})


def _queue(
    subscription: WebhookSubscription, event: str, case: Case | None, data: dict[str, Any]
) -> WebhookDelivery:
    delivery_id = uuid.uuid4()
    payload = {
        "id": str(delivery_id),
        "event": event,
        "created_at": timezone.now().isoformat(),
        "organisation": subscription.organisation.slug,
        "case": case_ref(case) if case is not None else None,
        "data": data,
    }
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, delivery_id=delivery_id, event=event, case=case, body=body
    )
    # robust: the change is committed by then; a failed enqueue must not fail the request.
    transaction.on_commit(partial(_enqueue, delivery.pk), robust=True)
    return delivery


def _enqueue(delivery_pk: int, run_after: datetime | None = None) -> None:
    """Queue a delivery; never raises. A lost enqueue is found by ``requeue_stale``."""
    job = deliver_webhook if run_after is None else deliver_webhook.using(run_after=run_after)
    try:
        job.enqueue(delivery_pk)
    except Exception:
        logger.exception("could not enqueue webhook delivery %s", delivery_pk)


# A delivery still pending or sending after this long lost its task (worker crash,
# failed enqueue): ``requeue_stale`` queues it again.
STALE_AFTER = timedelta(minutes=15)


def requeue_stale(now: datetime | None = None) -> int:
    """Queue again deliveries whose task was lost; returns how many."""
    now = now or timezone.now()
    cutoff = now - STALE_AFTER
    stale = WebhookDelivery.objects.filter(
        models.Q(status=DeliveryStatus.PENDING, created_at__lt=cutoff)
        | models.Q(status=DeliveryStatus.SENDING, last_attempt_at__lt=cutoff)
        | models.Q(status=DeliveryStatus.RETRYING, next_attempt_at__lt=cutoff)
    )
    pks = list(stale.values_list("pk", flat=True))
    # Back to a claimable state; the claim in attempt_delivery keeps a duplicate harmless.
    WebhookDelivery.objects.filter(pk__in=pks, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.RETRYING
    )
    for pk in pks:
        _enqueue(pk)
    return len(pks)


def redeliver(delivery: WebhookDelivery) -> None:
    """Send a finished delivery again (same id, same body), e.g. after fixing the receiver."""
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=None
        )
        transaction.on_commit(partial(_enqueue, delivery.pk), robust=True)


@task()
def deliver_webhook(delivery_pk: int) -> str:
    return attempt_delivery(delivery_pk)


def attempt_delivery(delivery_pk: int) -> str:
    """One attempt; on failure, schedules the next one. Returns the new status."""
    now = timezone.now()
    # Claiming by a conditional UPDATE lets two workers never send the same attempt.
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_pk, status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING]
    ).update(status=DeliveryStatus.SENDING, last_attempt_at=now)
    if not claimed:
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_pk)
    subscription = delivery.subscription
    attempts = delivery.attempts + 1
    if not subscription.active:
        _finish(delivery, DeliveryStatus.FAILED, attempts, None, "subscription inactive")
        return DeliveryStatus.FAILED
    status_code, error = _post(subscription, delivery)
    if status_code is not None and 200 <= status_code < 300:
        _finish(delivery, DeliveryStatus.SUCCEEDED, attempts, status_code, "")
        return DeliveryStatus.SUCCEEDED
    if attempts >= MAX_ATTEMPTS:
        _finish(delivery, DeliveryStatus.FAILED, attempts, status_code, error)
        logger.warning("webhook %s failed for good: %s", delivery.delivery_id, error)
        return DeliveryStatus.FAILED
    next_at = now + RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
    _finish(delivery, DeliveryStatus.RETRYING, attempts, status_code, error, next_at)
    if deliver_webhook.get_backend().supports_defer:
        _enqueue(delivery.pk, run_after=next_at)
    else:
        logger.warning("task backend cannot defer: webhook %s not retried", delivery.delivery_id)
    return DeliveryStatus.RETRYING


def _finish(
    delivery: WebhookDelivery,
    status: str,
    attempts: int,
    status_code: int | None,
    error: str,
    next_attempt_at: datetime | None = None,
) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        attempts=attempts,
        last_status_code=status_code,
        last_error=error[:300],
        next_attempt_at=next_attempt_at,
        delivered_at=timezone.now() if status == DeliveryStatus.SUCCEEDED else None,
    )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect could carry the signed body somewhere the subscriber never named.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _post(subscription: WebhookSubscription, delivery: WebhookDelivery) -> tuple[int | None, str]:
    if not subscription.url.startswith(("https://", "http://")):
        return None, "URL scheme not allowed"
    body = delivery.body.encode("utf-8")
    created_at = datetime.fromisoformat(json.loads(delivery.body)["created_at"])
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "X-Mamori-Event": delivery.event,
            "X-Mamori-Delivery": str(delivery.delivery_id),
            "X-Mamori-Timestamp": str(int(created_at.timestamp())),
            "X-Mamori-Signature": sign(subscription.secret, body),
        },
    )
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return int(response.status), ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, str(reason) or type(exc).__name__


def current_verdict(case: Case) -> str | None:
    """The case's verdict as the desk shows it (confirmed labels, else the engine's)."""
    from mamori.assessments.actions import current_labels

    labels, _correction = current_labels(case)
    return str(labels["verdict"]) if labels and labels.get("verdict") else None


def verdict_changed(
    case: Case, old_verdict: str | None, new_verdict: str | None, *, source: str
) -> None:
    """Emit ``triage.verdict_changed`` when the two verdicts differ.

    ``source`` says who moved it: "engine" (triage of a new or edited entry)
    or "correction" (people confirmed or corrected the labels).
    """
    if new_verdict != old_verdict:
        emit_case_event(
            WebhookEvent.TRIAGE_VERDICT_CHANGED,
            case,
            {"old": old_verdict, "new": new_verdict, "source": source},
        )
