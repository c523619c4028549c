from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.render import RenderError
from mamori.reports.actions import do_issue_report
from mamori.reports.build import ReportOptions, instalments_of
from mamori.reports.management.commands._case_arg import find_actor, find_case


class Command(BaseCommand):
    help = "Write a case report (営業日報) as PDF, DOCX, Markdown or HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("case", help="case id or number (C-2026-0001)")
        parser.add_argument("--format", choices=["pdf", "docx", "md", "html"], default="pdf")
        parser.add_argument("-o", "--output", type=Path, required=True)
        parser.add_argument("--instalment", type=int, help="default: the latest")
        parser.add_argument("--lang", choices=["ja", "en"], default="ja")
        parser.add_argument("--wareki", action="store_true", help="also show 和暦 dates")
        parser.add_argument("--user", help="who issues it (default: the case owner)")

    def handle(self, *args: Any, **options: Any) -> None:
        case = find_case(options["case"])
        actor = find_actor(options["user"], case)
        if options["instalment"] and options["instalment"] not in instalments_of(case):
            raise CommandError(
                f"報告回 {options['instalment']} はありません / no instalment "
                f"{options['instalment']} (have {instalments_of(case)})"
            )
        report_options = ReportOptions(
            options["instalment"], options["lang"], options["wareki"], False
        )
        try:
            issued = do_issue_report(
                actor=actor, case=case, fmt=options["format"], options=report_options
            )
        except RenderError as exc:
            raise CommandError(f"{exc.message_ja} / {exc.message_en}") from exc
        try:
            options["output"].write_bytes(issued.content)
        except OSError as exc:
            raise CommandError(f"書き込めません / cannot write {options['output']}: {exc}") from exc
        self.stdout.write(f"{options['output']}\t{issued.record.sha256}")
