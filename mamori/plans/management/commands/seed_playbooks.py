from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mamori.plans.seed import seed_playbooks


class Command(BaseCommand):
    help = "Load the shipped response playbooks; existing ones are kept unless --overwrite."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--overwrite", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        report = seed_playbooks(overwrite=options["overwrite"])
        self.stdout.write(
            f"playbooks: {report.created} created, {report.updated} updated, {report.skipped} kept"
        )
