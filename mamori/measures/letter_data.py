"""The first draft of a letter's fields, taken from the case; the user edits them before issuing."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from mamori.cases.models import Case, CaseParty, Direction, PartyRole
from mamori.measures.letters import LetterTemplate, letter_date
from mamori.measures.models import LetterKind, MeasureDecision, MeasureKind, MeasureStatus

if TYPE_CHECKING:
    from mamori.accounts.models import User

# Which suggested measure lines of each letter (by position in letters.toml)
# correspond to measures decided on the case, so they start ticked.
OPTIONS_FOR_MEASURE: dict[str, dict[str, tuple[int, ...]]] = {
    LetterKind.WARNING_LETTER: {
        MeasureKind.SINGLE_POINT_OF_CONTACT: (0,),
        MeasureKind.RECORDED_CALLS_ONLY: (1,),
        MeasureKind.SUSPENSION_OF_SERVICE: (4,),
        MeasureKind.POLICE_REPORT: (6,),
        MeasureKind.LEGAL_COUNSEL: (6,),
    },
    LetterKind.SERVICE_SUSPENSION: {
        MeasureKind.SUSPENSION_OF_SERVICE: (0, 1),
        MeasureKind.LEGAL_COUNSEL: (5,),
    },
    LetterKind.COOPERATION_REQUEST: {
        MeasureKind.SINGLE_POINT_OF_CONTACT: (3,),
    },
}
_MAX_ENTRIES = 5
_MAX_SUMMARY = 300


def complainant(case: Case) -> CaseParty | None:
    parties = [
        p for p in case.parties.select_related("contact__client") if p.role == PartyRole.COMPLAINANT
    ]
    with_contact = [p for p in parties if p.contact_id is not None]
    chosen = with_contact or parties
    return chosen[0] if chosen else None


def _incident_dates(days: list[date], lang: str) -> str:
    unique = sorted(set(days))
    if not unique:
        return ""
    if len(unique) > 3:
        sep = " to " if lang == "en" else "から"
        tail = "" if lang == "en" else "まで"
        return f"{letter_date(unique[0], lang)}{sep}{letter_date(unique[-1], lang)}{tail}"
    joiner = ", " if lang == "en" else "、"
    return joiner.join(letter_date(d, lang) for d in unique)


def _incident_summary(case: Case, lang: str) -> tuple[list[date], str]:
    entries = list(case.entries.filter(direction=Direction.INBOUND).order_by("occurred_at", "id"))
    days = [timezone.localtime(e.occurred_at).date() for e in entries]
    lines = []
    for entry in entries[:_MAX_ENTRIES]:
        when = letter_date(timezone.localtime(entry.occurred_at).date(), lang)
        summary = " ".join(entry.summary.split())
        if len(summary) > _MAX_SUMMARY:
            summary = summary[:_MAX_SUMMARY] + "…"
        bullet = "- " if lang == "en" else "・"
        sep = ": " if lang == "en" else "　"
        lines.append(f"{bullet}{when}{sep}{summary}")
        for quote in entry.quotes[:3]:
            lines.append(f"　「{quote}」" if lang != "en" else f'  "{quote}"')
    return days, "\n".join(lines)


def letter_initial(
    case: Case, template: LetterTemplate, actor: User, today: date | None = None
) -> dict[str, Any]:
    party = complainant(case)
    customer_name = party.contact.name if party and party.contact else (party.name if party else "")
    if party and party.contact:
        company_of_customer = party.contact.client.name
    else:
        company_of_customer = case.client.name if case.client else ""
    organisation = case.organisation
    company = (
        organisation.name_en
        if template.lang == "en" and organisation.name_en
        else organisation.name
    )
    days, summary = _incident_summary(case, template.lang)
    summary = summary or "\n".join(case.background)
    decided = MeasureDecision.objects.filter(
        case=case, status__in=(MeasureStatus.PLANNED, MeasureStatus.IN_EFFECT)
    ).values_list("kind", flat=True)
    mapping = OPTIONS_FOR_MEASURE.get(template.kind, {})
    ticked = sorted(
        {i for kind in decided for i in mapping.get(kind, ()) if i < len(template.measure_options)}
    )
    return {
        "date": letter_date(today or timezone.localdate(), template.lang),
        "customer_company": company_of_customer,
        "customer_name": customer_name,
        "company": company,
        "incident_date": _incident_dates(days, template.lang),
        "incident_summary": summary,
        "measures": [str(i) for i in ticked],
        "contact_name": str(case.owner),
        "contact_phone": "",
        "subject": template.subject,
        "record_cooperation": template.kind == LetterKind.COOPERATION_REQUEST,
    }
