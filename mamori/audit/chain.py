"""Hash chain over audit rows: computing a row's hash and verifying the chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64


def row_digest(
    *,
    prev_hash: str,
    created_at: datetime,
    actor_id: int | None,
    organisation_id: int | None,
    case_id: int | None,
    event_type: str,
    object_type: str,
    object_id: str,
    data: Any,
) -> str:
    payload = json.dumps(
        [
            prev_hash,
            created_at.isoformat(timespec="microseconds"),
            actor_id,
            organisation_id,
            case_id,
            event_type,
            object_type,
            object_id,
            data,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None
    reason: str

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def verify_chain() -> ChainReport:
    from mamori.audit.models import AuditEvent

    expected_prev = GENESIS_HASH
    checked = 0
    for row in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if row.prev_hash != expected_prev:
            return ChainReport(checked, row.id, "prev_hash does not match the previous row")
        digest = row_digest(
            prev_hash=row.prev_hash,
            created_at=row.created_at,
            actor_id=row.actor_id,
            organisation_id=row.organisation_id,
            case_id=row.case_id,
            event_type=row.event_type,
            object_type=row.object_type,
            object_id=row.object_id,
            data=row.data,
        )
        if digest != row.hash:
            return ChainReport(checked, row.id, "content does not match its hash")
        expected_prev = row.hash
        checked += 1
    return ChainReport(checked, None, "")
