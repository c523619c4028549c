from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mamori.audit.chain import verify_chain
from mamori.audit.models import AuditEvent
from mamori.care.actions import (
    do_add_care_note,
    do_add_check_in,
    do_complete_check_in,
    do_record_interview,
    do_update_care_plan,
)
from mamori.care.models import CareNote, CarePlan, Interview
from mamori.cases import actions as case_actions
from mamori.cases.models import Case
from mamori.cases.retention import do_purge_case
from mamori.conftest import Desk

SECRET = "通院中で、睡眠薬を処方されている"


def test_retention_deletes_the_care_and_the_audit_keeps_no_text(
    desk: Desk, harassment: Case, plan: CarePlan
) -> None:
    do_update_care_plan(
        actor=desk.response, plan=plan, changes={"wish_note": SECRET, "person_name": ""}
    )
    do_add_care_note(actor=desk.response, plan=plan, body=SECRET)
    check_in = do_add_check_in(actor=desk.response, plan=plan, due=timezone.localdate())
    do_complete_check_in(actor=desk.response, check_in=check_in, outcome=SECRET)
    do_record_interview(
        actor=desk.handler,
        case=harassment,
        side="worker",
        held_at=harassment.opened_at,
        channel="meeting",
        summary=SECRET,
        interviewee_party=harassment.parties.get(worker=desk.worker),
        interviewers=[desk.handler],
        statements=[{"speaker": "R", "said": SECRET}],
    )
    assert SECRET not in str(list(AuditEvent.objects.values_list("data", flat=True)))
    case_actions.do_change_status(actor=desk.handler, case=harassment, status="closed")
    Case.objects.filter(pk=harassment.pk).update(closed_at=timezone.now() - timedelta(days=3650))
    do_purge_case(actor=None, case=Case.objects.get(pk=harassment.pk))
    assert not CarePlan.objects.exists()
    assert not CareNote.objects.exists()
    assert not Interview.objects.exists()
    assert verify_chain().ok
