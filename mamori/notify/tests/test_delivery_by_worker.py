from __future__ import annotations

import hashlib
import hmac
import json
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mamori.audit.models import AuditEvent, EventType
from mamori.conftest import Desk
from mamori.notify import actions
from mamori.notify.actions import notify_response_team
from mamori.notify.models import Notification, NotificationStatus
from mamori.notify.tests.conftest import (
    WebhookServer,
    add_endpoint,
    give_emails,
    harassment_case,
    run_worker,
)

# The worker commits and reconnects like a real process: the test needs real commits.
pytestmark = pytest.mark.django_db(transaction=True)


def _time_passes(notification: Notification) -> None:
    """Bring the scheduled retry forward instead of sleeping through the backoff."""
    past = timezone.now() - timedelta(seconds=1)
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=past)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=past)


def test_worker_posts_signed_slack_json_to_the_webhook(
    desk: Desk, webhook_server: WebhookServer
) -> None:
    endpoint = add_endpoint(desk, webhook_server.url, secret="s3cret-s3cret")
    case = harassment_case(desk)
    [notification] = notify_response_team(
        case=case, event="consult.submitted", summary="新しい報告"
    )
    run_worker()
    [request] = webhook_server.received
    assert request.path == "/hooks/desk"
    assert request.headers["Content-Type"].startswith("application/json")
    body = json.loads(request.body)
    assert set(body) == {"text"}
    assert case.number in body["text"] and "新しい報告" in body["text"]
    timestamp = request.headers["X-Mamori-Timestamp"]
    expected = hmac.new(
        endpoint.secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256
    ).hexdigest()
    assert request.headers["X-Mamori-Signature"] == f"sha256={expected}"
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 1
    assert notification.sent_at is not None
    event = AuditEvent.objects.get(event_type=EventType.NOTIFICATION_SENT)
    assert event.case == case
    assert event.data["target"] == webhook_server.url


def test_worker_posts_a_teams_card_and_sends_email(
    desk: Desk, webhook_server: WebhookServer
) -> None:
    give_emails(desk)
    add_endpoint(desk, webhook_server.url, format="teams")
    case = harassment_case(desk)
    notify_response_team(case=case, event="consult.submitted", summary="新しい報告")
    run_worker()
    [request] = webhook_server.received
    body = json.loads(request.body)
    assert body["@type"] == "MessageCard"
    assert case.number in body["text"]
    assert "X-Mamori-Signature" not in request.headers  # no secret, no signature
    [message] = mail.outbox
    assert message.to == ["response@example.jp"]
    assert case.number in message.subject
    statuses = set(Notification.objects.values_list("status", flat=True))
    assert statuses == {NotificationStatus.SENT}


def test_a_failed_send_is_retried_with_backoff_and_succeeds_later(
    desk: Desk, webhook_server: WebhookServer
) -> None:
    webhook_server.statuses = [500]
    add_endpoint(desk, webhook_server.url)
    notify_response_team(case=harassment_case(desk), event="consult.submitted", summary="s")
    started = timezone.now()
    run_worker()
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.PENDING
    assert notification.attempts == 1
    assert "HTTP 500" in notification.last_error
    assert notification.next_attempt_at is not None
    assert notification.next_attempt_at >= started + actions.retry_delay(1)
    failed = AuditEvent.objects.get(event_type=EventType.NOTIFICATION_FAILED)
    assert failed.data["will_retry"] is True
    # Not yet due: the worker leaves it alone.
    run_worker()
    assert len(webhook_server.received) == 1
    _time_passes(notification)
    run_worker()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 2
    assert notification.last_error == ""
    assert len(webhook_server.received) == 2


def test_a_closed_port_fails_until_attempts_run_out(desk: Desk) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    add_endpoint(desk, f"http://127.0.0.1:{port}/nobody-home")
    notify_response_team(case=harassment_case(desk), event="consult.submitted", summary="s")
    for _attempt in range(actions.MAX_ATTEMPTS):
        run_worker()
        if Notification.objects.get().status == NotificationStatus.PENDING:
            _time_passes(Notification.objects.get())
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == actions.MAX_ATTEMPTS
    assert "refused" in notification.last_error.lower() or "URLError" in notification.last_error
    assert notification.next_attempt_at is None
    failures = AuditEvent.objects.filter(event_type=EventType.NOTIFICATION_FAILED)
    assert failures.count() == actions.MAX_ATTEMPTS
    assert failures.order_by("-id").first().data["will_retry"] is False  # type: ignore[union-attr]
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
