from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from mamori.cases import actions as case_actions
from mamori.cases.models import CaseKind, CaseStatus
from mamori.conftest import Desk
from mamori.consult.actions import do_post_desk_message
from mamori.consult.models import SelfReport
from mamori.consult.tests.conftest import submit_signed_in
from mamori.notify.sla import add_business_days, compute_timers, sla_status
from mamori.notify.tests.conftest import harassment_case

JST = ZoneInfo("Asia/Tokyo")
MON = datetime(2026, 11, 2, 9, 30, tzinfo=JST)  # a Monday
FRI_EVENING = datetime(2026, 11, 6, 18, 0, tzinfo=JST)
SAT = datetime(2026, 11, 7, 10, 0, tzinfo=JST)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (MON, 1, datetime(2026, 11, 3, 9, 30, tzinfo=JST)),
        (MON, 5, datetime(2026, 11, 9, 9, 30, tzinfo=JST)),
        (FRI_EVENING, 1, datetime(2026, 11, 9, 18, 0, tzinfo=JST)),
        (SAT, 1, datetime(2026, 11, 9, 10, 0, tzinfo=JST)),
        (MON, 10, datetime(2026, 11, 16, 9, 30, tzinfo=JST)),
        (MON, 20, datetime(2026, 11, 30, 9, 30, tzinfo=JST)),
    ],
)
def test_business_days_skip_weekends(start: datetime, days: int, expected: datetime) -> None:
    assert add_business_days(start, days) == expected


def _timers(
    severity: int, now: datetime, **facts: datetime | None
) -> dict[str, tuple[str, datetime]]:
    timers = compute_timers(
        severity=severity,
        opened_at=MON,
        first_contact_at=facts.get("first_contact_at"),
        fact_found_at=facts.get("fact_found_at"),
        decided_at=facts.get("decided_at"),
        now=now,
    )
    return {t.name: (t.state, t.due_at) for t in timers}


def test_severity_5_counts_hours_and_calendar_days() -> None:
    timers = _timers(5, MON + timedelta(minutes=10))
    assert timers == {
        "first_contact": ("on_time", MON + timedelta(hours=1)),
        "fact_finding": ("on_time", MON + timedelta(days=1)),
        "decision": ("on_time", MON + timedelta(days=3)),
    }


def test_severity_1_counts_business_days() -> None:
    timers = _timers(1, MON)
    assert timers["first_contact"][1] == datetime(2026, 11, 5, 9, 30, tzinfo=JST)
    assert timers["fact_finding"][1] == datetime(2026, 11, 16, 9, 30, tzinfo=JST)
    assert timers["decision"][1] == datetime(2026, 11, 30, 9, 30, tzinfo=JST)


@pytest.mark.parametrize(
    ("minutes", "state"),
    [(0, "on_time"), (44, "on_time"), (46, "due_soon"), (60, "due_soon"), (61, "overdue")],
)
def test_state_moves_from_on_time_to_overdue(minutes: int, state: str) -> None:
    assert _timers(5, MON + timedelta(minutes=minutes))["first_contact"][0] == state


def test_a_met_timer_stays_met_and_remembers_it_was_late() -> None:
    [first, *_] = compute_timers(
        severity=5,
        opened_at=MON,
        first_contact_at=MON + timedelta(hours=2),
        fact_found_at=None,
        decided_at=None,
        now=MON + timedelta(days=10),
    )
    assert first.state == "met"
    assert first.late


def test_client_complaints_have_no_timers(desk: Desk) -> None:
    assert sla_status(desk.open_case(kind=CaseKind.CLIENT_COMPLAINT)) == []


def test_first_contact_is_the_first_outbound_entry(desk: Desk) -> None:
    case = harassment_case(desk, severity=5, opened_at=MON)
    case_actions.do_add_timeline_entry(
        actor=desk.handler,
        case=case,
        entry=case_actions.EntryInput(
            occurred_at=MON + timedelta(minutes=40),
            channel="phone",
            direction="outbound",
            summary="本人に電話し、体調を確認した。",
        ),
    )
    timers = {t.name: t for t in sla_status(case, now=MON + timedelta(hours=3))}
    assert timers["first_contact"].state == "met"
    assert timers["first_contact"].met_at == MON + timedelta(minutes=40)
    assert timers["fact_finding"].state == "on_time"


def test_first_contact_can_be_a_desk_message_to_the_reporter(desk: Desk, client: Client) -> None:
    report: SelfReport = submit_signed_in(client, desk)
    do_post_desk_message(actor=desk.response, report=report, body="お話を伺います。")
    timers = {t.name: t for t in sla_status(report.case)}
    assert timers["first_contact"].state == "met"


def test_status_moves_meet_fact_finding_and_decision(desk: Desk) -> None:
    case = harassment_case(desk, severity=3, opened_at=MON)
    case_actions.do_change_status(actor=desk.handler, case=case, status=CaseStatus.RESPONDING)
    timers = {t.name: t for t in sla_status(case, now=MON + timedelta(days=30))}
    assert timers["fact_finding"].state == "met"
    assert timers["decision"].state == "overdue"
    case_actions.do_change_status(actor=desk.handler, case=case, status=CaseStatus.MONITORING)
    timers = {t.name: t for t in sla_status(case, now=MON + timedelta(days=30))}
    assert timers["decision"].state == "met"
    assert timers["decision"].late


def test_sla_panel_renders_on_a_page(desk: Desk, client: Client) -> None:
    from django.template import Context, Template

    case = harassment_case(desk, severity=5, opened_at=MON)
    html = Template("{% load notify_tags %}{% sla_panel case %}").render(Context({"case": case}))
    assert 'id="sla-first_contact"' in html
    assert "sla-overdue" in html
    assert (
        Template("{% load notify_tags %}{% sla_panel case %}")
        .render(Context({"case": desk.open_case()}))
        .strip()
        == ""
    )
    # The consult panel links the case to its report for those who may see it.
    report = submit_signed_in(client, desk)
    desk.login(client, desk.response)
    request = client.get(reverse("consult:reports")).wsgi_request
    panel = Template("{% load consult_tags %}{% consult_panel case %}").render(
        Context({"case": report.case, "user": request.user})
    )
    assert reverse("consult:report_detail", args=[report.pk]) in panel
