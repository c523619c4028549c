from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from mamori.audit.models import AuditEvent, EventType
from mamori.care.actions import (
    do_add_care_note,
    do_add_check_in,
    do_complete_check_in,
    do_update_care_plan,
)
from mamori.care.models import CarePlan, CareStatus
from mamori.care.reminders import send_care_reminders
from mamori.conftest import Desk

TODAY = date(2026, 11, 10)


@pytest.fixture
def with_mail(desk: Desk, plan: CarePlan) -> CarePlan:
    for user, address in [
        (desk.other_handler, "carer@example.jp"),
        (desk.response, "rt@example.jp"),
    ]:
        user.email = address
        user.save()
    do_update_care_plan(actor=desk.response, plan=plan, changes={"carer": desk.other_handler})
    do_add_care_note(actor=desk.response, plan=plan, body="眠れていないとのこと")
    plan.refresh_from_db()
    return plan


def _due(desk: Desk, plan: CarePlan, day: date) -> None:
    do_add_check_in(actor=desk.response, plan=plan, due=day)


def test_it_reminds_the_carer_of_due_and_overdue_check_ins_once_a_day(
    desk: Desk, with_mail: CarePlan
) -> None:
    _due(desk, with_mail, TODAY - timedelta(days=2))
    _due(desk, with_mail, TODAY)
    _due(desk, with_mail, TODAY + timedelta(days=1))
    result = send_care_reminders(today=TODAY)
    assert result.sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["carer@example.jp"]
    assert message.body.count(with_mail.case.number) == 2, "the future check-in is not due"
    assert "眠れていない" not in message.body, "no care content in mail"
    assert f"/cases/{with_mail.case_id}/care/" in message.body
    again = send_care_reminders(today=TODAY)
    assert again.sent == 0 and again.already_sent == 1
    assert len(mail.outbox) == 1
    send_care_reminders(today=TODAY + timedelta(days=1))
    assert len(mail.outbox) == 2, "still due the next day: reminded again"
    assert AuditEvent.objects.filter(event_type=EventType.NOTIFICATION_SENT).count() == 5


def test_done_check_ins_and_closed_plans_are_not_reminded(desk: Desk, with_mail: CarePlan) -> None:
    do_add_check_in(actor=desk.response, plan=with_mail, due=TODAY)
    check_in = with_mail.check_ins.get()
    do_complete_check_in(actor=desk.response, check_in=check_in, outcome="元気そう")
    _due(desk, with_mail, TODAY)
    do_update_care_plan(actor=desk.response, plan=with_mail, changes={"status": CareStatus.CLOSED})
    assert send_care_reminders(today=TODAY).sent == 0
    assert mail.outbox == []


def test_without_a_carer_the_response_team_is_reminded(desk: Desk, with_mail: CarePlan) -> None:
    do_update_care_plan(actor=desk.response, plan=with_mail, changes={"carer": None})
    _due(desk, with_mail, TODAY)
    send_care_reminders(today=TODAY)
    assert [m.to for m in mail.outbox] == [["rt@example.jp"]]


def test_the_command_reports_and_is_idempotent(desk: Desk, with_mail: CarePlan) -> None:
    from io import StringIO

    _due(desk, with_mail, TODAY)
    out = StringIO()
    call_command("care_reminders", "--date", TODAY.isoformat(), stdout=out)
    call_command("care_reminders", "--date", TODAY.isoformat(), stdout=out)
    assert "sent=1" in out.getvalue() and "already_sent=1" in out.getvalue()
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError):
        call_command("care_reminders", "--date", "10/11/2026")


def test_a_failing_mail_server_is_audited_and_retried(
    desk: Desk, with_mail: CarePlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    _due(desk, with_mail, TODAY)

    def broken(*args: object, **kwargs: object) -> int:
        raise OSError("SMTP down")

    monkeypatch.setattr("mamori.care.reminders.send_mail", broken)
    assert send_care_reminders(today=TODAY).failed == 1
    assert AuditEvent.objects.filter(event_type=EventType.NOTIFICATION_FAILED).count() == 1
    monkeypatch.undo()
    assert send_care_reminders(today=TODAY).sent == 1, "nothing was marked sent on failure"
