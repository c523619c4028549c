"""Every change to a care plan, its check-ins and notes, and every interview, goes through here.

Each function runs in one transaction and writes its audit row in the same
transaction. Audit rows of care changes name the fields that changed and their
new values for choices, dates and people (as ids), but never the free text
(how the employee was protected, wishes, outcomes, notes): the audit log is
read by auditors, who are not on the care team, and outlives the case's
content under retention. Names in interview rows are kept as digests
(``content_digest``), like the case actions do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from mamori.audit.actions import content_digest, record_event
from mamori.audit.models import EventType
from mamori.care.models import (
    CareCheckIn,
    CareNote,
    CarePlan,
    CareStatus,
    Interview,
    InterviewSide,
)
from mamori.cases.models import Case, CaseKind, CaseParty, Channel, PartyRole

if TYPE_CHECKING:
    from mamori.accounts.models import User
    from mamori.orgs.models import Worker


class CareError(Exception):
    """A change the care rules refuse; the message is for logs, views show their own."""


# Fields whose values are kept out of the audit log: only the fact that they changed is.
PRIVATE_FIELDS = frozenset({"safety_how", "wish_note", "person_name"})
EDITABLE_PLAN_FIELDS = (
    "worker",
    "employee",
    "person_name",
    "carer",
    "status",
    "safety_done",
    "safety_done_at",
    "safety_how",
    "first_interview_at",
    "first_interview_by",
    "referral",
    "referral_on",
    "wish",
    "wish_decision",
    "wish_note",
)


def _person_from_parties(case: Case) -> dict[str, Any]:
    """The harmed employee as recorded among the parties: a victim first, else a worker."""
    parties = list(case.parties.select_related("worker", "user"))
    for party in [p for p in parties if p.role == PartyRole.VICTIM] + parties:
        if party.worker_id:
            return {"worker": party.worker}
        if party.role == PartyRole.VICTIM and party.user_id:
            return {"employee": party.user}
        if party.role == PartyRole.VICTIM and party.name:
            return {"person_name": party.name}
    return {}


def _open(
    *,
    actor: User,
    case: Case,
    automatic: bool,
    carer: User | None = None,
    worker: Worker | None = None,
    employee: User | None = None,
    person_name: str = "",
) -> CarePlan:
    person: dict[str, Any] = {}
    if worker is not None:
        person = {"worker": worker}
    elif employee is not None:
        person = {"employee": employee}
    elif person_name.strip():
        person = {"person_name": person_name.strip()}
    else:
        person = _person_from_parties(case)
    plan = CarePlan.objects.create(
        case=case, carer=carer, opened_at=timezone.now(), opened_by=actor, **person
    )
    record_event(
        actor=actor,
        event_type=EventType.CARE_OPENED,
        case=case,
        obj=plan,
        data={
            "new": {
                "carer": plan.carer_id,
                "worker": plan.worker_id,
                "employee": plan.employee_id,
                "automatic": automatic,
            }
        },
    )
    return plan


HARASSMENT_VERDICT = "customer_harassment"


def is_harassment(case: Case) -> bool:
    """Customer harassment by kind, or by the triage verdict (confirmed, else suggested)."""
    if case.kind == CaseKind.CUSTOMER_HARASSMENT:
        return True
    # Imported here: the assessments actions call ensure_care_plan in turn.
    from mamori.assessments.actions import current_labels

    labels, _correction = current_labels(case)
    return bool(labels and labels.get("verdict") == HARASSMENT_VERDICT)


def ensure_care_plan(*, actor: User, case: Case) -> CarePlan | None:
    """Open the case's care plan if it is a harassment case without one; idempotent.

    A case is harassment by its kind or by its triage verdict (see
    ``is_harassment``). Returns the plan (new or existing), or ``None`` for a
    case that is not harassment and has no plan. Safe to call inside another
    action's transaction and as often as one likes: the case row is locked, so
    two callers cannot both open a plan.
    """
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        existing = CarePlan.objects.filter(case=locked).first()
        if existing is not None:
            _fill_person(actor=actor, plan=existing)
            return existing
        if not is_harassment(locked):
            return None
        return _open(actor=actor, case=locked, automatic=True)


def _fill_person(*, actor: User, plan: CarePlan) -> None:
    """A plan opened at intake, before the parties were recorded, learns who it is for."""
    if plan.worker_id or plan.employee_id or plan.person_name:
        return
    person = _person_from_parties(plan.case)
    if not person:
        return
    for name, value in person.items():
        setattr(plan, name, value)
    plan.save(update_fields=list(person))
    record_event(
        actor=actor,
        event_type=EventType.CARE_CHANGED,
        case=plan.case,
        obj=plan,
        data={
            "new": {
                "worker": plan.worker_id,
                "employee": plan.employee_id,
                "person": "from parties",
            }
        },
    )


def do_open_care_plan(
    *,
    actor: User,
    case: Case,
    carer: User | None = None,
    worker: Worker | None = None,
    employee: User | None = None,
    person_name: str = "",
) -> CarePlan:
    """Open a care plan by hand, on a case of any kind; returns the existing one if any."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        existing = CarePlan.objects.filter(case=locked).first()
        if existing is not None:
            return existing
        return _open(
            actor=actor,
            case=locked,
            automatic=False,
            carer=carer,
            worker=worker,
            employee=employee,
            person_name=person_name,
        )


