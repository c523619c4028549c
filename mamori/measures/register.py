"""The customer register: who complained or harassed across cases, and what is in effect.

Customers are grouped by the key stored on each party (see
:mod:`mamori.cases.customers`). Counts cover every case of the organisation,
so a handler learns that a customer has a history; links are given only to
cases the user may see.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from mamori.cases.customers import contact_key as _contact_key
from mamori.cases.customers import name_key, normalise_name
from mamori.cases.models import Case, CaseParty, PartyRole
from mamori.measures.models import MeasureDecision, MeasureStatus

if TYPE_CHECKING:
    from mamori.orgs.models import ClientContact

__all__ = [
    "CustomerHistory",
    "CustomerRow",
    "contact_key",
    "customer_histories",
    "customer_register",
    "in_effect_measures",
    "name_key",
    "normalise_name",
    "party_key",
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
    """One customer in the register, with the organisation's cases they appear in."""

    key: str
    name: str
    company: str
    is_contact: bool
    cases: list[Case] = field(default_factory=list)
    measures: list[MeasureDecision] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.cases)

    @property
    def last_incident(self) -> datetime | None:
        return max((c.opened_at for c in self.cases), default=None)


def _complainants(organisation_id: int) -> Any:
    return (
        CaseParty.objects.filter(case__organisation_id=organisation_id, role=PartyRole.COMPLAINANT)
        .select_related("case", "contact__client")
        .order_by("case__opened_at", "id")
    )


def customer_register(organisation_id: int) -> list[CustomerRow]:
    """Every complainant of the organisation, most cases first, then the latest incident."""
    rows: dict[str, CustomerRow] = {}
    for party in _complainants(organisation_id):
        key = party.customer_key
        if not key:
            continue
        row = rows.get(key)
        if row is None:
            company = party.contact.client.name if party.contact is not None else ""
            name = party.contact.name if party.contact is not None else party.name
            row = rows[key] = CustomerRow(key, name, company, party.contact_id is not None)
        if party.case not in row.cases:
            row.cases.append(party.case)
    for measure in in_effect_measures(organisation_id, list(rows)):
        rows[measure.target_key].measures.append(measure)
    return sorted(
        rows.values(),
        key=lambda r: (-r.count, -(r.last_incident.timestamp() if r.last_incident else 0)),
    )


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
    before = Q(case__opened_at__lt=case.opened_at) | Q(
        case__opened_at=case.opened_at, case__pk__lt=case.pk
    )
    measures: dict[str, list[MeasureDecision]] = defaultdict(list)
    for measure in in_effect_measures(case.organisation_id, list(keys)):
        measures[measure.target_key].append(measure)
    histories = []
    for key, name in keys.items():
        earlier = (
            CaseParty.objects.filter(
                before,
                customer_key=key,
                role=PartyRole.COMPLAINANT,
                case__organisation_id=case.organisation_id,
            )
            .values("case_id")
            .distinct()
        )
        count = earlier.count()
        if count or measures[key]:
            latest = list(
                Case.objects.filter(pk__in=earlier)
                .only("id", "number", "opened_at")
                .order_by("-opened_at", "-pk")[:HISTORY_LINKS]
            )
            histories.append(CustomerHistory(name, key, count, latest, measures[key]))
    return histories
