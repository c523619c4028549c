from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.render import RenderError
from mamori.reports.actions import IntegrityError, do_issue_bundle
from mamori.reports.build import ReportOptions
from mamori.reports.management.commands._case_arg import find_actor, find_case


class Command(BaseCommand):
    help = "Write one ZIP with the case's report PDFs, every attached file and a manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("case", help="case id or number (C-2026-0001)")
        parser.add_argument("-o", "--output", type=Path, required=True)
        parser.add_argument("--lang", choices=["ja", "en"], default="ja")
        parser.add_argument("--user", help="who issues it (default: the case owner)")

    def handle(self, *args: Any, **options: Any) -> None:
        case = find_case(options["case"])
        actor = find_actor(options["user"], case)
        try:
            issued = do_issue_bundle(
                actor=actor, case=case, options=ReportOptions(None, options["lang"])
            )
        except RenderError as exc:
            raise CommandError(f"{exc.message_ja} / {exc.message_en}") from exc
        except IntegrityError as exc:
            raise CommandError(
                f"証拠ファイルが登録時のハッシュと一致しません / evidence file changed: {exc}"
            ) from exc
        try:
            options["output"].write_bytes(issued.content)
        except OSError as exc:
            raise CommandError(f"書き込めません / cannot write {options['output']}: {exc}") from exc
        self.stdout.write(f"{options['output']}\t{issued.record.sha256}")