def _snapshot(plan: CarePlan) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in EDITABLE_PLAN_FIELDS:
        field = CarePlan._meta.get_field(name)
        value = getattr(plan, field.attname)  # type: ignore[union-attr]
        values[name] = value.isoformat() if isinstance(value, date | datetime) else value
    return values


def do_update_care_plan(*, actor: User, plan: CarePlan, changes: dict[str, Any]) -> CarePlan:
    unknown = set(changes) - set(EDITABLE_PLAN_FIELDS)
    if unknown:
        raise CareError(f"fields not editable here: {sorted(unknown)}")
    with transaction.atomic():
        plan = CarePlan.objects.select_for_update().select_related("case").get(pk=plan.pk)
        before = _snapshot(plan)
        for name, value in changes.items():
            setattr(plan, name, value.strip() if isinstance(value, str) else value)
        after = _snapshot(plan)
        changed = [n for n in EDITABLE_PLAN_FIELDS if before[n] != after[n]]
        if not changed:
            return plan
        update_fields = [*changed, "updated_at"]
        if "status" in changed:
            plan.closed_at = timezone.now() if plan.status == CareStatus.CLOSED else None
            update_fields.append("closed_at")
        plan.save(update_fields=update_fields)
        public = [n for n in changed if n not in PRIVATE_FIELDS]
        record_event(
            actor=actor,
            event_type=EventType.CARE_CHANGED,
            case=plan.case,
            obj=plan,
            data={
                "old": {n: before[n] for n in public},
                "new": {n: after[n] for n in public},
                "text_changed": [n for n in changed if n in PRIVATE_FIELDS],
            },
        )
    return plan


def do_add_check_in(*, actor: User, plan: CarePlan, due: date) -> CareCheckIn:
    with transaction.atomic():
        plan = CarePlan.objects.select_for_update().select_related("case").get(pk=plan.pk)
        if not plan.is_open:
            raise CareError("the care plan is closed")
        check_in = CareCheckIn.objects.create(plan=plan, due=due, created_by=actor)
        record_event(
            actor=actor,
            event_type=EventType.CARE_CHANGED,
            case=plan.case,
            obj=check_in,
            data={"new": {"check_in": check_in.pk, "due": due.isoformat()}},
        )
    return check_in


