from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mamori.api.webhooks import requeue_stale


class Command(BaseCommand):
    help = (
        "Queue again webhook deliveries whose task was lost (worker crash, failed enqueue). "
        "Safe to run at any time, e.g. every 15 minutes from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = requeue_stale()
        self.stdout.write(f"{count} webhook deliveries queued again")
