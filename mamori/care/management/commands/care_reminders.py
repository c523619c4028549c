from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.care.reminders import send_care_reminders


class Command(BaseCommand):
    help = (
        "E-mail carers whose care check-ins are due today or overdue "
        "(at most once a day per person and check-in; run it daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="treat this day (YYYY-MM-DD) as today")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"日付は YYYY-MM-DD で指定してください / --date must be YYYY-MM-DD, "
                    f"got {options['date']!r}"
                ) from None
        result = send_care_reminders(today=today)
        self.stdout.write(
            f"sent={result.sent} already_sent={result.already_sent} "
            f"no_address={result.no_address} failed={result.failed}"
        )
        if result.failed:
            raise CommandError(f"{result.failed} reminder(s) failed; see the log")
