from __future__ import annotations

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from mamori.audit.models import AuditEvent, EventType
from mamori.care.actions import do_record_interview
from mamori.care.forms import parse_statements
from mamori.care.models import Interview, InterviewSide
from mamori.care.queries import facts_confirmed_from_both_sides
from mamori.cases.models import Case
from mamori.conftest import JST, Desk


def test_it_records_an_interview_with_what_each_said(
    desk: Desk, client: Client, harassment: Case
) -> None:
    customer = harassment.parties.get(contact=desk.contact)
    desk.login(client, desk.handler)
    response = client.post(
        reverse("care:interview_add", args=[harassment.pk]),
        {
            "side": "customer",
            "interviewee_party": customer.pk,
            "interviewers": [desk.handler.pk, desk.manager.pk],
            "other_interviewers": "総務 S",
            "held_at": "2026-11-03T10:00",
            "channel": "meeting",
            "place": "H製作所 会議室B",
            "statements": (
                "M課長：ログにコピーの記録がある\n処分はどうするのか\n担当：総務部にも報告します"
            ),
            "summary": "M課長は懲戒を求めたが、総務部への報告には同意しなかった。",
            "next_steps": "四者で協議する",
        },
    )
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert interview.interviewee_name == str(desk.contact)
    assert interview.statements == [
        {"speaker": "M課長", "said": "ログにコピーの記録がある\n処分はどうするのか"},
        {"speaker": "担当", "said": "総務部にも報告します"},
    ]
    assert set(interview.interviewers.all()) == {desk.handler, desk.manager}
    event = AuditEvent.objects.get(event_type=EventType.INTERVIEW_RECORDED)
    assert event.data["new"]["statements"] == 2
    page = client.get(reverse("care:interviews", args=[harassment.pk])).content.decode()
    assert "ログにコピーの記録がある" in page and "四者で協議する" in page


def test_interviews_are_visible_with_the_case(desk: Desk, client: Client, harassment: Case) -> None:
    _interview(desk, harassment, InterviewSide.WORKER)
    for persona, status in [("manager", 200), ("auditor", 200), ("other_handler", 404)]:
        desk.login(client, getattr(desk, persona))
        response = client.get(reverse("care:interviews", args=[harassment.pk]))
        assert response.status_code == status, persona


def test_it_needs_an_interviewee_and_an_interviewer(
    desk: Desk, client: Client, harassment: Case
) -> None:
    desk.login(client, desk.handler)
    response = client.post(
        reverse("care:interview_add", args=[harassment.pk]),
        {
            "side": "worker",
            "held_at": "2026-11-03T10:00",
            "channel": "phone",
            "summary": "x",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "Choose the interviewee among the parties or type a name" in page
    assert not Interview.objects.exists()


def test_outsider_and_auditor_cannot_record(desk: Desk, client: Client, harassment: Case) -> None:
    url = reverse("care:interview_add", args=[harassment.pk])
    desk.login(client, desk.outsider)
    assert client.get(url).status_code == 404
    desk.login(client, desk.auditor)
    assert client.get(url).status_code == 403


def _interview(desk: Desk, case: Case, side: str) -> Interview:
    from datetime import datetime

    return do_record_interview(
        actor=desk.handler,
        case=case,
        side=side,
        held_at=datetime(2026, 11, 3, 10, tzinfo=JST),
        channel="meeting",
        summary="聴取した。",
        interviewee_name="R" if side == InterviewSide.WORKER else "M課長",
        interviewers=[desk.handler],
    )


def test_facts_are_confirmed_only_from_both_sides(desk: Desk, harassment: Case) -> None:
    assert not facts_confirmed_from_both_sides(harassment)
    _interview(desk, harassment, InterviewSide.WORKER)
    _interview(desk, harassment, InterviewSide.WITNESS)
    assert not facts_confirmed_from_both_sides(harassment)
    _interview(desk, harassment, InterviewSide.CUSTOMER)
    assert facts_confirmed_from_both_sides(harassment)


def test_removing_the_party_keeps_the_interview(desk: Desk, harassment: Case) -> None:
    from mamori.cases import actions as case_actions

    party = harassment.parties.get(contact=desk.contact)
    interview = do_record_interview(
        actor=desk.handler,
        case=harassment,
        side=InterviewSide.CUSTOMER,
        held_at=harassment.opened_at,
        channel="phone",
        summary="聴取",
        interviewee_party=party,
        interviewers=[desk.handler],
    )
    case_actions.do_remove_party(actor=desk.handler, party=party)
    interview.refresh_from_db()
    assert interview.interviewee_party is None
    assert interview.interviewee_label == str(desk.contact)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A：はい", [{"speaker": "A", "said": "はい"}]),
        ("A: yes\nB: no", [{"speaker": "A", "said": "yes"}, {"speaker": "B", "said": "no"}]),
        ("A：一行目\n二行目", [{"speaker": "A", "said": "一行目\n二行目"}]),
        ("\n\n", []),
        ("A：", []),
    ],
)
def test_statements_parse_one_speaker_per_line(text: str, expected: list[dict[str, str]]) -> None:
    assert parse_statements(text) == expected


def test_statements_need_a_speaker_first() -> None:
    with pytest.raises(forms.ValidationError):
        parse_statements("誰の発言か分からない")
