"""Every measure, letter and cooperation request is recorded through these functions.

Each runs in one transaction and writes its audit row in the same
transaction; personal content (reasons, names, addressees) goes into the audit
row only as a digest (``content_digest``), so retention can delete it.
Letters are rendered before the transaction opens (a PDF takes a moment) and
recorded with their SHA-256, so a signed copy can be matched later.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from mamori.audit.actions import content_digest, record_event
from mamori.audit.models import EventType
from mamori.cases.models import Case, CaseParty
from mamori.measures.letter_render import render_letter_docx, render_letter_pdf
from mamori.measures.letters import layout, leftover_placeholders, letter_template
from mamori.measures.models import (
    CooperationDirection,
    CooperationRequest,
    CooperationStatus,
    IssuedLetter,
    LetterFormat,
    LetterKind,
    MeasureDecision,
    MeasureKind,
    MeasureStatus,
)
from mamori.measures.register import contact_key, name_key, party_key

if TYPE_CHECKING:
    from mamori.accounts.models import User
    from mamori.orgs.models import ClientCompany, ClientContact


class MeasureError(Exception):
    """A change the rules refuse; views validate first and show their own message."""


def do_decide_measure(
    *,
    actor: User,
    case: Case,
    kind: str,
    reason: str,
    target_party: CaseParty | None = None,
    target_contact: ClientContact | None = None,
    target_name: str = "",
    detail: str = "",
    status: str = MeasureStatus.PLANNED,
    decided_at: datetime | None = None,
) -> MeasureDecision:
    reason = reason.strip()
    if kind not in MeasureKind.values:
        raise MeasureError(f"unknown measure {kind!r}")
    if not reason:
        raise MeasureError("a measure needs a reason")
    if status not in (MeasureStatus.PLANNED, MeasureStatus.IN_EFFECT):
        raise MeasureError("a new measure is planned or in effect")
    if sum(x is not None for x in (target_party, target_contact)) + bool(target_name.strip()) != 1:
        raise MeasureError("name exactly one target")
    key: str | None
    if target_party is not None:
        if target_party.case_id != case.pk:
            raise MeasureError("the target is not a party of this case")
        key, target_name = party_key(target_party), target_party.display_name
        if key is None:
            raise MeasureError("measures are taken toward customers, not our own people")
    elif target_contact is not None:
        if target_contact.client.organisation_id != case.organisation_id:
            raise MeasureError("the contact belongs to another organisation")
        key, target_name = contact_key(target_contact), str(target_contact)
    else:
        key = name_key(target_name)
    if key is None:
        raise MeasureError("the target has no usable name")
    with transaction.atomic():
        measure = MeasureDecision.objects.create(
            case=case,
            kind=kind,
            detail=detail.strip(),
            reason=reason,
            target_party=target_party,
            target_contact=target_contact,
            target_name=target_name.strip(),
            target_key=key,
            status=status,
            decided_by=actor,
            decided_at=decided_at or timezone.now(),
        )
        record_event(
            actor=actor,
            event_type=EventType.MEASURE_DECIDED,
            case=case,
            obj=measure,
            data={
                "new": {
                    "kind": kind,
                    "detail": content_digest(measure.detail),
                    "reason": content_digest(reason),
                    "target": content_digest(measure.target_name),
                    # A contact's key is an id; a free name's key is personal content.
                    "target_key": key if key.startswith("contact:") else content_digest(key),
                    "status": status,
                }
            },
        )
    return measure


def do_change_measure_status(
    *, actor: User, measure: MeasureDecision, status: str
) -> MeasureDecision:
    with transaction.atomic():
        measure = (
            MeasureDecision.objects.select_for_update().select_related("case").get(pk=measure.pk)
        )
        old = measure.status
        if status == old:
            return measure
        if status not in measure.allowed_moves():
            raise MeasureError(f"a measure cannot move from {old} to {status}")
        measure.status = status
        measure.status_changed_at = timezone.now()
        measure.save(update_fields=["status", "status_changed_at"])
        record_event(
            actor=actor,
            event_type=EventType.MEASURE_DECIDED,
            case=measure.case,
            obj=measure,
            data={"old": {"status": old}, "new": {"status": status}},
        )
    return measure


CONTENT_TYPES = {
    LetterFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    LetterFormat.PDF: "application/pdf",
}


@dataclass(frozen=True)
class LetterFile:
    filename: str
    content: bytes
    content_type: str
    record: IssuedLetter


def do_issue_letter(
    *,
    actor: User,
    case: Case,
    kind: str,
    lang: str,
    fmt: str,
    subject: str,
    body: str,
    fields: Mapping[str, str],
    record_cooperation: bool = False,
) -> LetterFile:
    """Render the letter, record it with its hash and audit it; optionally log the request sent.

    ``body`` is the final text (the filled template, perhaps edited by hand);
    it must hold no placeholder any more.
    """
    if kind not in LetterKind.values or fmt not in LetterFormat.values or lang not in ("ja", "en"):
        raise MeasureError("unknown letter, format or language")
    left = leftover_placeholders(body) + leftover_placeholders(subject)
    if left:
        raise MeasureError(f"placeholders left in the letter: {left}")
    template = letter_template(kind, lang)
    lines = layout(
        body,
        date_text=fields.get("date", ""),
        company=fields.get("company", ""),
        title=template.title,
    )
    if fmt == LetterFormat.DOCX:
        content = render_letter_docx(lines=lines, subject=subject, author=str(actor), lang=lang)
    else:
        content = render_letter_pdf(lines=lines, subject=subject, lang=lang)
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        letter = IssuedLetter.objects.create(
            case=case,
            kind=kind,
            lang=lang,
            format=fmt,
            subject=subject.strip(),
            body=body,
            fields=dict(fields),
            size=len(content),
            sha256=digest,
            issued_by=actor,
        )
        record_event(
            actor=actor,
            event_type=EventType.LETTER_ISSUED,
            case=case,
            obj=letter,
            data={
                "kind": kind,
                "lang": lang,
                "format": fmt,
                "size": len(content),
                "sha256": digest,
                "addressee": content_digest(fields.get("customer_name", "")),
            },
        )
        if record_cooperation and kind == LetterKind.COOPERATION_REQUEST:
            do_record_cooperation_request(
                actor=actor,
                case=case,
                direction=CooperationDirection.SENT,
                counterpart_company=case.client,
                counterpart_name="" if case.client else fields.get("customer_company", ""),
                contact_person=fields.get("customer_name", ""),
                request=subject,
                letter=letter,
            )
    return LetterFile(
        f"{case.number}-{kind}-{letter.pk}.{fmt}", content, CONTENT_TYPES[LetterFormat(fmt)], letter
    )


def _cooperation_snapshot(request: CooperationRequest) -> dict[str, object]:
    return {
        "direction": request.direction,
        "company": request.counterpart_company_id,
        "company_name": content_digest(request.counterpart_name),
        "contact_person": content_digest(request.contact_person),
        "requested_at": request.requested_at.isoformat(),
        "status": request.status,
        "letter": request.letter_id,
    }


def do_record_cooperation_request(
    *,
    actor: User,
    case: Case,
    direction: str,
    request: str,
    counterpart_company: ClientCompany | None = None,
    counterpart_name: str = "",
    contact_person: str = "",
    requested_at: datetime | None = None,
    letter: IssuedLetter | None = None,
) -> CooperationRequest:
    if direction not in CooperationDirection.values:
        raise MeasureError(f"unknown direction {direction!r}")
    if counterpart_company is None and not counterpart_name.strip():
        raise MeasureError("name the other company")
    if counterpart_company is not None and counterpart_company.organisation_id != (
        case.organisation_id
    ):
        raise MeasureError("the company belongs to another organisation")
    if not request.strip():
        raise MeasureError("say what was asked")
    with transaction.atomic():
        row = CooperationRequest.objects.create(
            case=case,
            direction=direction,
            counterpart_company=counterpart_company,
            counterpart_name=counterpart_name.strip(),
            contact_person=contact_person.strip(),
            requested_at=requested_at or timezone.now(),
            request=request.strip(),
            letter=letter,
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            event_type=EventType.COOPERATION_RECORDED,
            case=case,
            obj=row,
            data={"new": _cooperation_snapshot(row)},
        )
    return row


def do_answer_cooperation_request(
    *,
    actor: User,
    cooperation: CooperationRequest,
    status: str,
    answer: str,
    answered_at: datetime | None = None,
) -> CooperationRequest:
    """Record the answer (or that it was declined or withdrawn) to a request."""
    if status not in CooperationStatus.values or status == CooperationStatus.WAITING:
        raise MeasureError("an answer closes the request: answered, declined or withdrawn")
    if status != CooperationStatus.WITHDRAWN and not answer.strip():
        raise MeasureError("an answer needs its content")
    with transaction.atomic():
        row = (
            CooperationRequest.objects.select_for_update()
            .select_related("case")
            .get(pk=cooperation.pk)
        )
        old = _cooperation_snapshot(row)
        row.status = status
        row.answer = answer.strip()
        row.answered_at = answered_at or timezone.now()
        row.save(update_fields=["status", "answer", "answered_at"])
        record_event(
            actor=actor,
            event_type=EventType.COOPERATION_RECORDED,
            case=row.case,
            obj=row,
            data={
                "old": {"status": old["status"]},
                "new": {"status": status, "answered_at": row.answered_at.isoformat()},
            },
        )
    return row
