from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mamori.conftest import Desk
from mamori.notify.actions import notify_response_team
from mamori.notify.models import Notification, NotificationStatus
from mamori.notify.tasks import schedule_sla_tick, sla_tick
from mamori.notify.tests.conftest import give_emails, harassment_case


def _failed(desk: Desk) -> Notification:
    give_emails(desk)
    [n] = notify_response_team(case=harassment_case(desk), event="consult.submitted", summary="s")
    Notification.objects.filter(pk=n.pk).update(
        status=NotificationStatus.FAILED,
        attempts=6,
        last_error="HTTP 500 boom",
        next_attempt_at=None,
    )
    n.refresh_from_db()
    return n


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("response", 200),
        ("hr", 200),
        ("manager", 403),
        ("handler", 403),
        ("auditor", 403),
        ("reporter", 403),
    ],
)
def test_notification_log_is_for_response_team_and_hr(
    desk: Desk, client: Client, persona: str, status: int
) -> None:
    _failed(desk)
    desk.login(client, getattr(desk, persona))
    response = client.get(reverse("notify:list"))
    assert response.status_code == status
    if status == 200:
        assert "HTTP 500 boom" in response.content.decode()


def test_retry_now_queues_another_attempt(
    desk: Desk, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    notification = _failed(desk)
    desk.login(client, desk.response)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notify:retry", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    [task] = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert task.args_kwargs["args"] == [notification.pk, desk.response.pk]


def test_outsider_cannot_retry_another_organisations_notification(
    desk: Desk, client: Client
) -> None:
    notification = _failed(desk)
    desk.login(client, desk.outsider)
    assert client.post(reverse("notify:retry", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED


def test_periodic_check_is_scheduled_once(desk: Desk) -> None:
    assert schedule_sla_tick() is True
    assert schedule_sla_tick() is False
    assert DBTaskResult.objects.filter(task_path=sla_tick.module_path).count() == 1
    assert sla_tick.call(reschedule=False) == {"escalated": 0, "requeued": 0}
