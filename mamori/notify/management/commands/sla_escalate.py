from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mamori.notify.actions import requeue_stale
from mamori.notify.sla import escalate_overdue
from mamori.notify.tasks import schedule_sla_tick


class Command(BaseCommand):
    help = (
        "Escalate overdue response time limits (once per level), or with --schedule "
        "start the task worker's periodic check."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the periodic check for the task worker (every 15 minutes) "
            "unless it is already queued, and exit",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["verbosity"] == 0
        if options["schedule"]:
            queued = schedule_sla_tick()
            if not quiet:
                self.stdout.write("scheduled" if queued else "already scheduled")
            return
        escalated = escalate_overdue()
        requeued = requeue_stale()
        if not quiet:
            self.stdout.write(
                f"escalated {escalated} level(s); re-queued {requeued} notification(s)"
            )
