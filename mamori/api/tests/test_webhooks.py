from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mamori.api import webhooks
from mamori.api.actions import do_create_webhook, do_set_webhook_active
from mamori.api.models import DeliveryStatus, WebhookDelivery, WebhookEvent, WebhookSubscription
from mamori.audit.models import AuditEvent, EventType
from mamori.cases.models import Case
from mamori.conftest import Desk


@dataclass
class Receiver:
    """A real HTTP server on 127.0.0.1 that answers with the queued status codes."""

    url: str
    answers: list[int]
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="", answers=[])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(state.answers.pop(0) if state.answers else 200)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_port}/hook"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


CaptureCommits = Callable[..., object]


def emit(case: Case, event: str = WebhookEvent.CASE_STATUS_CHANGED) -> list[WebhookDelivery]:
    # What the lead's hook in the case actions does, inside the action's transaction.
    with transaction.atomic():
        return webhooks.emit_case_event(event, case, {"old": "new", "new": "investigating"})


def queued_for(delivery: WebhookDelivery) -> list[DBTaskResult]:  # type: ignore[type-arg]
    return [
        row
        for row in DBTaskResult.objects.filter(task_path="mamori.api.webhooks.deliver_webhook")
        if row.args_kwargs["args"] == [delivery.pk]
    ]


def test_it_delivers_a_signed_event_after_commit(
    desk: Desk, receiver: Receiver, django_capture_on_commit_callbacks: CaptureCommits
) -> None:
    subscription = do_create_webhook(
        actor=desk.hr, url=receiver.url, events=[WebhookEvent.CASE_STATUS_CHANGED]
    )
    case = desk.open_case()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        (delivery,) = emit(case)
    assert len(queued_for(delivery)) == 1, "sending is a django-tasks task, queued on commit"
    assert receiver.received == []

    assert webhooks.deliver_webhook.call(delivery.pk) == DeliveryStatus.SUCCEEDED

    ((headers, body),) = receiver.received
    assert headers["x-mamori-event"] == "case.status_changed"
    assert headers["x-mamori-delivery"] == str(delivery.delivery_id)
    assert headers["content-type"].startswith("application/json")
    assert webhooks.verify_signature(subscription.secret, body, headers["x-mamori-signature"])
    assert not webhooks.verify_signature("whsec_other", body, headers["x-mamori-signature"])
    payload = json.loads(body)
    assert payload["id"] == str(delivery.delivery_id)
    assert payload["event"] == "case.status_changed"
    assert payload["case"]["number"] == case.number
    assert payload["case"]["api_url"].endswith(f"/api/cases/{case.pk}")
    assert "title" not in payload["case"], "payloads carry ids, never statements"
    assert payload["data"] == {"old": "new", "new": "investigating"}
    assert headers["x-mamori-timestamp"].isdigit()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200


def test_it_retries_a_failed_delivery_with_the_same_signed_body(
    desk: Desk, receiver: Receiver, django_capture_on_commit_callbacks: CaptureCommits
) -> None:
    subscription = do_create_webhook(
        actor=desk.hr, url=receiver.url, events=[WebhookEvent.CASE_STATUS_CHANGED]
    )
    receiver.answers = [503]
    case = desk.open_case()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        (delivery,) = emit(case)

    assert webhooks.attempt_delivery(delivery.pk) == DeliveryStatus.RETRYING
    delivery.refresh_from_db()
    assert delivery.attempts == 1
    assert delivery.last_status_code == 503
    assert delivery.next_attempt_at is not None
    next_at = delivery.next_attempt_at
    retry = [r for r in queued_for(delivery) if abs((r.run_after - next_at).total_seconds()) < 1]
    assert len(retry) == 1, "the retry is queued to run at the next attempt's time"
    assert next_at > delivery.created_at

    assert webhooks.attempt_delivery(delivery.pk) == DeliveryStatus.SUCCEEDED
    (first_headers, first), (second_headers, second) = receiver.received
    assert first == second
    assert first_headers["x-mamori-delivery"] == second_headers["x-mamori-delivery"]
    assert webhooks.verify_signature(
        subscription.secret, second, second_headers["x-mamori-signature"]
    )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SUCCEEDED, 2)
    # A finished delivery is not sent twice by a duplicate task.
    assert webhooks.attempt_delivery(delivery.pk) == "skipped"


def test_it_gives_up_after_the_last_attempt(desk: Desk, receiver: Receiver) -> None:
    do_create_webhook(actor=desk.hr, url=receiver.url, events=[WebhookEvent.CASE_STATUS_CHANGED])
    receiver.answers = [500] * webhooks.MAX_ATTEMPTS
    (delivery,) = emit(desk.open_case())
    results = [webhooks.attempt_delivery(delivery.pk) for _ in range(webhooks.MAX_ATTEMPTS)]
    assert results[-1] == DeliveryStatus.FAILED
    assert set(results[:-1]) == {DeliveryStatus.RETRYING}
    delivery.refresh_from_db()
    assert delivery.next_attempt_at is None


