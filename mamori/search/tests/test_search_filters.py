from __future__ import annotations

from datetime import date, datetime

from django.test import Client

from mamori.assessments.actions import do_correct_labels
from mamori.cases import actions
from mamori.cases.models import CaseKind, CaseStatus
from mamori.conftest import Desk
from mamori.orgs.models import ClientCompany, Worker
from mamori.search.index import index_case
from mamori.search.query import SearchFilters, search_cases
from mamori.search.tests.helpers import JST, open_indexed, search_page

LABELS = {
    "verdict": "customer_harassment",
    "demand_validity": "invalid",
    "means": "unacceptable",
    "categories": ["abuse", "excessive_demand"],
    "flags": ["dismissal_demand"],
    "topics": ["conduct"],
}


def _ids(desk: Desk, query: str = "録音", **filters: object) -> set[int]:
    found = search_cases(desk.response, query, SearchFilters(**filters))  # type: ignore[arg-type]
    return set(found.values_list("pk", flat=True))


def test_it_filters_by_status_kind_client_owner_and_date(desk: Desk) -> None:
    other_client = ClientCompany.objects.create(organisation=desk.org, name="Kストア")
    a = open_indexed(desk, "A", "録音あり")
    b = open_indexed(
        desk,
        "B",
        "録音あり",
        kind=CaseKind.CUSTOMER_HARASSMENT,
        client=other_client,
        owner=desk.manager,
        occurred_at=datetime(2025, 3, 1, 10, 0, tzinfo=JST),
        opened_at=datetime(2025, 3, 1, 10, 0, tzinfo=JST),
    )
    actions.do_change_status(actor=desk.handler, case=a, status=CaseStatus.CLOSED)
    index_case(a)
    assert _ids(desk) == {a.pk, b.pk}
    assert _ids(desk, status="open") == {b.pk}
    assert _ids(desk, status=CaseStatus.CLOSED) == {a.pk}
    assert _ids(desk, kind=CaseKind.CUSTOMER_HARASSMENT) == {b.pk}
    assert _ids(desk, client=other_client) == {b.pk}
    assert _ids(desk, owner=desk.manager) == {b.pk}
    assert _ids(desk, opened_from=date(2025, 1, 1), opened_to=date(2025, 12, 31)) == {b.pk}
    assert _ids(desk, opened_from=date(2026, 1, 1)) == {a.pk}


def test_it_filters_by_current_labels(desk: Desk) -> None:
    a = open_indexed(desk, "A", "録音あり")
    b = open_indexed(desk, "B", "録音あり")
    do_correct_labels(actor=desk.response, case=b, labels=LABELS)
    index_case(b)
    assert _ids(desk, verdict="customer_harassment") == {b.pk}
    assert _ids(desk, category="abuse") == {b.pk}
    assert _ids(desk, flag="dismissal_demand") == {b.pk}
    assert _ids(desk, category="sexual") == set()
    assert a.pk in _ids(desk)


def test_it_filters_by_worker_name(desk: Desk) -> None:
    a = open_indexed(desk, "A", "録音あり")
    open_indexed(desk, "B", "録音あり")
    worker = Worker.objects.create(organisation=desk.org, name="山田 花子")
    actions.do_add_party(actor=desk.handler, case=a, role="victim", worker=worker)
    assert _ids(desk, worker="山田") == {a.pk}


def test_filters_alone_list_cases_without_words(desk: Desk) -> None:
    a = open_indexed(desk, "A", "特になし", kind=CaseKind.CONSULTATION)
    open_indexed(desk, "B", "特になし")
    assert _ids(desk, query="", kind=CaseKind.CONSULTATION) == {a.pk}


def test_the_form_rejects_a_reversed_period(desk: Desk, client: Client) -> None:
    desk.login(client, desk.response)
    html = search_page(client, q="録音", opened_from="2026-02-01", opened_to="2026-01-01")
    assert "The start date must not be after the end date." in html


def test_the_form_rejects_an_unknown_verdict(desk: Desk, client: Client) -> None:
    desk.login(client, desk.response)
    html = search_page(client, q="録音", verdict="bogus")
    assert "Select a valid choice" in html
