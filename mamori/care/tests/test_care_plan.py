from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mamori.audit.models import AuditEvent, EventType
from mamori.care.actions import do_add_care_note, do_update_care_plan, ensure_care_plan
from mamori.care.models import CarePlan, CareStatus, Referral
from mamori.care.queries import care_started
from mamori.cases import actions as case_actions
from mamori.cases.models import Case, CaseKind
from mamori.conftest import Desk


def test_it_opens_one_care_plan_per_harassment_case(desk: Desk, harassment: Case) -> None:
    first = ensure_care_plan(actor=desk.handler, case=harassment)
    again = ensure_care_plan(actor=desk.response, case=harassment)
    assert first is not None and again == first
    assert CarePlan.objects.filter(case=harassment).count() == 1
    assert first.worker == desk.worker, "the victim among the parties is the one cared for"
    assert first.status == CareStatus.OPEN
    opened = AuditEvent.objects.filter(case=harassment, event_type=EventType.CARE_OPENED)
    assert opened.count() == 1
    assert opened.get().data["new"]["automatic"] is True


def test_it_opens_no_plan_on_a_plain_complaint(desk: Desk) -> None:
    case = desk.open_case()
    assert ensure_care_plan(actor=desk.handler, case=case) is None
    assert not CarePlan.objects.exists()


def test_it_opens_the_plan_when_triage_turns_the_case_into_harassment(desk: Desk) -> None:
    case = desk.open_case()
    case_actions.do_update_case(
        actor=desk.handler, case=case, changes={"kind": CaseKind.CUSTOMER_HARASSMENT}
    )
    # The caller's copy still says "complaint": the kind is read from the locked row.
    assert ensure_care_plan(actor=desk.handler, case=case) is not None


def test_it_opens_the_plan_when_the_confirmed_verdict_is_harassment(desk: Desk) -> None:
    from mamori.assessments.actions import do_correct_labels

    case = desk.open_case()
    labels = {
        "verdict": "needs_review",
        "demand_validity": "unclear",
        "means": "unclear",
        "categories": [],
        "flags": ["dismissal_demand"],
        "topics": ["security"],
    }
    do_correct_labels(actor=desk.handler, case=case, labels=labels)
    assert ensure_care_plan(actor=desk.handler, case=case) is None
    labels.update(verdict="customer_harassment", categories=["abuse"])
    do_correct_labels(actor=desk.handler, case=case, labels=labels)
    assert ensure_care_plan(actor=desk.handler, case=case) is not None


def test_a_handler_starts_care_by_hand_and_becomes_the_carer(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    response = client.post(reverse("care:open", args=[case.pk]))
    plan = CarePlan.objects.get(case=case)
    assert response["Location"] == reverse("care:plan", args=[case.pk])
    assert plan.carer == desk.handler
    assert client.get(reverse("care:plan", args=[case.pk])).status_code == 200


def test_the_auditor_cannot_start_care(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.auditor)
    assert client.post(reverse("care:open", args=[case.pk])).status_code == 403
    assert not CarePlan.objects.exists()


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "status": "open",
        "referral": "none",
        "wish": "none",
        "wish_decision": "pending",
    }
    data.update(overrides)
    return data


def test_the_response_team_records_each_care_step(
    desk: Desk, client: Client, plan: CarePlan
) -> None:
    desk.login(client, desk.response)
    url = reverse("care:edit", args=[plan.case_id])
    response = client.post(
        url,
        _form(
            worker=desk.worker.pk,
            carer=desk.other_handler.pk,
            safety_done="on",
            safety_done_at="2026-11-02T12:00",
            safety_how="M課長の担当から外し、訪問は複数名で行う。",
            first_interview_at="2026-11-02T15:00",
            first_interview_by=desk.response.pk,
            referral="offered",
            referral_on="2026-11-04",
            wish="reassignment",
            wish_decision="granted",
            wish_note="別部署への配置転換を希望。",
        ),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.safety_done and plan.carer == desk.other_handler
    assert plan.referral == Referral.OFFERED
    event = AuditEvent.objects.filter(case=plan.case, event_type=EventType.CARE_CHANGED).last()
    assert event is not None
    assert event.data["new"]["referral"] == "offered"
    assert "safety_how" in event.data["text_changed"]
    assert "M課長の担当から外し" not in str(event.data), "free text stays out of the audit log"


def test_it_refuses_incomplete_steps_in_english(desk: Desk, client: Client, plan: CarePlan) -> None:
    desk.login(client, desk.response)
    response = client.post(
        reverse("care:edit", args=[plan.case_id]),
        _form(safety_done="on", referral="accepted", wish_decision="granted"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give when the employee&#x27;s safety was ensured." in page
    assert "Give the date of the referral." in page
    assert "Record the employee&#x27;s wish before a decision." in page
    plan.refresh_from_db()
    assert not plan.safety_done


def test_it_plans_and_records_check_ins(desk: Desk, client: Client, plan: CarePlan) -> None:
    desk.login(client, desk.response)
    today = timezone.localdate()
    client.post(reverse("care:check_in_add", args=[plan.case_id]), {"due": today.isoformat()})
    check_in = plan.check_ins.get()
    page = client.get(reverse("care:plan", args=[plan.case_id]), HTTP_ACCEPT_LANGUAGE="en")
    assert "today" in page.content.decode()
    client.post(
        reverse("care:check_in_done", args=[plan.case_id, check_in.pk]),
        {"outcome": "落ち着いて勤務できているとのこと。"},
    )
    check_in.refresh_from_db()
    assert check_in.is_done and check_in.done_by == desk.response
    past = (today - timedelta(days=1)).isoformat()
    response = client.post(
        reverse("care:check_in_add", args=[plan.case_id]), {"due": past}, follow=True
    )
    assert plan.check_ins.count() == 1, "a check-in cannot be planned in the past"
    assert response.status_code == 200


def test_a_closed_plan_takes_no_new_check_ins(desk: Desk, client: Client, plan: CarePlan) -> None:
    do_update_care_plan(actor=desk.response, plan=plan, changes={"status": CareStatus.CLOSED})
    plan.refresh_from_db()
    assert plan.closed_at is not None
    desk.login(client, desk.response)
    client.post(
        reverse("care:check_in_add", args=[plan.case_id]),
        {"due": timezone.localdate().isoformat()},
    )
    assert not plan.check_ins.exists()


def test_care_starts_with_the_first_step_not_with_the_plan(desk: Desk, plan: CarePlan) -> None:
    assert not care_started(plan.case)
    do_add_care_note(actor=desk.response, plan=plan, body="本人と電話で話した。")
    assert care_started(plan.case)


def test_care_started_counts_safety(desk: Desk, plan: CarePlan) -> None:
    do_update_care_plan(
        actor=desk.response,
        plan=plan,
        changes={"safety_done": True, "safety_done_at": timezone.now()},
    )
    assert care_started(plan.case)
