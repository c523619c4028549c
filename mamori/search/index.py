"""Keeping the search documents in step with the cases.

Call :func:`index_case` from every action that changes what a case says or how
it is filtered (title, background, status, owner, client, entries, tasks,
files, labels), inside the action's transaction: the document then changes
with the case or not at all. :func:`index_evidence` extracts a new file's text
first. :func:`rebuild` does the same for many cases at once (``mamori
search_reindex``, ``mamori seed``).

Index rows are derived data, not records: they are not audited and may be
rebuilt at any time. On SQLite this module also maintains the two contentless
FTS5 tables by hand (no triggers): the gram table's content is computed in
Python, which a trigger cannot do, and a contentless row can only be deleted by
handing FTS5 the exact text it indexed, which is read back from
``SearchText`` in the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from mamori.assessments.actions import suggested_from
from mamori.assessments.models import Assessment, LabelCorrection
from mamori.cases.models import Case, EvidenceFile, Task, TimelineEntry
from mamori.search.extract import extract_text
from mamori.search.models import EvidenceText, SearchDocument, SearchText
from mamori.search.text import POSTGRES_LONGEST_GRAM, gram_string, normalise

# A long attachment should not drown a case's own words; the full text stays in EvidenceText.
MAX_FILE_CHARS_IN_DOCUMENT = 100_000
PART_SEPARATOR = "\n\n"

__all__ = [
    "dashboard_version",
    "index_case",
    "index_evidence",
    "on_evidence_attached",
    "rebuild",
]


@dataclass
class _Built:
    document: SearchDocument
    text: SearchText


def _labels(
    assessments: Sequence[Assessment],
    internal_entries: set[int],
    correction: LabelCorrection | None,
) -> tuple[dict[str, Any] | None, bool]:
    # Same rule as mamori.assessments.actions.current_labels, on prefetched rows.
    if correction is not None:
        return dict(correction.new), True
    return suggested_from(assessments, internal_entries), False


def _delimited(values: Iterable[str] | None) -> str:
    items = [v for v in (values or []) if v]
    return f"|{'|'.join(items)}|"[:500] if items else ""


def _build(
    case: Case,
    entries: Sequence[TimelineEntry],
    tasks: Sequence[Task],
    files: Sequence[tuple[EvidenceFile, str]],
    assessments: Sequence[Assessment],
    correction: LabelCorrection | None,
    now: datetime,
) -> _Built:
    parts: list[str] = []
    sections: list[dict[str, Any]] = []
    offset = 0

    def add(kind: str, ref: int | None, text: str, **extra: Any) -> None:
        nonlocal offset
        text = normalise(text).strip()
        if not text:
            return
        sections.append({"o": offset, "k": kind, "id": ref, **extra})
        parts.append(text)
        offset += len(text) + len(PART_SEPARATOR)

    add("title", None, f"{case.number} {case.title}")
    for fact in case.background:
        add("background", None, str(fact))
    for entry in entries:
        lines = [entry.summary, *(f"「{q}」" for q in entry.quotes)]
        if entry.participants:
            lines.append(" ".join(str(p) for p in entry.participants))
        add(
            "entry",
            entry.pk,
            "\n".join(lines),
            at=timezone.localtime(entry.occurred_at).strftime("%Y-%m-%d %H:%M"),
            ch=entry.channel,
        )
    for task in tasks:
        add("task", task.pk, task.title)
    for evidence, file_text in files:
        text = "\n".join(
            part for part in (evidence.original_name, evidence.description, file_text) if part
        )
        add("file", evidence.pk, text[:MAX_FILE_CHARS_IN_DOCUMENT], name=evidence.original_name)

    internal = {e.pk for e in entries if e.direction == "internal"}
    labels, confirmed = _labels(assessments, internal, correction)
    responses = [e.occurred_at for e in entries if e.direction == "outbound"]
    first_response = max(min(responses), case.opened_at) if responses else None
    document = SearchDocument(
        case_id=case.pk,
        organisation_id=case.organisation_id,
        kind=case.kind,
        status=case.status,
        client_id=case.client_id,
        department_id=case.department_id,
        owner_id=case.owner_id,
        opened_at=case.opened_at,
        closed_at=case.closed_at,
        first_response_at=first_response,
        verdict=str((labels or {}).get("verdict") or ""),
        categories=_delimited((labels or {}).get("categories")),
        flags=_delimited((labels or {}).get("flags")),
        labels_confirmed=confirmed,
        indexed_at=now,
    )
    body = PART_SEPARATOR.join(parts)
    row = SearchText(
        document_id=case.pk,
        body=body,
        sections=sections,
        # SQLite keeps the grams in its FTS5 table instead (see _fts_insert).
        grams=gram_string(body, POSTGRES_LONGEST_GRAM) if connection.vendor == "postgresql" else "",
    )
    return _Built(document=document, text=row)


def _fts_delete(cursor: Any, rows: Sequence[tuple[int, str]]) -> None:
    cursor.executemany(
        "INSERT INTO search_trigram(search_trigram, rowid, body) VALUES ('delete', %s, %s)",
        list(rows),
    )
    cursor.executemany(
        "INSERT INTO search_grams(search_grams, rowid, grams) VALUES ('delete', %s, %s)",
        [(pk, gram_string(body)) for pk, body in rows],
    )


def _fts_insert(cursor: Any, rows: Sequence[tuple[int, str]]) -> None:
    cursor.executemany(
        "INSERT INTO search_trigram(rowid, body) VALUES (%s, %s)",
        list(rows),
    )
    cursor.executemany(
        "INSERT INTO search_grams(rowid, grams) VALUES (%s, %s)",
        [(pk, gram_string(body)) for pk, body in rows],
    )


def _store(built: Sequence[_Built]) -> None:
    """Replace the documents of these cases (in the caller's transaction)."""
    ids = [b.document.case_id for b in built]
    old = dict(SearchText.objects.filter(pk__in=ids).values_list("pk", "body"))
    SearchDocument.objects.filter(pk__in=ids).delete()
    SearchDocument.objects.bulk_create([b.document for b in built], batch_size=500)
    SearchText.objects.bulk_create([b.text for b in built], batch_size=200)
    if connection.vendor == "sqlite":
        new = {b.text.document_id: b.text.body for b in built}
        changed = [pk for pk in ids if old.get(pk) != new[pk]]
        with connection.cursor() as cursor:
            _fts_delete(cursor, [(pk, old[pk]) for pk in changed if pk in old])
            _fts_insert(cursor, [(pk, new[pk]) for pk in changed])


def _dashboard_key(organisation_id: int) -> str:
    return f"mamori:dashboards:{organisation_id}:version"


def dashboard_version(organisation_id: int) -> int:
    """A number that changes whenever a case of the organisation is re-indexed."""
    value = cache.get(_dashboard_key(organisation_id))
    return int(value) if value is not None else 0


def _bump_dashboards(organisation_ids: Iterable[int]) -> None:
    def bump() -> None:
        for org in set(organisation_ids):
            try:
                cache.incr(_dashboard_key(org))
            except ValueError:
                cache.set(_dashboard_key(org), 1, timeout=None)

    # Now for this process, and again after commit so no reader caches the old figures
    # under the new version in between.
    bump()
    transaction.on_commit(bump)


def _file_texts(files: Iterable[EvidenceFile]) -> list[tuple[EvidenceFile, str]]:
    result = []
    for evidence in files:
        extracted = getattr(evidence, "extracted_text", None)
        result.append((evidence, extracted.text if extracted is not None else ""))
    return result


def index_case(case: Case | int) -> SearchDocument:
    """Rebuild one case's search document from the database. Call inside the action."""
    case_id = case if isinstance(case, int) else case.pk
    with transaction.atomic():
        # The row lock serialises two actions indexing the same case (PostgreSQL).
        locked = Case.objects.select_for_update().get(pk=case_id)
        entries = list(locked.entries.order_by("occurred_at", "id"))
        correction = locked.label_corrections.order_by("-created_at", "-id").first()
        built = _build(
            locked,
            entries,
            list(locked.tasks.order_by("id")),
            _file_texts(locked.files.select_related("extracted_text").order_by("id")),
            list(locked.assessments.defer("text", "findings")),
            correction,
            timezone.now(),
        )
        _store([built])
        _bump_dashboards([locked.organisation_id])
    return built.document


def index_evidence(evidence: EvidenceFile, content: bytes | None = None) -> EvidenceText:
    """Extract and store the text of one evidence file (reads the stored file if no bytes)."""
    if content is None:
        try:
            with evidence.file.open("rb") as handle:
                content = handle.read()
        except OSError:
            content = b""
    extracted = extract_text(evidence.original_name, evidence.content_type, content)
    row, _created = EvidenceText.objects.update_or_create(
        evidence=evidence,
        defaults={
            "status": extracted.status,
            "method": extracted.method,
            "text": normalise(extracted.text),
            "truncated": extracted.truncated,
            "error": extracted.error,
            "extracted_at": timezone.now(),
        },
    )
    return row


def on_evidence_attached(evidence: EvidenceFile, content: bytes) -> None:
    """The hook for ``do_attach_evidence``: extract the file's text, then re-index its case."""
    with transaction.atomic():
        index_evidence(evidence, content)
        index_case(evidence.case_id)


def rebuild(
    *,
    organisation_id: int | None = None,
    case_ids: Sequence[int] | None = None,
    after_pk: int = 0,
    only_missing: bool = False,
    batch_size: int = 1000,
    extract_missing: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Rebuild the documents of many cases in batches; returns how many were indexed."""
    cases = Case.objects.order_by("pk")
    if organisation_id is not None:
        cases = cases.filter(organisation_id=organisation_id)
    if case_ids is not None:
        cases = cases.filter(pk__in=list(case_ids))
    if after_pk:
        cases = cases.filter(pk__gt=after_pk)
    if only_missing:
        cases = cases.filter(search_document__isnull=True)
    if extract_missing:
        missing = EvidenceFile.objects.filter(
            case__in=cases.values("pk"), extracted_text__isnull=True
        )
        for evidence in missing.iterator():
            index_evidence(evidence)
    done = 0
    last = after_pk
    while True:
        batch = list(cases.filter(pk__gt=last)[:batch_size])
        if not batch:
            break
        last = batch[-1].pk
        _rebuild_batch(batch)
        done += len(batch)
        if progress is not None:
            progress(done)
    return done


def _rebuild_batch(batch: Sequence[Case]) -> None:
    ids = [c.pk for c in batch]
    entries: dict[int, list[TimelineEntry]] = defaultdict(list)
    for entry in TimelineEntry.objects.filter(case_id__in=ids).order_by("occurred_at", "id"):
        entries[entry.case_id].append(entry)
    tasks: dict[int, list[Task]] = defaultdict(list)
    for task in Task.objects.filter(case_id__in=ids).order_by("id"):
        tasks[task.case_id].append(task)
    files: dict[int, list[EvidenceFile]] = defaultdict(list)
    for evidence in (
        EvidenceFile.objects.filter(case_id__in=ids).select_related("extracted_text").order_by("id")
    ):
        files[evidence.case_id].append(evidence)
    assessments: dict[int, list[Assessment]] = defaultdict(list)
    labels_only = Assessment.objects.defer("text", "findings")
    for assessment in labels_only.filter(case_id__in=ids).order_by("created_at", "id"):
        assessments[assessment.case_id].append(assessment)
    corrections: dict[int, LabelCorrection] = {}
    for correction in LabelCorrection.objects.filter(case_id__in=ids).order_by("created_at", "id"):
        corrections[correction.case_id] = correction  # the last one wins
    now = timezone.now()
    built = [
        _build(
            case,
            entries[case.pk],
            tasks[case.pk],
            _file_texts(files[case.pk]),
            assessments[case.pk],
            corrections.get(case.pk),
            now,
        )
        for case in batch
    ]
    with transaction.atomic():
        _store(built)
        _bump_dashboards({c.organisation_id for c in batch})
