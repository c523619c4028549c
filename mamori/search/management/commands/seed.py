from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from mamori.search.seeding import seed


class Command(BaseCommand):
    help = (
        "Generate N realistic, fictitious cases (clients, contacts, workers, staff, timeline "
        "entries in Japanese, parties, tasks, a few files, triage labels) for demos and "
        "benchmarks, then build the search index. For speed it BYPASSES the action functions "
        "(bulk inserts, no triage run, no per-row audit); it writes one audit row "
        "(import.records) summarising the import. Never run it on a real desk's organisation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, required=True, help="how many cases to create")
        parser.add_argument(
            "--organisation",
            default="seed",
            help="organisation slug (created if missing; default: seed)",
        )
        parser.add_argument("--random-seed", type=int, default=None, help="for reproducible data")
        parser.add_argument("--no-index", action="store_true", help="skip building the index")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["cases"] < 0:
            raise CommandError("--cases must be 0 or more")
        verbose = options["verbosity"] >= 2
        result = seed(
            cases=options["cases"],
            organisation_slug=options["organisation"],
            rng_seed=options["random_seed"],
            index=not options["no_index"],
            progress=self.stdout.write if verbose else None,
        )
        # Bulk inserts leave the planner without statistics, and PostgreSQL's
        # visibility map unset, until autovacuum catches up: the first searches
        # would plan for empty tables and every count would read the heap.
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(
            f"seeded {result.cases} cases, {result.entries} entries, "
            f"{result.assessments} assessments, {result.parties} parties, {result.tasks} tasks, "
            f"{result.files} files into '{result.organisation.slug}' in {result.seconds:.1f}s; "
            f"indexed {result.indexed} in {result.index_seconds:.1f}s"
        )
