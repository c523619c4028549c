from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.assessments.actions import training_examples
from mamori.cases.models import Case


class Command(BaseCommand):
    help = (
        "Write people-confirmed triage labels with their texts as JSONL "
        "(the format of the triage training corpus)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, help="default: standard output")
        parser.add_argument("--organisation", help="organisation slug")

    def handle(self, *args: Any, **options: Any) -> None:
        cases = Case.objects.filter(label_corrections__isnull=False).distinct().order_by("id")
        if options["organisation"]:
            cases = cases.filter(organisation__slug=options["organisation"])
        lines = [json.dumps(row, ensure_ascii=False) for row in training_examples(cases)]
        text = "".join(line + "\n" for line in lines)
        if options["output"]:
            try:
                options["output"].write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"書き込めません / cannot write: {exc}") from exc
            self.stderr.write(f"{len(lines)} examples → {options['output']}")
        else:
            self.stdout.write(text, ending="")
