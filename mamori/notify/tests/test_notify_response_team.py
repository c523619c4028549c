from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mamori.conftest import Desk
from mamori.notify.actions import (
    notify_response_team,
    on_case_labels_changed,
    quiet_label_changes,
)
from mamori.notify.models import Notification, NotificationChannel, NotificationStatus
from mamori.notify.tests.conftest import add_endpoint, give_emails, harassment_case


def test_it_mails_each_response_team_member_and_posts_to_each_webhook(
    desk: Desk, django_capture_on_commit_callbacks: Any
) -> None:
    give_emails(desk)
    add_endpoint(desk, "https://hooks.slack.example/T1")
    add_endpoint(desk, "https://teams.example/hook", name="Teams", format="teams")
    add_endpoint(desk, "https://off.example/", name="old", active=False)
    desk.outsider.organisation = desk.other_org  # response team of another company
    case = harassment_case(desk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            sent = notify_response_team(case=case, event="consult.submitted", summary="新しい報告")
    assert sorted((n.channel, n.target) for n in sent) == [
        (NotificationChannel.EMAIL, "response@example.jp"),
        (NotificationChannel.WEBHOOK, "https://hooks.slack.example/T1"),
        (NotificationChannel.WEBHOOK, "https://teams.example/hook"),
    ]
    assert all(n.status == NotificationStatus.PENDING for n in sent)
    # Delivery is queued for the worker only once the transaction commits.
    assert len(callbacks) == 3
    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert queued.count() == 3
    assert {r.task_path for r in queued} == {"mamori.notify.tasks.deliver_notification"}


def test_a_rolled_back_action_sends_nothing(
    desk: Desk, django_capture_on_commit_callbacks: Any
) -> None:
    give_emails(desk)
    case = harassment_case(desk)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify_response_team(case=case, event="x", summary="y")
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass
    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_members_without_address_or_inactive_are_skipped(desk: Desk) -> None:
    give_emails(desk)
    desk.response.is_active = False
    desk.response.save(update_fields=["is_active"])
    case = harassment_case(desk)
    assert notify_response_team(case=case, event="x", summary="y") == []


def test_notification_text_links_the_case_and_omits_what_was_said(desk: Desk) -> None:
    give_emails(desk)
    case = harassment_case(desk)
    [n] = notify_response_team(case=case, event="consult.submitted", summary="要約")
    assert case.number in n.payload["subject"]
    assert n.payload["url"].endswith(case.get_absolute_url())
    assert "遅刻" not in n.payload["text"]  # the first entry's words stay in the desk


def test_it_notifies_once_when_a_case_becomes_harassment(desk: Desk) -> None:
    give_emails(desk)
    case = desk.open_case()
    assert on_case_labels_changed(case, "needs_review", "legitimate_complaint") == []
    first = on_case_labels_changed(case, "needs_review", "customer_harassment")
    assert [n.target for n in first] == ["response@example.jp"]
    assert first[0].event == "case.harassment"
    assert on_case_labels_changed(case, "customer_harassment", "customer_harassment") == []
    assert on_case_labels_changed(case, "needs_review", "customer_harassment") == []
    assert Notification.objects.count() == 1


def test_label_changes_inside_a_quiet_block_notify_nobody(desk: Desk) -> None:
    give_emails(desk)
    case = desk.open_case()
    with quiet_label_changes():
        assert on_case_labels_changed(case, None, "customer_harassment") == []
    assert len(on_case_labels_changed(case, None, "customer_harassment")) == 1


def test_a_self_report_is_announced_once_with_the_triage_hook_wired(
    desk: Desk, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the lead wires it: every triage run reports the verdict change."""
    from mamori.assessments.actions import assess_entry as real_assess
    from mamori.cases import actions as case_actions
    from mamori.consult.tests.conftest import submit_signed_in

    def assess_and_hook(*, actor: Any, entry: Any) -> Any:
        result = real_assess(actor=actor, entry=entry)
        on_case_labels_changed(entry.case, None, "customer_harassment")
        return result

    monkeypatch.setattr(case_actions, "assess_entry", assess_and_hook)
    give_emails(desk)
    report = submit_signed_in(client, desk)
    events = list(Notification.objects.filter(case=report.case).values_list("event", flat=True))
    assert events == ["consult.submitted"]
