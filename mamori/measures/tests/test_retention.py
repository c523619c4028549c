from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mamori.audit.models import AuditEvent
from mamori.cases import actions as case_actions
from mamori.cases.models import Case
from mamori.cases.retention import do_purge_case
from mamori.conftest import Desk
from mamori.measures.actions import (
    do_decide_measure,
    do_issue_letter,
    do_record_cooperation_request,
)
from mamori.measures.letters import fill, letter_template
from mamori.measures.models import CooperationRequest, IssuedLetter, MeasureDecision

NAME = "山田花子"


def test_retention_deletes_measures_letters_and_requests(desk: Desk, harassment: Case) -> None:
    do_decide_measure(
        actor=desk.handler,
        case=harassment,
        kind="warning",
        reason=f"{NAME}様が一時間怒鳴り続けた",
        target_name=NAME,
    )
    template = letter_template("cooperation_request", "ja")
    fields = {
        "date": "2026年11月21日",
        "customer_name": NAME,
        "customer_company": "",
        "company": "まもり",
        "incident_date": "2026年11月2日",
        "incident_summary": "暴言",
        "measures": "・窓口の一本化",
        "contact_name": "K",
        "contact_phone": "03-1234-5678",
    }
    do_issue_letter(
        actor=desk.handler,
        case=harassment,
        kind="cooperation_request",
        lang="ja",
        fmt="docx",
        subject=template.subject,
        body=fill(template, fields),
        fields=fields,
        record_cooperation=True,
    )
    do_record_cooperation_request(
        actor=desk.handler,
        case=harassment,
        direction="received",
        request="聴取への協力",
        counterpart_name="協力会社",
        contact_person=NAME,
    )
    assert NAME not in str(list(AuditEvent.objects.values_list("data", flat=True)))
    case_actions.do_change_status(actor=desk.handler, case=harassment, status="closed")
    Case.objects.filter(pk=harassment.pk).update(closed_at=timezone.now() - timedelta(days=3650))
    do_purge_case(actor=None, case=Case.objects.get(pk=harassment.pk))
    assert not MeasureDecision.objects.exists()
    assert not IssuedLetter.objects.exists()
    assert not CooperationRequest.objects.exists()
