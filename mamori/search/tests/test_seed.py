from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from mamori.accounts.models import User
from mamori.assessments.models import Assessment
from mamori.audit.chain import verify_chain
from mamori.audit.models import AuditEvent, EventType
from mamori.cases.models import Case, TimelineEntry
from mamori.orgs.models import Organisation
from mamori.search import seeddata
from mamori.search.models import SearchDocument
from mamori.search.query import search_cases


@pytest.mark.django_db
def test_seed_creates_the_requested_cases_and_one_audit_row() -> None:
    out = io.StringIO()
    call_command(
        "seed", "--cases", "40", "--organisation", "bench", "--random-seed", "7", stdout=out
    )
    org = Organisation.objects.get(slug="bench")
    cases = Case.objects.filter(organisation=org)
    assert cases.count() == 40
    entries = TimelineEntry.objects.filter(case__organisation=org)
    assert 3 * 40 <= entries.count() <= 10 * 40
    assert all(3 <= c.entries.count() <= 10 for c in cases)
    assert Assessment.objects.filter(case__organisation=org).exists()
    assert SearchDocument.objects.filter(organisation=org).count() == 40
    events = AuditEvent.objects.filter(event_type=EventType.RECORDS_IMPORTED)
    assert events.count() == 1
    assert events.get().data["cases"] == 40
    assert "seeded 40 cases" in out.getvalue()

    call_command("seed", "--cases", "5", "--organisation", "bench", stdout=io.StringIO())
    assert Case.objects.filter(organisation=org).count() == 45
    numbers = list(Case.objects.filter(organisation=org).values_list("number", flat=True))
    assert len(set(numbers)) == 45

    response = User.objects.get(username="bench-response-00")
    assert search_cases(response, "様").count() > 0


@pytest.mark.django_db
def test_seeded_audit_chain_still_verifies() -> None:
    call_command("seed", "--cases", "3", stdout=io.StringIO())
    assert verify_chain().ok


def test_seed_help_says_it_bypasses_actions() -> None:
    from mamori.search.management.commands.seed import Command

    assert "BYPASSES the action functions" in Command.help
    assert "import.records" in Command.help


def test_every_template_fills() -> None:
    fills = {
        key: "x" for key in ("client", "dept", "contact", "worker", "rep", "date", "n", "hours")
    }
    for scenario in seeddata.SCENARIOS:
        for text in (
            *scenario.titles,
            *scenario.background,
            *scenario.first,
            *scenario.followups,
            *scenario.tasks,
        ):
            assert "{" not in text.format(**fills), text
        assert scenario.titles and scenario.first and scenario.followups
