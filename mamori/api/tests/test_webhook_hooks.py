"""The case actions emit webhook events (needs the lead's calls in cases/assessments actions)."""

from __future__ import annotations

import json

from mamori.api import webhooks
from mamori.api.actions import do_create_webhook
from mamori.api.models import WebhookDelivery, WebhookEvent
from mamori.assessments.actions import do_correct_labels
from mamori.cases import actions
from mamori.cases.models import CaseStatus
from mamori.conftest import Desk


def test_case_actions_emit_the_subscribed_events(desk: Desk) -> None:
    do_create_webhook(actor=desk.hr, url="https://example.test/hook", events=WebhookEvent.values)
    case = desk.open_case()
    events = list(WebhookDelivery.objects.order_by("id").values_list("event", flat=True))
    assert events[:2] == ["case.opened", "entry.added"]
    assert "triage.verdict_changed" in events
    entry = json.loads(WebhookDelivery.objects.get(event="entry.added").body)
    assert entry["data"]["entry_id"] == case.entries.get().pk

    actions.do_change_status(actor=desk.handler, case=case, status=CaseStatus.INVESTIGATING)
    status = json.loads(WebhookDelivery.objects.get(event="case.status_changed").body)
    assert status["data"] == {"old": "new", "new": "investigating"}

    before = WebhookDelivery.objects.filter(event="triage.verdict_changed").count()
    old = webhooks.current_verdict(case)
    new = "needs_review" if old == "customer_harassment" else "customer_harassment"
    do_correct_labels(
        actor=desk.handler,
        case=case,
        labels={
            "verdict": new,
            "demand_validity": "invalid",
            "means": "unacceptable",
            "categories": ["abuse"],
            "flags": [],
            "topics": ["other"],
        },
    )
    changed = WebhookDelivery.objects.filter(event="triage.verdict_changed").order_by("id")
    assert changed.count() == before + 1
    body = json.loads(changed.last().body)  # type: ignore[union-attr]
    assert body["data"] == {"old": old, "new": new, "source": "correction"}
