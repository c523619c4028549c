from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mamori.audit.chain import verify_chain
from mamori.audit.models import AuditEvent, EventType
from mamori.cases import actions
from mamori.cases.models import Case, EvidenceFile, TimelineEntry
from mamori.cases.retention import RetentionError, cases_due, do_purge_case, do_set_legal_hold
from mamori.conftest import Desk

SECRET = "山口さんは通院中で、診断書を提出済み"


def _old_closed_case(desk: Desk, years: int = 6) -> Case:
    case = desk.open_case("山口さんへの暴言", background=[SECRET])
    actions.do_add_timeline_entry(
        actor=desk.handler,
        case=case,
        entry=actions.EntryInput(occurred_at=case.opened_at, channel="note", summary=SECRET),
    )
    actions.do_attach_evidence(
        actor=desk.handler,
        case=case,
        file=actions.FileInput(
            name="診断書.pdf", content=b"%PDF-1.4 unique-" + str(case.pk).encode()
        ),
    )
    actions.do_add_task(actor=desk.handler, case=case, title="山口さんへ連絡")
    actions.do_change_status(actor=desk.handler, case=case, status="closed")
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=365 * years))
    return Case.objects.get(pk=case.pk)


def test_purge_deletes_content_and_keeps_tombstone_and_audit(
    desk: Desk, django_capture_on_commit_callbacks: Any
) -> None:
    case = _old_closed_case(desk)
    path = Path(case.files.get().file.path)
    assert list(cases_due()) == [case]
    with django_capture_on_commit_callbacks(execute=True):
        do_purge_case(actor=desk.hr, case=case)
    case.refresh_from_db()
    assert case.purged_at is not None and case.number in case.title
    assert case.background == []
    assert not TimelineEntry.objects.filter(case=case).exists()
    assert not EvidenceFile.objects.filter(case=case).exists()
    assert not case.tasks.exists() and not case.assessments.exists()
    assert AuditEvent.objects.filter(case=case, event_type=EventType.RETENTION_DELETED).exists()
    everything = " ".join(str(e.data) for e in AuditEvent.objects.all())
    assert "山口" not in everything and "診断書" not in everything
    assert verify_chain().ok
    assert not path.exists()


def test_legal_hold_blocks_purge(desk: Desk) -> None:
    case = _old_closed_case(desk)
    do_set_legal_hold(actor=desk.hr, case=case, hold=True, reason="訴訟係属中")
    assert list(cases_due()) == []
    with pytest.raises(RetentionError):
        do_purge_case(actor=desk.hr, case=case)
    assert case.entries.exists()


def test_recent_and_open_cases_are_not_due(desk: Desk) -> None:
    _old_closed_case(desk, years=1)
    desk.open_case()
    assert list(cases_due()) == []


def test_retention_command_lists_then_runs(desk: Desk) -> None:
    case = _old_closed_case(desk)
    out = io.StringIO()
    call_command("retention", stdout=out)
    assert case.number in out.getvalue()
    case.refresh_from_db()
    assert case.purged_at is None
    call_command("retention", "--run", stdout=io.StringIO())
    case.refresh_from_db()
    assert case.purged_at is not None


def test_only_hr_admin_sets_legal_hold(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    url = reverse("cases:legal_hold", args=[case.pk])
    assert client.post(url, {"hold": "1", "reason": "x"}).status_code == 403
    desk.login(client, desk.hr)
    client.post(url, {"hold": "1", "reason": "労働審判の申立てあり"})
    case.refresh_from_db()
    assert case.legal_hold and case.legal_hold_reason == "労働審判の申立てあり"
    client.post(url, {"hold": "0"})
    case.refresh_from_db()
    assert not case.legal_hold
