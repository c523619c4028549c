from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mamori.audit.actions import content_digest
from mamori.audit.models import AuditEvent, EventType
from mamori.cases.models import Case
from mamori.conftest import Desk
from mamori.measures.actions import MeasureError, do_change_measure_status, do_decide_measure
from mamori.measures.models import MeasureDecision, MeasureKind, MeasureStatus
from mamori.measures.queries import deterrence_measures


def test_it_records_a_measure_with_its_reason(desk: Desk, client: Client, harassment: Case) -> None:
    party = harassment.parties.get(contact=desk.contact)
    desk.login(client, desk.handler)
    response = client.post(
        reverse("measures:add", args=[harassment.pk]),
        {
            "kind": "single_point_of_contact",
            "reason": "11月2日に一時間怒鳴り続けた。担当者を一本化する。",
            "target_party": party.pk,
            "status": "in_effect",
        },
    )
    assert response.status_code == 302
    measure = MeasureDecision.objects.get()
    assert measure.target_key == f"contact:{desk.contact.pk}"
    assert measure.target_name == str(desk.contact)
    assert measure.decided_by == desk.handler
    event = AuditEvent.objects.get(event_type=EventType.MEASURE_DECIDED)
    assert event.data["new"]["reason"] == content_digest(measure.reason)
    assert "怒鳴り続けた" not in str(event.data), "personal content only as a digest"
    page = client.get(reverse("measures:overview", args=[harassment.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Single point of contact" in page.content.decode()


def test_a_measure_without_reason_is_refused_in_english(
    desk: Desk, client: Client, harassment: Case
) -> None:
    desk.login(client, desk.handler)
    response = client.post(
        reverse("measures:add", args=[harassment.pk]),
        {"kind": "warning", "reason": "   ", "target_name": "M課長", "status": "planned"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Give the reason for this measure" in response.content.decode()
    assert not MeasureDecision.objects.exists()
    with pytest.raises(MeasureError):
        do_decide_measure(
            actor=desk.handler, case=harassment, kind="warning", reason=" ", target_name="M課長"
        )


def test_it_needs_one_target_and_details_for_other(
    desk: Desk, client: Client, harassment: Case
) -> None:
    desk.login(client, desk.handler)
    response = client.post(
        reverse("measures:add", args=[harassment.pk]),
        {"kind": "other", "reason": "理由", "status": "planned"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "Name the customer the measure is toward" in page
    assert "Say what the other measure is." in page


def test_our_own_worker_is_never_a_target(desk: Desk, harassment: Case) -> None:
    worker_party = harassment.parties.get(worker=desk.worker)
    with pytest.raises(MeasureError):
        do_decide_measure(
            actor=desk.handler,
            case=harassment,
            kind="warning",
            reason="x",
            target_party=worker_party,
        )


def test_status_moves_forward_only(desk: Desk, client: Client, harassment: Case) -> None:
    measure = do_decide_measure(
        actor=desk.handler,
        case=harassment,
        kind=MeasureKind.WARNING,
        reason="暴言",
        target_name="M課長",
    )
    desk.login(client, desk.handler)
    url = reverse("measures:status", args=[harassment.pk, measure.pk])
    client.post(url, {"status": "in_effect"})
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.IN_EFFECT
    client.post(url, {"status": "planned"})
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.IN_EFFECT
    do_change_measure_status(actor=desk.handler, measure=measure, status=MeasureStatus.LIFTED)
    with pytest.raises(MeasureError):
        do_change_measure_status(
            actor=desk.handler, measure=measure, status=MeasureStatus.IN_EFFECT
        )


def test_measures_answer_by_need_to_know(desk: Desk, client: Client, harassment: Case) -> None:
    add = reverse("measures:add", args=[harassment.pk])
    overview = reverse("measures:overview", args=[harassment.pk])
    for persona, view_status, add_status in [
        ("outsider", 404, 404),
        ("other_handler", 404, 404),
        ("auditor", 200, 403),
        ("manager", 200, 200),
    ]:
        desk.login(client, getattr(desk, persona))
        assert client.get(overview).status_code == view_status, persona
        assert client.get(add).status_code == add_status, persona


def test_deterrence_measures_lists_the_organisations_measures(desk: Desk, harassment: Case) -> None:
    kept = do_decide_measure(
        actor=desk.handler,
        case=harassment,
        kind=MeasureKind.RECORDED_CALLS_ONLY,
        reason="録音",
        target_name="M課長",
        status=MeasureStatus.IN_EFFECT,
    )
    lifted = do_decide_measure(
        actor=desk.handler,
        case=harassment,
        kind=MeasureKind.WARNING,
        reason="警告",
        target_name="M課長",
    )
    do_change_measure_status(actor=desk.handler, measure=lifted, status=MeasureStatus.LIFTED)
    assert set(deterrence_measures(desk.org)) == {kept, lifted}
    assert list(deterrence_measures(desk.org, active_only=True)) == [kept]
    assert not deterrence_measures(desk.other_org).exists()
