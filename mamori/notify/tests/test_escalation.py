from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command

from mamori.audit.models import AuditEvent, EventType
from mamori.cases.models import CaseStatus
from mamori.conftest import Desk
from mamori.notify.models import Notification, SlaEscalation
from mamori.notify.sla import escalate_overdue
from mamori.notify.tests.conftest import add_endpoint, give_emails, harassment_case

JST = ZoneInfo("Asia/Tokyo")
OPENED = datetime(2026, 11, 2, 9, 30, tzinfo=JST)
# Severity 5: first contact due 10:30, escalation step one hour.
DUE = OPENED + timedelta(hours=1)


def _told(timer: str = "first_contact") -> list[tuple[int, list[str]]]:
    rows = SlaEscalation.objects.filter(timer=timer).order_by("level")
    return [(e.level, sorted(e.recipients)) for e in rows]


def test_it_escalates_level_by_level_and_tells_each_level_once(desk: Desk) -> None:
    give_emails(desk)
    add_endpoint(desk, "https://hooks.slack.example/T1")
    harassment_case(desk, severity=5, opened_at=OPENED)  # owned by the handler

    assert escalate_overdue(now=DUE - timedelta(minutes=1)) == 0
    assert escalate_overdue(now=DUE + timedelta(minutes=5)) == 1
    assert _told() == [(1, ["manager@example.jp"])]  # the owner's manager
    assert escalate_overdue(now=DUE + timedelta(minutes=30)) == 0  # once per level

    assert escalate_overdue(now=DUE + timedelta(hours=1, minutes=5)) == 1
    assert _told()[1] == (2, ["https://hooks.slack.example/T1", "response@example.jp"])

    assert escalate_overdue(now=DUE + timedelta(hours=2, minutes=5)) == 1
    assert _told()[2] == (3, ["hr@example.jp"])
    assert escalate_overdue(now=DUE + timedelta(hours=5)) == 0
    # A day after opening, fact-finding falls due and starts its own levels.
    assert escalate_overdue(now=OPENED + timedelta(days=1, minutes=1)) == 1
    assert _told("fact_finding") == [(1, ["manager@example.jp"])]

    assert AuditEvent.objects.filter(event_type=EventType.SLA_ESCALATED).count() == 4
    assert (
        Notification.objects.filter(event="sla.overdue", target="manager@example.jp").count() == 2
    )


def test_a_level_nobody_can_be_told_passes_straight_on(desk: Desk) -> None:
    give_emails(desk)
    desk.handler.manager = None
    desk.handler.save(update_fields=["manager"])
    harassment_case(desk, severity=5, opened_at=OPENED)
    escalate_overdue(now=DUE + timedelta(minutes=5))
    assert _told() == [(1, []), (2, ["response@example.jp"])]


def test_met_timers_and_closed_cases_are_not_escalated(desk: Desk) -> None:
    give_emails(desk)
    harassment_case(desk, severity=5, opened_at=OPENED, status=CaseStatus.CLOSED)
    desk.open_case(severity=5, opened_at=OPENED)  # a client complaint: no SLA
    assert escalate_overdue(now=DUE + timedelta(days=10)) == 0
    assert not Notification.objects.exists()


def test_command_escalates(desk: Desk) -> None:
    give_emails(desk)
    harassment_case(desk, severity=5, opened_at=OPENED - timedelta(days=30))
    out = StringIO()
    call_command("sla_escalate", stdout=out)
    # All three timers are long overdue: each walks every level in one run.
    assert "escalated 9 level(s)" in out.getvalue()
    call_command("sla_escalate", stdout=out)
    assert SlaEscalation.objects.count() == 9


def test_command_schedules_the_periodic_check_once(desk: Desk) -> None:
    from django_tasks_db.models import DBTaskResult

    out = StringIO()
    call_command("sla_escalate", "--schedule", stdout=out)
    call_command("sla_escalate", "--schedule", stdout=out)
    assert out.getvalue().split() == ["scheduled", "already", "scheduled"]
    assert DBTaskResult.objects.count() == 1
