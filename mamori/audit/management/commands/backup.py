from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.backups import BackupError, make_backup


class Command(BaseCommand):
    help = "Write a consistent backup (database + evidence files) to one .tar.gz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = make_backup(options["output"])
        except (BackupError, OSError) as exc:
            raise CommandError(f"バックアップに失敗しました / backup failed: {exc}") from exc
        self.stdout.write(
            f"{options['output']}: {report.objects} objects, {report.files} files, "
            f"{report.audit_rows} audit rows"
        )