def do_complete_check_in(
    *, actor: User, check_in: CareCheckIn, outcome: str, done_at: datetime | None = None
) -> CareCheckIn:
    with transaction.atomic():
        check_in = (
            CareCheckIn.objects.select_for_update().select_related("plan__case").get(pk=check_in.pk)
        )
        if check_in.is_done:
            raise CareError("the check-in is already done")
        check_in.done_at = done_at or timezone.now()
        check_in.done_by = actor
        check_in.outcome = outcome.strip()
        check_in.save(update_fields=["done_at", "done_by", "outcome"])
        record_event(
            actor=actor,
            event_type=EventType.CARE_CHANGED,
            case=check_in.plan.case,
            obj=check_in,
            data={"new": {"check_in": check_in.pk, "done_at": check_in.done_at.isoformat()}},
        )
    return check_in


def do_add_care_note(*, actor: User, plan: CarePlan, body: str) -> CareNote:
    body = body.strip()
    if not body:
        raise CareError("a care note needs a text")
    with transaction.atomic():
        note = CareNote.objects.create(plan=plan, author=actor, body=body)
        record_event(
            actor=actor,
            event_type=EventType.CARE_CHANGED,
            case=plan.case,
            obj=note,
            data={"new": {"note": note.pk}},
        )
    return note


def do_record_care_notes_view(*, actor: User, plan: CarePlan, note_ids: Iterable[int]) -> None:
    """Each reading of care notes is audited: who read the most sensitive record, and which."""
    with transaction.atomic():
        record_event(
            actor=actor,
            event_type=EventType.CARE_NOTE_VIEWED,
            case=plan.case,
            obj=plan,
            data={"notes": sorted(note_ids)},
        )


def clean_statements(statements: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    for row in statements:
        speaker = str(row.get("speaker", "")).strip()
        said = str(row.get("said", "")).strip()
        if said:
            rows.append({"speaker": speaker, "said": said})
    return rows


def do_record_interview(
    *,
    actor: User,
    case: Case,
    side: str,
    held_at: datetime,
    channel: str,
    summary: str,
    interviewee_party: CaseParty | None = None,
    interviewee_name: str = "",
    interviewers: Sequence[User] = (),
    other_interviewers: str = "",
    place: str = "",
    statements: Iterable[dict[str, str]] = (),
    next_steps: str = "",
) -> Interview:
    if side not in InterviewSide.values:
        raise CareError(f"unknown interview side {side!r}")
    if channel not in Channel.values:
        raise CareError(f"unknown channel {channel!r}")
    if interviewee_party is not None:
        if interviewee_party.case_id != case.pk:
            raise CareError("the interviewee is not a party of this case")
        interviewee_name = interviewee_party.display_name
    if not interviewee_name.strip():
        raise CareError("an interview needs an interviewee")
    if not summary.strip():
        raise CareError("an interview needs a summary")
    if any(u.organisation_id != case.organisation_id for u in interviewers):
        raise CareError("interviewers must belong to the case's organisation")
    with transaction.atomic():
        interview = Interview.objects.create(
            case=case,
            side=side,
            interviewee_party=interviewee_party,
            interviewee_name=interviewee_name.strip(),
            other_interviewers=other_interviewers.strip(),
            held_at=held_at,
            channel=channel,
            place=place.strip(),
            statements=clean_statements(statements),
            summary=summary.strip(),
            next_steps=next_steps.strip(),
            recorded_by=actor,
        )
        interview.interviewers.set(interviewers)
        record_event(
            actor=actor,
            event_type=EventType.INTERVIEW_RECORDED,
            case=case,
            obj=interview,
            data={
                "new": {
                    "side": side,
                    "held_at": held_at.isoformat(),
                    "channel": channel,
                    "interviewee": content_digest(interview.interviewee_name),
                    "party": interview.interviewee_party_id,
                    "interviewers": sorted(u.pk for u in interviewers),
                    "other_interviewers": content_digest(interview.other_interviewers),
                    "statements": len(interview.statements),
                }
            },
        )
    return interview
