from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mamori.cases.retention import RetentionError, cases_due, do_purge_case


class Command(BaseCommand):
    help = "Delete the content of closed cases past their retention period (--run to act)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--run", action="store_true", help="delete; without it, only list")

    def handle(self, *args: Any, **options: Any) -> None:
        due = list(cases_due().order_by("closed_at"))
        for case in due:
            if not options["run"]:
                self.stdout.write(
                    f"due\t{case.number}\t{case.kind}\tclosed {case.closed_at:%Y-%m-%d}"
                )
                continue
            try:
                counts = do_purge_case(actor=None, case=case)
            except RetentionError as exc:
                self.stderr.write(f"{case.number}: {exc}")
                continue
            self.stdout.write(f"purged\t{case.number}\t{counts}")
        self.stdout.write(f"{len(due)} case(s) due")
