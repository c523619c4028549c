"""Every state change of a case goes through these functions.

Each runs in one transaction, saves with ``update_fields`` where it changes a
row, and writes its audit row in the same transaction: either the change and
its record both land, or neither does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone

from mamori.api.models import WebhookEvent
from mamori.api.webhooks import emit_case_event
from mamori.assessments.actions import assess_entry
from mamori.audit.actions import content_digest, digest_fields, record_event
from mamori.audit.models import EventType
from mamori.care.actions import ensure_care_plan
from mamori.cases.models import (
    Case,
    CaseKind,
    CaseParty,
    CaseStatus,
    EvidenceFile,
    PartyRole,
    Task,
    TimelineEntry,
    allowed_status_moves,
)
from mamori.cases.uploads import inspect_upload
from mamori.orgs.models import Organisation
from mamori.search.index import index_case, on_evidence_attached

if TYPE_CHECKING:
    from mamori.accounts.models import User
    from mamori.orgs.models import ClientCompany, ClientContact, Department, Worker


class ActionError(Exception):
    """A change that the domain rules refuse; the message is shown to the user."""


def _next_case_number(organisation: Organisation, opened_at: datetime) -> str:
    # Locking the organisation row serialises numbering within one tenant.
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    year = timezone.localtime(opened_at).year
    prefix = f"C-{year}-"
    # By length first: "C-2026-10000" must sort after "C-2026-9999".
    last = (
        Case.objects.filter(organisation=organisation, number__startswith=prefix)
        .order_by(Length("number").desc(), "-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


def clean_text(text: str) -> str:
    """Text as stored: NUL characters removed (PostgreSQL cannot store them), trimmed."""
    return text.replace("\x00", "").strip()


@dataclass
class EntryInput:
    occurred_at: datetime
    channel: str
    summary: str
    direction: str = "inbound"
    participants: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    instalment: int | None = None


@dataclass
class FileInput:
    name: str
    content: bytes
    content_type: str = ""  # what the sender claimed; the bytes decide what is stored
    description: str = ""


def do_open_case(
    *,
    actor: User,
    kind: str,
    title: str,
    owner: User | None = None,
    client: ClientCompany | None = None,
    department: Department | None = None,
    severity: int = 2,
    topics: Sequence[str] = (),
    background: Sequence[str] = (),
    opened_at: datetime | None = None,
    first_entry: EntryInput | None = None,
    files: Sequence[FileInput] = (),
    status: str = CaseStatus.NEW,
) -> Case:
    if actor.organisation is None:
        raise ActionError("actor has no organisation")
    if kind not in CaseKind.values:
        raise ActionError(f"unknown case kind {kind!r}")
    opened_at = opened_at or timezone.now()
    with transaction.atomic():
        case = Case.objects.create(
            organisation=actor.organisation,
            number=_next_case_number(actor.organisation, opened_at),
            kind=kind,
            title=clean_text(title),
            status=status,
            severity=severity,
            owner=owner or actor,
            created_by=actor,
            client=client,
            department=department,
            topics=list(topics),
            background=[clean_text(fact) for fact in background if clean_text(fact)],
            opened_at=opened_at,
            closed_at=opened_at if status == CaseStatus.CLOSED else None,
        )
        record_event(
            actor=actor,
            event_type=EventType.CASE_OPENED,
            case=case,
            obj=case,
            data={"new": digest_fields(_case_snapshot(case), CASE_CONTENT)},
        )
        emit_case_event(WebhookEvent.CASE_OPENED, case, {"kind": case.kind, "status": case.status})
        entry = None
        if first_entry is not None:
            entry = do_add_timeline_entry(actor=actor, case=case, entry=first_entry)
        for file_input in files:
            do_attach_evidence(actor=actor, case=case, file=file_input, entry=entry)
        # Care of the employee comes first on every harassment case.
        ensure_care_plan(actor=actor, case=case)
        index_case(case)
    return case


# Personal content: audit rows keep only its digest (see audit.actions.content_digest).
CASE_CONTENT = ("title", "background")
ENTRY_CONTENT = ("participants", "summary", "quotes")


def _case_snapshot(case: Case) -> dict[str, Any]:
    return {
        "number": case.number,
        "kind": case.kind,
        "title": case.title,
        "status": case.status,
        "severity": case.severity,
        "owner": case.owner_id,
        "client": case.client_id,
        "department": case.department_id,
        "topics": list(case.topics),
        "background": list(case.background),
    }


EDITABLE_CASE_FIELDS = (
    "title",
    "kind",
    "severity",
    "owner",
    "client",
    "department",
    "topics",
    "background",
)


def do_update_case(*, actor: User, case: Case, changes: dict[str, Any]) -> Case:
    unknown = set(changes) - set(EDITABLE_CASE_FIELDS)
    if unknown:
        raise ActionError(f"fields not editable here: {sorted(unknown)}")
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = _case_snapshot(case)
        for name, value in changes.items():
            setattr(case, name, value)
        after = _case_snapshot(case)
        changed = [name for name in EDITABLE_CASE_FIELDS if before.get(name) != after.get(name)]
        if not changed:
            return case
        case.save(update_fields=[*changed, "updated_at"])
        record_event(
            actor=actor,
            event_type=EventType.CASE_CHANGED,
            case=case,
            obj=case,
            data={
                "old": digest_fields({n: before[n] for n in changed}, CASE_CONTENT),
                "new": digest_fields({n: after[n] for n in changed}, CASE_CONTENT),
            },
        )
        if "kind" in changed:
            ensure_care_plan(actor=actor, case=case)
        index_case(case)
    return case


def do_change_status(*, actor: User, case: Case, status: str, reason: str = "") -> Case:
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        old = case.status
        if status == old:
            return case
        if status not in allowed_status_moves(old):
            raise ActionError(f"status cannot move from {old} to {status}")
        case.status = status
        case.closed_at = timezone.now() if status == CaseStatus.CLOSED else None
        case.save(update_fields=["status", "closed_at", "updated_at"])
        record_event(
            actor=actor,
            event_type=EventType.CASE_STATUS,
            case=case,
            obj=case,
            data={"old": old, "new": status, "reason": reason},
        )
        emit_case_event(WebhookEvent.CASE_STATUS_CHANGED, case, {"old": old, "new": status})
        index_case(case)
    return case


def do_add_timeline_entry(*, actor: User, case: Case, entry: EntryInput) -> TimelineEntry:
    with transaction.atomic():
        # Read the instalment from the locked row: the caller's copy may be stale.
        case = Case.objects.select_for_update().get(pk=case.pk)
        instalment = entry.instalment or case.current_instalment
        if instalment > case.current_instalment:
            case.current_instalment = instalment
            case.save(update_fields=["current_instalment"])
        row = TimelineEntry.objects.create(
            case=case,
            occurred_at=entry.occurred_at,
            channel=entry.channel,
            direction=entry.direction,
            participants=[clean_text(p) for p in entry.participants if clean_text(p)],
            summary=clean_text(entry.summary),
            quotes=[clean_text(q) for q in entry.quotes if clean_text(q)],
            instalment=instalment,
            author=actor,
        )
        record_event(
            actor=actor,
            event_type=EventType.ENTRY_ADDED,
            case=case,
            obj=row,
            data={"new": digest_fields(_entry_snapshot(row), ENTRY_CONTENT)},
        )
        emit_case_event(
            WebhookEvent.ENTRY_ADDED,
            case,
            {
                "entry_id": row.pk,
                "channel": row.channel,
                "direction": row.direction,
                "occurred_at": row.occurred_at.isoformat(),
            },
        )
        case.save(update_fields=["updated_at"])
        assess_entry(actor=actor, entry=row)
        ensure_care_plan(actor=actor, case=case)
        index_case(case)
    return row


def _entry_snapshot(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "occurred_at": entry.occurred_at.isoformat(),
        "channel": entry.channel,
        "direction": entry.direction,
        "participants": list(entry.participants),
        "summary": entry.summary,
        "quotes": list(entry.quotes),
        "instalment": entry.instalment,
    }


def do_update_timeline_entry(
    *, actor: User, entry: TimelineEntry, changes: dict[str, Any]
) -> TimelineEntry:
    allowed = {
        "occurred_at",
        "channel",
        "direction",
        "participants",
        "summary",
        "quotes",
        "instalment",
    }
    if set(changes) - allowed:
        raise ActionError("fields not editable here")
    with transaction.atomic():
        entry = TimelineEntry.objects.select_for_update().get(pk=entry.pk)
        before = _entry_snapshot(entry)
        for name, value in changes.items():
            setattr(entry, name, value)
        after = _entry_snapshot(entry)
        changed = [name for name in allowed if before[name] != after[name]]
        if not changed:
            return entry
        entry.save(update_fields=changed)
        if {"summary", "quotes"} & set(changed):
            assess_entry(actor=actor, entry=entry)
        record_event(
            actor=actor,
            event_type=EventType.ENTRY_CHANGED,
            case=entry.case,
            obj=entry,
            data={
                "old": digest_fields({n: before[n] for n in changed}, ENTRY_CONTENT),
                "new": digest_fields({n: after[n] for n in changed}, ENTRY_CONTENT),
            },
        )
        index_case(entry.case_id)
    return entry


def do_add_task(
    *, actor: User, case: Case, title: str, assignee: User | None = None, due: date | None = None
) -> Task:
    with transaction.atomic():
        task = Task.objects.create(
            case=case, title=title.strip(), assignee=assignee, due=due, created_by=actor
        )
        record_event(
            actor=actor,
            event_type=EventType.TASK_ADDED,
            case=case,
            obj=task,
            data={
                "new": {
                    "title": content_digest(task.title),
                    "assignee": task.assignee_id,
                    "due": due.isoformat() if due else None,
                }
            },
        )
        index_case(case)
    return task


def do_set_task_done(*, actor: User, task: Task, done: bool) -> Task:
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.is_done == done:
            return task
        old = task.done_at
        task.done_at = timezone.now() if done else None
        task.save(update_fields=["done_at"])
        record_event(
            actor=actor,
            event_type=EventType.TASK_CHANGED,
            case=task.case,
            obj=task,
            data={"old": {"done_at": old}, "new": {"done_at": task.done_at}},
        )
    return task


def do_add_party(
    *,
    actor: User,
    case: Case,
    role: str,
    worker: Worker | None = None,
    contact: ClientContact | None = None,
    user: User | None = None,
    name: str = "",
    note: str = "",
) -> CaseParty:
    if worker is None and contact is None and user is None and not name.strip():
        raise ActionError("a party needs a worker, a contact, a user or a name")
    with transaction.atomic():
        party = CaseParty.objects.create(
            case=case,
            role=role,
            worker=worker,
            contact=contact,
            user=user,
            name=name.strip(),
            note=note.strip(),
        )
        record_event(
            actor=actor,
            event_type=EventType.PARTY_ADDED,
            case=case,
            obj=party,
            data={
                "new": {
                    "role": role,
                    "worker": party.worker_id,
                    "contact": party.contact_id,
                    "user": party.user_id,
                    "name": content_digest(party.name) if party.name else "",
                }
            },
        )
        if role == PartyRole.VICTIM:
            ensure_care_plan(actor=actor, case=case)
    return party


def do_remove_party(*, actor: User, party: CaseParty) -> None:
    with transaction.atomic():
        data = {"old": {"role": party.role, "name": content_digest(party.display_name)}}
        case = party.case
        party.delete()
        record_event(actor=actor, event_type=EventType.PARTY_REMOVED, case=case, data=data)


def do_start_next_instalment(*, actor: User, case: Case) -> Case:
    """Open the next report instalment (続編): entries from now on belong to it."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if not case.entries.filter(instalment=case.current_instalment).exists():
            raise ActionError("the current instalment has no entries yet")
        old = case.current_instalment
        case.current_instalment = old + 1
        case.save(update_fields=["current_instalment", "updated_at"])
        record_event(
            actor=actor,
            event_type=EventType.INSTALMENT_STARTED,
            case=case,
            obj=case,
            data={"old": old, "new": case.current_instalment},
        )
    return case


