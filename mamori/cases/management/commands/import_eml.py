from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.accounts.models import User
from mamori.cases.intake import IntakeError, intake_eml
from mamori.cases.models import CaseKind


class Command(BaseCommand):
    help = "Open one case per .eml file and print the new case numbers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--user", required=True, help="username recorded as the actor")
        parser.add_argument("--kind", choices=CaseKind.values, default=CaseKind.CLIENT_COMPLAINT)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            actor = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(
                f"ユーザーが見つかりません / no such user: {options['user']}"
            ) from None
        if actor.organisation is None:
            raise CommandError("ユーザーに組織がありません / the user has no organisation")
        failures = 0
        for path in options["files"]:
            try:
                data = path.read_bytes()
            except OSError as exc:
                self.stderr.write(f"{path}: 読み込めません / cannot read: {exc.strerror}")
                failures += 1
                continue
            try:
                case = intake_eml(actor=actor, data=data, file_name=path.name, kind=options["kind"])
            except IntakeError as exc:
                self.stderr.write(f"{path}: {exc.message_ja} / {exc.message_en}")
                failures += 1
                continue
            self.stdout.write(f"{case.pk}\t{case.number}\t{path}")
        if failures:
            raise CommandError(f"{failures} 件の取り込みに失敗しました / {failures} file(s) failed")
