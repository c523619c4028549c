"""The customer register: who complained or harassed across cases, and what is in effect.

A customer is identified by a *key*:

* ``contact:<id>`` for a client contact recorded as complainant, and
* ``name:<normalised>`` for a complainant typed as a free name. Names are
  normalised so that the same person written twice matches: Unicode NFKC
  (full-width Latin and half-width kana become their usual forms), every space
  removed (ASCII and the ideographic space), a trailing honorific (様, さん,
  殿) dropped, and case folded.

Counts cover every case of the organisation, so a handler learns that a
customer has a history; links are given only to cases the user may see.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from mamori.cases.models import Case, CaseParty, PartyRole
from mamori.measures.models import MeasureDecision, MeasureStatus

if TYPE_CHECKING:
    from mamori.orgs.models import ClientContact

_HONORIFICS = ("さま", "さん", "様", "殿")


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if not ch.isspace())
    for honorific in _HONORIFICS:
        if text.endswith(honorific) and len(text) > len(honorific):
            text = text[: -len(honorific)]
            break
    return text.casefold()


def contact_key(contact: ClientContact | int) -> str:
    return f"contact:{contact if isinstance(contact, int) else contact.pk}"


def name_key(name: str) -> str | None:
    normalised = normalise_name(name)
    return f"name:{normalised}" if normalised else None


def party_key(party: CaseParty) -> str | None:
    """The register key of a customer party; ``None`` for our workers and staff."""
    if party.contact_id is not None:
        return contact_key(party.contact_id)
    if party.worker_id is None and party.user_id is None and party.name:
        return name_key(party.name)
    return None


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
        key = party_key(party)
        if key is None:
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
    earlier: list[Case]
    measures: list[MeasureDecision]


def customer_histories(case: Case) -> list[CustomerHistory]:
    """For each complainant of ``case``: the organisation's cases opened before it with them."""
    parties = [p for p in case.parties.select_related("contact") if p.role == PartyRole.COMPLAINANT]
    keys: dict[str, str] = {}
    for party in parties:
        key = party_key(party)
        if key is not None and key not in keys:
            keys[key] = party.display_name
    if not keys:
        return []
    earlier: dict[str, list[Case]] = defaultdict(list)
    before = Q(case__opened_at__lt=case.opened_at) | Q(
        case__opened_at=case.opened_at, case__pk__lt=case.pk
    )
    # Narrow in SQL first: the same contacts, or free-name parties when this case has one.
    contact_ids = [p.contact_id for p in parties if p.contact_id]
    same = Q(contact_id__in=contact_ids)
    if any(not p.contact_id and p.name for p in parties):
        same |= Q(contact__isnull=True) & ~Q(name="")
    seen: set[tuple[str, int]] = set()
    for party in _complainants(case.organisation_id).filter(before).filter(same).exclude(case=case):
        key = party_key(party)
        if key in keys and (key, party.case_id) not in seen:
            seen.add((key, party.case_id))
            earlier[key].append(party.case)
    measures: dict[str, list[MeasureDecision]] = defaultdict(list)
    for measure in in_effect_measures(case.organisation_id, list(keys)):
        measures[measure.target_key].append(measure)
    return [
        CustomerHistory(name, key, earlier[key], measures[key])
        for key, name in keys.items()
        if earlier[key] or measures[key]
    ]
