from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from mamori.audit.chain import verify_chain
from mamori.audit.models import AuditEvent
from mamori.cases import actions
from mamori.conftest import Desk


def test_actions_write_a_verifiable_chain(desk: Desk) -> None:
    case = desk.open_case()
    actions.do_add_task(actor=desk.handler, case=case, title="本人へ連絡")
    actions.do_change_status(actor=desk.handler, case=case, status="investigating")
    report = verify_chain()
    assert report.ok
    assert report.checked == AuditEvent.objects.count() >= 4


def test_verify_names_the_first_tampered_row(
    desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    case = desk.open_case()
    actions.do_change_status(actor=desk.handler, case=case, status="investigating")
    actions.do_change_status(actor=desk.handler, case=case, status="responding")
    call_command("audit", "verify")
    assert "audit chain intact" in capsys.readouterr().out
    victim = AuditEvent.objects.order_by("id")[1]
    with connection.cursor() as cursor:
        # What an attacker with database access would do: rewrite history quietly.
        cursor.execute(
            "UPDATE audit_auditevent SET event_type = %s WHERE id = %s",
            ["case.viewed", victim.pk],
        )
    report = verify_chain()
    assert report.first_broken_id == victim.pk
    with pytest.raises(CommandError, match=f"row {victim.pk}"):
        call_command("audit", "verify")


def test_deleting_a_row_breaks_the_chain(desk: Desk) -> None:
    desk.open_case()
    rows = list(AuditEvent.objects.order_by("id"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [rows[0].pk])
    assert verify_chain().first_broken_id == rows[1].pk


def test_audit_rows_cannot_be_changed_through_the_orm(desk: Desk) -> None:
    desk.open_case()
    event = AuditEvent.objects.first()
    assert event is not None
    event.event_type = "case.viewed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_a_failed_action_leaves_no_audit_row_and_no_case(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mamori.cases.models import Case

    def explode(**kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "do_attach_evidence", explode)
    with pytest.raises(RuntimeError):
        desk.open_case(
            files=[actions.FileInput(name="a.txt", content=b"x", content_type="text/plain")]
        )
    assert Case.objects.count() == 0
    assert AuditEvent.objects.count() == 0
