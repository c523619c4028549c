"""The customer register: who complained or harassed across cases, and what is in effect.

Customers are grouped by the key stored on each party (see
:mod:`mamori.cases.customers`). Counts cover every case of the organisation,
so a handler learns that a customer has a history; links are given only to
cases the user may see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Count, Max, Min, Q, QuerySet

from mamori.cases.customers import contact_key as _contact_key
from mamori.cases.customers import name_key, normalise_name
from mamori.cases.models import Case, CaseKind, CaseParty, PartyRole
from mamori.measures.models import MeasureDecision, MeasureStatus
from mamori.search.index import dashboard_version

if TYPE_CHECKING:
    from mamori.orgs.models import ClientContact

__all__ = [
    "CustomerHistory",
    "CustomerRow",
    "client_company_counts",
    "contact_key",
    "customer_histories",
    "customer_register",
    "customer_rows",
    "in_effect_measures",
    "name_key",
    "normalise_name",
    "party_key",
    "register_entries",
    "visible_case_ids",
]

# The repeat-customer warning links to this many of the latest earlier cases.
HISTORY_LINKS = 20


def contact_key(contact: ClientContact | int) -> str:
    return _contact_key(contact if isinstance(contact, int) else contact.pk)


def party_key(party: CaseParty) -> str | None:
    """The register key of a customer party; ``None`` for our workers and staff."""
    party.fill_customer_key()
    return party.customer_key or None


@dataclass
class CustomerRow:
    """One customer in the register: counts over all their cases, the latest cases listed."""

    key: str
    name: str
    company: str
    is_contact: bool
    count: int
    last_incident: datetime | None
    cases: list[Case] = field(default_factory=list)  # the latest REGISTER_CASES, newest first
    measures: list[MeasureDecision] = field(default_factory=list)


# The register lists this many of each customer's latest cases.
REGISTER_CASES = 10


def _complainants(organisation_id: int) -> QuerySet[CaseParty]:
    return CaseParty.objects.filter(
        organisation_id=organisation_id, role=PartyRole.COMPLAINANT
    ).exclude(customer_key="")


def customer_parties(organisation_id: int, key: str) -> QuerySet[CaseParty]:
    """This customer's complainant parties in the organisation, newest case first."""
    return (
        _complainants(organisation_id)
        .filter(customer_key=key)
        .order_by("-case_opened_at", "-case_id")
    )


def case_count(parties: QuerySet[CaseParty]) -> int:
    return int(parties.order_by().aggregate(n=Count("case_id", distinct=True))["n"])


def _latest_ids(parties: QuerySet[CaseParty], limit: int) -> list[int]:
    # (case, opened) pairs are distinct exactly when cases are: a customer
    # entered twice on one case is listed once.
    return [pk for pk, _ in parties.values_list("case_id", "case_opened_at").distinct()[:limit]]


def _link_cases(ids: Iterable[int]) -> dict[int, Case]:
    return Case.objects.only("id", "number", "opened_at").in_bulk(set(ids))


def latest_cases(parties: QuerySet[CaseParty], limit: int) -> list[Case]:
    """Up to ``limit`` distinct cases of these parties, in the parties' order (links only)."""
    ids = _latest_ids(parties, limit)
    cases = _link_cases(ids)
    return [cases[pk] for pk in ids if pk in cases]


