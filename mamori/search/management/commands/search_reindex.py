from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.orgs.models import Organisation
from mamori.search.index import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search documents: extract the text of files that have none "
        "yet, then re-index every case (or one organisation's). Safe to run at any time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="only this organisation (slug)")
        parser.add_argument(
            "--missing", action="store_true", help="only cases that have no document yet"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation_id = None
        if options["organisation"]:
            try:
                organisation_id = Organisation.objects.get(slug=options["organisation"]).pk
            except Organisation.DoesNotExist:
                raise CommandError(f"no organisation {options['organisation']!r}") from None
        done = rebuild(
            organisation_id=organisation_id,
            only_missing=options["missing"],
            progress=(lambda n: self.stdout.write(f"indexed {n}"))
            if options["verbosity"] >= 2
            else None,
        )
        self.stdout.write(f"indexed {done} cases")
