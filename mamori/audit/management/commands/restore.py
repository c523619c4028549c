from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `mamori backup` into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore_backup(options["archive"])
        except BackupError as exc:
            raise CommandError(f"復元できません / cannot restore: {exc}") from exc
        self.stdout.write(
            f"restored {report.objects} objects, {report.files} files; "
            f"audit chain verified ({report.audit_rows} rows)"
        )
