from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.audit.chain import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `audit verify` checks the hash chain and names the first broken row."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"監査ログの改ざんを検出しました: 行 {report.first_broken_id} / "
                f"audit chain broken at row {report.first_broken_id}: {report.reason} "
                f"({report.checked} rows verified before it)"
            )
        self.stdout.write(
            f"監査ログは正常です / audit chain intact: {report.checked} rows verified"
        )
