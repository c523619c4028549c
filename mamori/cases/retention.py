"""Retention: deleting the content of old closed cases, and legal holds that stop it.

A purged case keeps a tombstone (its number, kind, dates and who purged it
when) and its audit trail, which holds only digests of personal content.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from mamori.audit.actions import content_digest, record_event
from mamori.audit.models import EventType
from mamori.cases.models import Case, CaseStatus, EvidenceFile

if TYPE_CHECKING:
    from mamori.accounts.models import User


KEPT_RELATIONS = {"audit.AuditEvent", "reports.IssuedReport"}


class RetentionError(Exception):
    """A purge the rules refuse (legal hold, open case)."""


def retention_cutoff(kind: str, now: datetime) -> datetime:
    years = settings.RETENTION_YEARS.get(kind, 5)
    return now - timedelta(days=365 * years)


def cases_due(now: datetime | None = None) -> QuerySet[Case]:
    now = now or timezone.now()
    condition = Q()
    for kind in settings.RETENTION_YEARS:
        condition |= Q(kind=kind, closed_at__lt=retention_cutoff(kind, now))
    return Case.objects.filter(
        condition, status=CaseStatus.CLOSED, legal_hold=False, purged_at__isnull=True
    )


def do_set_legal_hold(*, actor: User, case: Case, hold: bool, reason: str = "") -> Case:
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        old = {"hold": case.legal_hold}
        case.legal_hold = hold
        case.legal_hold_reason = reason.strip()[:300] if hold else ""
        case.save(update_fields=["legal_hold", "legal_hold_reason", "updated_at"])
        record_event(
            actor=actor,
            event_type=EventType.LEGAL_HOLD_CHANGED,
            case=case,
            obj=case,
            data={"old": old, "new": {"hold": hold}, "reason": content_digest(reason)},
        )
    return case


def do_purge_case(*, actor: User | None, case: Case) -> dict[str, int]:
    """Delete the case's content in one transaction, keeping the tombstone."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.legal_hold:
            raise RetentionError("the case is under legal hold")
        if case.status != CaseStatus.CLOSED:
            raise RetentionError("only closed cases are purged")
        if case.purged_at is not None:
            return {}
        files = list(case.files.all())
        counts = {
            "entries": case.entries.count(),
            "parties": case.parties.count(),
            "tasks": case.tasks.count(),
            "files": len(files),
        }
        paths = {f.file.name for f in files if f.file.name}
        # Every row that hangs off the case is content (entries, files, plans,
        # care notes, interviews, …) except the audit trail and the register of
        # issued reports, which hold digests and metadata only.
        for relation in case._meta.related_objects:
            model = relation.related_model
            if model._meta.label in KEPT_RELATIONS or relation.many_to_many:
                continue
            model._default_manager.filter(**{relation.field.name: case}).delete()
        case.title = f"(削除済み / deleted) {case.number}"
        case.background = []
        case.custom_fields = {}
        case.purged_at = timezone.now()
        case.save(update_fields=["title", "background", "custom_fields", "purged_at", "updated_at"])
        from mamori.search.index import index_case

        index_case(case)
        record_event(
            actor=actor,
            event_type=EventType.RETENTION_DELETED,
            case=case,
            obj=case,
            data={"deleted": counts, "closed_at": case.closed_at},
        )
        # Shared, content-addressed files go only when no other case uses them,
        # and only once the deletion is committed.
        still_used = {
            str(p)
            for p in EvidenceFile.objects.filter(file__in=paths).values_list("file", flat=True)
        }
        for path in paths - still_used:
            transaction.on_commit(partial(default_storage.delete, path))
    return counts
