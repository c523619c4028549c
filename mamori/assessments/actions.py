"""Running triage on the desk's texts and recording people's corrections."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction

from mamori.assessments.models import Assessment, LabelCorrection
from mamori.audit.actions import content_digest, record_event
from mamori.audit.models import EventType

if TYPE_CHECKING:
    from mamori.accounts.models import User
    from mamori.cases.models import Case, TimelineEntry

logger = logging.getLogger(__name__)

VERDICT_RANK = {"legitimate_complaint": 0, "needs_review": 1, "customer_harassment": 2}
LABEL_KEYS = ("verdict", "demand_validity", "means", "categories", "flags", "topics")


def entry_text(entry: TimelineEntry) -> str:
    """The text triage reads: the summary, then each verbatim quote on its own line."""
    parts = [entry.summary]
    parts += [f"「{quote}」" for quote in entry.quotes]
    return "\n".join(part for part in parts if part)


def assess_entry(*, actor: User | None, entry: TimelineEntry) -> Assessment | None:
    """Triage one entry, replacing its previous assessment. Bad text is skipped, not fatal."""
    from mamori.triage import TriageError, triage

    text = entry_text(entry)
    try:
        result = triage(text).to_dict()
    except TriageError as exc:
        logger.info("triage skipped for entry %s: %s", entry.pk, exc)
        return None
    from mamori.api.webhooks import verdict_changed
    from mamori.notify.actions import on_case_labels_changed

    with transaction.atomic():
        before, _ = current_labels(entry.case)
        Assessment.objects.filter(entry=entry).delete()
        assessment = Assessment.objects.create(
            case=entry.case,
            entry=entry,
            text=text,
            engine_name=result["engine"]["name"],
            engine_version=result["engine"]["version"],
            verdict=result["verdict"],
            demand_validity=result["demand_validity"],
            means=result["means"],
            categories=result["categories"],
            flags=result["flags"],
            topics=result["topics"],
            severity=result["severity"],
            findings=result["findings"],
        )
        record_event(
            actor=actor,
            event_type=EventType.TRIAGED,
            case=entry.case,
            obj=assessment,
            data={"entry": entry.pk, "engine": result["engine"], **assessment.labels()},
        )
        after, _ = current_labels(entry.case)
        old_verdict, new_verdict = (before or {}).get("verdict"), (after or {}).get("verdict")
        on_case_labels_changed(entry.case, old_verdict, new_verdict)
        verdict_changed(entry.case, old_verdict, new_verdict, source="engine")
    return assessment


def aggregate(assessments: Iterable[Assessment]) -> dict[str, Any] | None:
    """The case's labels from all its entries: the union of labels, the gravest verdict."""
    rows = list(assessments)
    if not rows:
        return None
    worst = max(rows, key=lambda a: (VERDICT_RANK.get(a.verdict, 0), a.severity))

    def union(key: str) -> list[str]:
        seen: dict[str, None] = {}
        for row in rows:
            for label in getattr(row, key):
                seen.setdefault(label, None)
        return list(seen)

    return {
        "verdict": worst.verdict,
        "demand_validity": worst.demand_validity,
        "means": worst.means,
        "categories": union("categories"),
        "flags": union("flags"),
        "topics": union("topics"),
        "severity": max(row.severity for row in rows),
    }


def suggested_from(
    assessments: Sequence[Assessment], internal_entries: Collection[int]
) -> dict[str, Any] | None:
    """The engine's view of the case from rows already fetched.

    The desk's own internal notes (plans, reflections) are triaged for their
    highlights but do not set the case's labels: a rep writing "if he insists
    on dismissal..." must not turn the case into harassment. Only when the
    case has nothing else do they speak for it.
    """
    external = [a for a in assessments if a.entry_id not in internal_entries]
    return aggregate(external) or aggregate(assessments)


def suggested_labels(case: Case) -> dict[str, Any] | None:
    """The engine's view of the case: what the customer and the victim said."""
    internal = set(
        case.entries.filter(direction="internal", assessment__isnull=False).values_list(
            "pk", flat=True
        )
    )
    return suggested_from(list(case.assessments.all()), internal)


def current_labels(case: Case) -> tuple[dict[str, Any] | None, LabelCorrection | None]:
    """Labels people confirmed, when they did; otherwise the engine's suggestion."""
    correction = case.label_corrections.order_by("-created_at", "-id").first()
    if correction is not None:
        return dict(correction.new), correction
    return suggested_labels(case), None


def do_correct_labels(
    *, actor: User, case: Case, labels: dict[str, Any], note: str = ""
) -> LabelCorrection:
    new = {key: labels[key] for key in LABEL_KEYS}
    with transaction.atomic():
        old_labels, _ = current_labels(case)
        old = {key: (old_labels or {}).get(key) for key in LABEL_KEYS}
        correction = LabelCorrection.objects.create(
            case=case, corrected_by=actor, old=old, new=new, note=note.strip()
        )
        record_event(
            actor=actor,
            event_type=EventType.TRIAGE_CORRECTED,
            case=case,
            obj=correction,
            data={"old": old, "new": new, "note": content_digest(correction.note)},
        )
        from mamori.api.webhooks import verdict_changed
        from mamori.care.actions import ensure_care_plan
        from mamori.notify.actions import on_case_labels_changed
        from mamori.search.index import index_case

        on_case_labels_changed(case, old.get("verdict"), new.get("verdict"))
        index_case(case)
        verdict_changed(case, old.get("verdict"), new.get("verdict"), source="correction")
        ensure_care_plan(actor=actor, case=case)
    return correction


def training_examples(cases: Iterable[Case]) -> Iterator[dict[str, Any]]:
    """People-confirmed labels with the texts they judged, in the dev-set's JSONL shape."""
    for case in cases:
        labels, correction = current_labels(case)
        if correction is None or labels is None:
            continue
        texts = [a.text for a in case.assessments.order_by("entry__occurred_at", "id")]
        if not texts:
            continue
        yield {
            "id": case.number,
            "kind": "case",
            "text": "\n\n".join(texts),
            "labels": {key: labels[key] for key in LABEL_KEYS},
            "note": correction.note,
            "corrected_by": correction.corrected_by.get_username(),
            "corrected_at": correction.created_at.isoformat(),
        }