def test_unreachable_receiver_is_a_retried_failure(desk: Desk) -> None:
    do_create_webhook(
        actor=desk.hr, url="http://127.0.0.1:9/hook", events=[WebhookEvent.CASE_STATUS_CHANGED]
    )
    (delivery,) = emit(desk.open_case())
    assert webhooks.attempt_delivery(delivery.pk) == DeliveryStatus.RETRYING
    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert delivery.last_error


def test_it_sends_only_to_active_subscribers_of_the_event_in_the_case_organisation(
    desk: Desk, receiver: Receiver
) -> None:
    wanted = do_create_webhook(
        actor=desk.hr, url=receiver.url, events=[WebhookEvent.CASE_STATUS_CHANGED]
    )
    do_create_webhook(actor=desk.hr, url=receiver.url, events=[WebhookEvent.ENTRY_ADDED])
    paused = do_create_webhook(
        actor=desk.hr, url=receiver.url, events=[WebhookEvent.CASE_STATUS_CHANGED]
    )
    do_set_webhook_active(actor=desk.hr, subscription=paused, active=False)
    WebhookSubscription.objects.create(
        organisation=desk.other_org,
        url=receiver.url,
        secret="whsec_x",
        events=[WebhookEvent.CASE_STATUS_CHANGED],
        created_by=desk.outsider,
    )
    deliveries = emit(desk.open_case())
    assert [d.subscription for d in deliveries] == [wanted]


def test_a_rolled_back_change_sends_nothing(
    desk: Desk, django_capture_on_commit_callbacks: CaptureCommits
) -> None:
    do_create_webhook(
        actor=desk.hr, url="https://example.test/", events=[WebhookEvent.CASE_STATUS_CHANGED]
    )
    case = desk.open_case()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                webhooks.emit_case_event(WebhookEvent.CASE_STATUS_CHANGED, case, {})
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not WebhookDelivery.objects.exists()


def test_it_refuses_unknown_events(desk: Desk) -> None:
    with pytest.raises(ValueError, match="unknown webhook event"):
        webhooks.emit_case_event("case.deleted", desk.open_case(), {})


def test_verdict_change_is_emitted_only_when_the_verdict_moves(desk: Desk) -> None:
    case = desk.open_case()
    do_create_webhook(
        actor=desk.hr, url="https://example.test/", events=[WebhookEvent.TRIAGE_VERDICT_CHANGED]
    )
    with transaction.atomic():
        webhooks.verdict_changed(case, "needs_review", "needs_review", source="engine")
    assert not WebhookDelivery.objects.exists()
    with transaction.atomic():
        webhooks.verdict_changed(case, None, "customer_harassment", source="correction")
    delivery = WebhookDelivery.objects.get()
    assert json.loads(delivery.body)["data"] == {
        "old": None,
        "new": "customer_harassment",
        "source": "correction",
    }


def test_webhook_pages_are_for_hr_admins(desk: Desk, client: Client) -> None:
    for persona in (desk.handler, desk.response, desk.auditor):
        desk.login(client, persona)
        assert client.get(reverse("api:webhooks")).status_code == 403
    desk.login(client, desk.hr)
    response = client.post(
        reverse("api:webhooks"),
        {"url": "https://hooks.example.test/mamori", "events": ["case.opened", "entry.added"]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret in response.content.decode()
    assert subscription.events == ["case.opened", "entry.added"]
    assert AuditEvent.objects.filter(
        event_type=EventType.API_TOKEN_CHANGED, data__object="webhook"
    ).exists()
    bad = client.post(reverse("api:webhooks"), {"url": "ftp://x.test/", "events": ["case.opened"]})
    assert "url" in bad.context["form"].errors
    detail = client.get(reverse("api:webhook_detail", args=[subscription.pk]))
    assert detail.status_code == 200
    assert subscription.secret not in detail.content.decode()
    client.post(reverse("api:webhook_ping", args=[subscription.pk]))
    assert WebhookDelivery.objects.get().event == "ping"
    client.post(reverse("api:webhook_toggle", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.active is False
    old_secret = subscription.secret
    client.post(reverse("api:webhook_rotate", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.secret != old_secret
    desk.login(client, desk.outsider)
    assert client.get(reverse("api:webhook_detail", args=[subscription.pk])).status_code == 403


def test_lost_deliveries_are_queued_again(desk: Desk) -> None:
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    do_create_webhook(
        actor=desk.hr, url="https://example.test/", events=[WebhookEvent.CASE_STATUS_CHANGED]
    )
    (lost,) = emit(desk.open_case())
    (fresh,) = emit(desk.open_case("別件"))
    long_ago = timezone.now() - timedelta(hours=1)
    WebhookDelivery.objects.filter(pk=lost.pk).update(
        status=DeliveryStatus.SENDING, last_attempt_at=long_ago
    )
    assert queued_for(lost) == []
    call_command("webhook_requeue", stdout=io.StringIO())
    assert len(queued_for(lost)) == 1
    assert queued_for(fresh) == [], "a recent pending delivery still has its own task"
    lost.refresh_from_db()
    assert lost.status == DeliveryStatus.RETRYING
