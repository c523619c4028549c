"""Writing audit rows. Call only from inside an action's transaction."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from mamori.audit.chain import GENESIS_HASH, row_digest
from mamori.audit.models import AuditEvent

if TYPE_CHECKING:
    from mamori.accounts.models import User
    from mamori.cases.models import Case


def content_digest(value: Any) -> dict[str, str]:
    """A stand-in for personal content in an audit row.

    The log is append-only, but retention must be able to delete a case's
    content: so rows keep a SHA-256 of the text, which still proves what the
    content was (hash the surviving copy and compare) without holding it.
    """
    payload = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return {"sha256": hashlib.sha256(payload.encode("utf-8")).hexdigest()}


def digest_fields(snapshot: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: (content_digest(v) if k in keys else v) for k, v in snapshot.items()}


def record_event(
    *,
    actor: User | None,
    event_type: str,
    case: Case | None = None,
    obj: Any = None,
    data: dict[str, Any] | None = None,
    organisation_id: int | None = None,
) -> AuditEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must run inside the action's transaction")
    # Lock the chain head so two writers cannot both extend the same row.
    last = AuditEvent.objects.select_for_update().order_by("-id").only("hash").first()
    prev_hash = last.hash if last else GENESIS_HASH
    now = timezone.now()
    # Millisecond precision: Django's JSON serialiser (backups) keeps no more,
    # and a restored row must hash exactly as it did.
    created_at = now.replace(microsecond=now.microsecond // 1000 * 1000)
    if organisation_id is None and case is not None:
        organisation_id = case.organisation_id
    object_type = type(obj).__name__ if obj is not None else ""
    object_id = str(getattr(obj, "pk", "") or "") if obj is not None else ""
    # Round-trip through JSON so the hash covers exactly what the database returns.
    payload = json.loads(json.dumps(data or {}, ensure_ascii=False, default=str))
    digest = row_digest(
        prev_hash=prev_hash,
        created_at=created_at,
        actor_id=actor.pk if actor is not None else None,
        organisation_id=organisation_id,
        case_id=case.pk if case is not None else None,
        event_type=event_type,
        object_type=object_type,
        object_id=object_id,
        data=payload,
    )
    event = AuditEvent(
        created_at=created_at,
        actor=actor,
        organisation_id=organisation_id,
        case=case,
        event_type=event_type,
        object_type=object_type,
        object_id=object_id,
        data=payload,
        prev_hash=prev_hash,
        hash=digest,
    )
    event.save()
    return event
