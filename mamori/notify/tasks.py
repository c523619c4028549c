"""Background tasks run by ``mamori db_worker`` (started by ``mamori serve``)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import TaskResultStatus, task, task_backends

logger = logging.getLogger(__name__)

# How often the periodic SLA check runs once scheduled.
SLA_TICK_INTERVAL = timedelta(minutes=15)


@task()
def deliver_notification(notification_id: int, requested_by: int | None = None) -> str:
    from mamori.notify.actions import deliver

    return deliver(notification_id, requested_by=requested_by)


def enqueue_delivery(
    notification_id: int, *, run_after: datetime | None = None, requested_by: int | None = None
) -> None:
    """Queue a delivery; never raises, so a request cannot fail because of a send.

    A notification whose enqueue failed stays pending and is picked up again by
    the periodic SLA tick (``requeue_stale``).
    """
    try:
        deliver_notification.using(run_after=run_after).enqueue(notification_id, requested_by)
    except Exception:
        logger.exception("could not enqueue delivery of notification %s", notification_id)


@task()
def sla_tick(reschedule: bool = True) -> dict[str, int]:
    """Escalate overdue SLA timers, re-queue stuck notifications, then run again later."""
    from mamori.notify.actions import requeue_stale
    from mamori.notify.sla import escalate_overdue

    try:
        result = {"escalated": escalate_overdue(), "requeued": requeue_stale()}
    finally:
        if reschedule:
            schedule_sla_tick(after=SLA_TICK_INTERVAL)
    return result


def schedule_sla_tick(*, after: timedelta = timedelta(0)) -> bool:
    """Start the periodic chain unless a run is already waiting; True if one was queued.

    The check keeps ``mamori serve`` restarts from forking the chain into several.
    """
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(task_backends[sla_tick.backend], DatabaseBackend):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(
            task_path=sla_tick.module_path, status=TaskResultStatus.READY
        )
        if waiting.exists():
            return False
    sla_tick.using(run_after=timezone.now() + after).enqueue()
    return True