def visible_case_ids(user: Any, cases: Iterable[Case]) -> set[int]:
    """Which of these cases the user may open (only these are checked, not the whole desk)."""
    ids = {c.pk for c in cases}
    return set(Case.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def register_entries(organisation_id: int, query: str = "") -> QuerySet[Any]:
    """Customers as ``{customer_key, count, last}`` rows, most cases first, counted in SQL."""
    parties = _complainants(organisation_id)
    query = query.strip()
    if query:
        parties = parties.filter(
            Q(customer_key__contains=normalise_name(query))
            | Q(contact__name__icontains=query)
            | Q(contact__client__name__icontains=query)
        )
    return (
        parties.values("customer_key")
        .annotate(count=Count("case_id", distinct=True), last=Max("case_opened_at"))
        .order_by("-count", "-last", "customer_key")
    )


def latest_cases_by_key(organisation_id: int, keys: list[str], limit: int) -> dict[str, list[Case]]:
    """Each customer's ``limit`` latest cases, newest first.

    One short index range per customer (faster than ranking every party of
    frequent customers in one query), then one query for all the cases.
    """
    ids = {key: _latest_ids(customer_parties(organisation_id, key), limit) for key in keys}
    cases = _link_cases(pk for pks in ids.values() for pk in pks)
    return {key: [cases[pk] for pk in pks if pk in cases] for key, pks in ids.items()}


def customer_rows(organisation_id: int, entries: list[dict[str, Any]]) -> list[CustomerRow]:
    """Names, latest cases and measures in effect for some register entries."""
    keys = [e["customer_key"] for e in entries]
    first_ids = (
        _complainants(organisation_id)
        .filter(customer_key__in=keys)
        .values("customer_key")
        .annotate(first=Min("id"))
        .values_list("first", flat=True)
    )
    named = {
        p.customer_key: p
        for p in CaseParty.objects.filter(pk__in=list(first_ids)).select_related("contact__client")
    }
    latest = latest_cases_by_key(organisation_id, keys, REGISTER_CASES)
    rows: dict[str, CustomerRow] = {}
    for entry in entries:
        key = entry["customer_key"]
        party = named[key]
        contact = party.contact
        rows[key] = CustomerRow(
            key=key,
            name=contact.name if contact is not None else party.name,
            company=contact.client.name if contact is not None else "",
            is_contact=contact is not None,
            count=entry["count"],
            last_incident=entry["last"],
            cases=latest.get(key, []),
        )
    for measure in in_effect_measures(organisation_id, keys):
        rows[measure.target_key].measures.append(measure)
    return list(rows.values())


def customer_register(organisation_id: int, query: str = "") -> list[CustomerRow]:
    """Every complainant of the organisation, most cases first, then the latest incident."""
    return customer_rows(organisation_id, list(register_entries(organisation_id, query)))


def in_effect_measures(organisation_id: int, keys: list[str]) -> list[MeasureDecision]:
    return list(
        MeasureDecision.objects.filter(
            case__organisation_id=organisation_id,
            status=MeasureStatus.IN_EFFECT,
            target_key__in=keys,
        )
        .select_related("case")
        .order_by("-decided_at")
    )


@dataclass
class CustomerHistory:
    """Earlier cases of one complainant of a case, for the warning on the case page."""

    name: str
    key: str
    count: int  # every earlier case of the organisation with this customer
    latest: list[Case]  # the most recent of them, newest first
    measures: list[MeasureDecision]


def customer_histories(case: Case) -> list[CustomerHistory]:
    """For each complainant of ``case``: the organisation's cases opened before it with them."""
    keys: dict[str, str] = {}
    for party in case.parties.select_related("contact", "worker", "user"):
        if party.role == PartyRole.COMPLAINANT and party.customer_key:
            keys.setdefault(party.customer_key, party.display_name)
    if not keys:
        return []
    before = Q(case_opened_at__lt=case.opened_at) | Q(
        case_opened_at=case.opened_at, case_id__lt=case.pk
    )
    measures: dict[str, list[MeasureDecision]] = defaultdict(list)
    for measure in in_effect_measures(case.organisation_id, list(keys)):
        measures[measure.target_key].append(measure)
    histories = []
    for key, name in keys.items():
        earlier = customer_parties(case.organisation_id, key).filter(before)
        count = case_count(earlier)
        if count or measures[key]:
            latest = latest_cases(earlier, HISTORY_LINKS)
            histories.append(CustomerHistory(name, key, count, latest, measures[key]))
    return histories


# Re-counted when a case of the organisation is re-indexed, like the dashboards.
COMPANY_COUNTS_SECONDS = 600


def client_company_counts(organisation_id: int) -> list[dict[str, Any]]:
    """Cases and harassment cases per client company, most harassment first (cached)."""
    key = f"mamori:measures:companies:{organisation_id}:{dashboard_version(organisation_id)}"
    cached: list[dict[str, Any]] | None = cache.get(key)
    if cached is not None:
        return cached
    # Grouped over the cases themselves: joining companies to cases and
    # counting distinct rows took a quarter of a second at 100,000 cases.
    rows = [
        {
            "name": row["client__name"],
            "case_count": row["case_count"],
            "harassment_count": row["harassment_count"],
            "last_case": row["last_case"],
        }
        for row in Case.objects.filter(organisation_id=organisation_id, client__isnull=False)
        .values("client_id", "client__name")
        .annotate(
            case_count=Count("id"),
            harassment_count=Count("id", filter=Q(kind=CaseKind.CUSTOMER_HARASSMENT)),
            last_case=Max("opened_at"),
        )
        .order_by("-harassment_count", "-case_count", "client__name")
    ]
    cache.set(key, rows, COMPANY_COUNTS_SECONDS)
    return rows