def _safe_name(name: str) -> str:
    """A display name only: path parts and control characters removed."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip() or "file"
    return cleaned[:255]


def do_attach_evidence(
    *, actor: User, case: Case, file: FileInput, entry: TimelineEntry | None = None
) -> EvidenceFile:
    verdict = inspect_upload(file.content, max_bytes=settings.MAX_UPLOAD_BYTES)
    digest = hashlib.sha256(file.content).hexdigest()
    with transaction.atomic():
        row = EvidenceFile(
            case=case,
            entry=entry,
            original_name=_safe_name(file.name),
            content_type=verdict.content_type[:120],
            inert=verdict.inert,
            size=len(file.content),
            sha256=digest,
            description=file.description[:300],
            uploaded_by=actor,
        )
        path = f"evidence/{digest[:2]}/{digest}"
        # Content-addressed: the same bytes are stored once and shared.
        if not default_storage.exists(path):
            saved = default_storage.save(path, ContentFile(file.content))
            if saved != path:
                raise ActionError("storage renamed a content-addressed file")
        row.file.name = path
        row.save()
        record_event(
            actor=actor,
            event_type=EventType.FILE_ADDED,
            case=case,
            obj=row,
            data={
                "new": {
                    "name": content_digest(row.original_name),
                    "size": row.size,
                    "sha256": digest,
                    "content_type": row.content_type,
                    "inert": row.inert,
                }
            },
        )
        on_evidence_attached(row, file.content)
    return row


def do_set_assignees(*, actor: User, case: Case, users: Iterable[User]) -> None:
    with transaction.atomic():
        old = sorted(case.assignees.values_list("pk", flat=True))
        new_users = list(users)
        case.assignees.set(new_users)
        new = sorted(u.pk for u in new_users)
        if old != new:
            record_event(
                actor=actor,
                event_type=EventType.CASE_CHANGED,
                case=case,
                obj=case,
                data={"old": {"assignees": old}, "new": {"assignees": new}},
            )


def do_record_view(*, actor: User, case: Case) -> None:
    """Views of harassment cases are audited: who read a sensitive record matters later.

    One row per reader and case per ``VIEW_AUDIT_WINDOW`` seconds: reloading a
    page adds nothing to the record, and every view would otherwise be a write
    serialised on the audit chain.
    """
    if case.kind == CaseKind.CLIENT_COMPLAINT:
        return
    window = settings.VIEW_AUDIT_WINDOW
    key = f"case-viewed:{actor.pk}:{case.pk}"
    if window and cache.get(key):
        return
    with transaction.atomic():
        record_event(actor=actor, event_type=EventType.CASE_VIEWED, case=case, obj=case)
    if window:
        cache.set(key, 1, timeout=window)
