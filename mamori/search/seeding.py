"""Generating many realistic, fictitious cases fast, for demos and benchmarks.

This deliberately bypasses the action functions: it bulk-inserts clients,
people, cases, timeline entries, parties, tasks, a few evidence files and
triage rows (labels drawn from each scenario's plausible distribution, not by
running the engine), then writes ONE audit row (``import.records``) that
summarises the import. Per-row audit events and triage runs would make 100,000
cases take hours instead of minutes. Never point it at a real desk's data.
"""

from __future__ import annotations

import hashlib
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from mamori.accounts.models import Role, User
from mamori.assessments.models import Assessment
from mamori.audit.actions import record_event
from mamori.audit.models import EventType
from mamori.cases.models import (
    Case,
    CaseParty,
    CaseStatus,
    EvidenceFile,
    Task,
    TimelineEntry,
)
from mamori.orgs.models import ClientCompany, ClientContact, Department, Organisation, Worker
from mamori.search import seeddata as data
from mamori.search.index import rebuild
from mamori.search.models import EvidenceText, ExtractionStatus

CHUNK = 1000
ENGINE_NAME = "mamori-seed"
ENGINE_VERSION = "seed-1"
_HARASSMENT = "customer_harassment"


@dataclass
class SeedResult:
    """What one seed run created, and how long it took."""

    organisation: Organisation
    cases: int = 0
    entries: int = 0
    assessments: int = 0
    parties: int = 0
    tasks: int = 0
    files: int = 0
    indexed: int = 0
    seconds: float = 0.0
    index_seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation.slug,
            "cases": self.cases,
            "entries": self.entries,
            "assessments": self.assessments,
            "parties": self.parties,
            "tasks": self.tasks,
            "files": self.files,
        }


@dataclass
class _World:
    staff: list[User]
    handlers: list[User]
    clients: list[ClientCompany]
    departments: dict[int, list[Department]]
    contacts: dict[int, list[ClientContact]]
    workers: list[Worker]
    client_weights: list[float] = field(default_factory=list)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(data.SURNAMES)} {rng.choice(data.GIVEN_NAMES)}"


def _ensure_people(org: Organisation, rng: random.Random) -> list[User]:
    staff = list(
        User.objects.filter(
            organisation=org,
            role__in=[Role.CASE_HANDLER, Role.MANAGER, Role.RESPONSE_TEAM, Role.HR_ADMIN],
        )
    )
    if sum(1 for u in staff if u.role == Role.CASE_HANDLER) >= 5:
        return staff
    # Seeded staff cannot log in (unusable password); give one a password with createuser.
    unusable = make_password(None)
    managers = User.objects.bulk_create(
        User(
            username=f"{org.slug}-manager-{i:02d}",
            organisation=org,
            role=Role.MANAGER,
            display_name=_name(rng),
            password=unusable,
        )
        for i in range(6)
    )
    others = [
        User(
            username=f"{org.slug}-handler-{i:03d}",
            organisation=org,
            role=Role.CASE_HANDLER,
            display_name=_name(rng),
            manager=managers[i % len(managers)],
            password=unusable,
        )
        for i in range(30)
    ]
    others += [
        User(
            username=f"{org.slug}-response-{i:02d}",
            organisation=org,
            role=Role.RESPONSE_TEAM,
            display_name=_name(rng),
            password=unusable,
        )
        for i in range(4)
    ]
    others.append(
        User(
            username=f"{org.slug}-hr-01",
            organisation=org,
            role=Role.HR_ADMIN,
            display_name=_name(rng),
            password=unusable,
        )
    )
    return [*managers, *User.objects.bulk_create(others)]


def _ensure_world(org: Organisation, rng: random.Random) -> _World:
    staff = _ensure_people(org, rng)
    clients = list(ClientCompany.objects.filter(organisation=org).order_by("pk"))
    if len(clients) < 10:
        taken = {c.name for c in clients}
        new_clients = []
        for stem in data.COMPANY_STEMS:
            for suffix, industry in data.COMPANY_KINDS:
                name = f"株式会社{stem}{suffix}"
                if name not in taken and rng.random() < 0.4:
                    new_clients.append(
                        ClientCompany(organisation=org, name=name, industry=industry)
                    )
        clients += ClientCompany.objects.bulk_create(new_clients)
        Department.objects.bulk_create(
            Department(client=client, name=name)
            for client in clients
            for name in rng.sample(data.DEPARTMENTS, rng.randint(1, 4))
        )
    departments: dict[int, list[Department]] = {c.pk: [] for c in clients}
    for department in Department.objects.filter(client__organisation=org):
        departments[department.client_id].append(department)
    if not ClientContact.objects.filter(client__organisation=org).exists():
        ClientContact.objects.bulk_create(
            ClientContact(
                client=client,
                department=rng.choice(departments[client.pk]) if departments[client.pk] else None,
                name=f"{rng.choice(data.SURNAMES)}",
                title=rng.choice(data.CONTACT_TITLES),
                role=rng.choice(["line_manager", "line_manager", "general_affairs", "other"]),
            )
            for client in clients
            for _ in range(rng.randint(2, 4))
        )
    contacts: dict[int, list[ClientContact]] = {c.pk: [] for c in clients}
    for contact in ClientContact.objects.filter(client__organisation=org):
        contacts.setdefault(contact.client_id, []).append(contact)
    workers = list(Worker.objects.filter(organisation=org))
    if len(workers) < 50:
        workers += Worker.objects.bulk_create(
            Worker(organisation=org, name=_name(rng)) for _ in range(1500)
        )
    handlers = [u for u in staff if u.role in (Role.CASE_HANDLER, Role.MANAGER)]
    # A few clients produce most incidents, as in real desks (Zipf-like weights).
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(clients))]
    return _World(staff, handlers, clients, departments, contacts, workers, weights)


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


class _Numbers:
    """Case numbers continue each year's sequence after what the organisation already has."""

    def __init__(self, org: Organisation) -> None:
        self.next: dict[int, int] = {}
        for number in Case.objects.filter(organisation=org).values_list("number", flat=True):
            try:
                _c, year, seq = number.split("-")
                self.next[int(year)] = max(self.next.get(int(year), 1), int(seq) + 1)
            except ValueError:
                continue

    def take(self, opened_at: datetime) -> str:
        year = timezone.localtime(opened_at).year
        sequence = self.next.get(year, 1)
        self.next[year] = sequence + 1
        return f"C-{year}-{sequence:04d}"


def _fills(rng: random.Random, client: ClientCompany, **extra: Any) -> dict[str, Any]:
    return {
        "client": client.name,
        "n": rng.randint(2, 6),
        "hours": rng.choice([1, 2, 3]),
        **extra,
    }


def _month_day(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.month}月{local.day}日"


def _lognormal_hours(rng: random.Random, median_hours: float, sigma: float = 1.0) -> timedelta:
    return timedelta(hours=median_hours * math.exp(rng.gauss(0, sigma)))


def seed(
    *,
    cases: int,
    organisation_slug: str = "seed",
    organisation_name: str = "シードデータ株式会社",
    rng_seed: int | None = None,
    years: int = 3,
    index: bool = True,
    progress: Callable[[str], None] | None = None,
) -> SeedResult:
    """Create ``cases`` fictitious cases (and what they need) in one organisation."""
    if cases < 0:
        raise ValueError("cases must not be negative")
    rng = random.Random(rng_seed)  # noqa: S311 - fake data, not security
    started = time.perf_counter()
    say = progress or (lambda message: None)
    with transaction.atomic():
        org, _created = Organisation.objects.get_or_create(
            slug=organisation_slug, defaults={"name": organisation_name}
        )
        result = SeedResult(organisation=org)
        world = _ensure_world(org, rng)
        numbers = _Numbers(org)
        first_pk: int | None = None
        now = timezone.now()
        for start in range(0, cases, CHUNK):
            size = min(CHUNK, cases - start)
            created = _seed_chunk(org, world, numbers, rng, size, now, result)
            if first_pk is None and created:
                first_pk = created[0]
            say(f"cases: {start + size}/{cases}")
        record_event(
            actor=None,
            event_type=EventType.RECORDS_IMPORTED,
            organisation_id=org.pk,
            data={
                "source": "mamori seed",
                "note": "bulk import of fictitious data; bypasses actions and per-row audit",
                **result.as_dict(),
            },
        )
    result.seconds = time.perf_counter() - started
    if index and first_pk is not None:
        index_started = time.perf_counter()
        result.indexed = rebuild(
            organisation_id=org.pk,
            after_pk=first_pk - 1,
            extract_missing=False,
            progress=lambda done: say(f"indexed: {done}/{cases}"),
        )
        result.index_seconds = time.perf_counter() - index_started
    return result


def _seed_chunk(
    org: Organisation,
    world: _World,
    numbers: _Numbers,
    rng: random.Random,
    size: int,
    now: datetime,
    result: SeedResult,
) -> list[int]:
    scenario_weights = [s.weight for s in data.SCENARIOS]
    plans: list[dict[str, Any]] = []
    case_rows: list[Case] = []
    span_days = 365 * 3
    for _ in range(size):
        scenario = rng.choices(data.SCENARIOS, scenario_weights)[0]
        client = rng.choices(world.clients, world.client_weights)[0]
        departments = world.departments.get(client.pk) or []
        department = rng.choice(departments) if departments else None
        contacts = world.contacts.get(client.pk) or []
        # Repeat complainants: the first contact of a client complains most often.
        contact = contacts[0] if contacts and rng.random() < 0.5 else rng.choice(contacts or [None])
        worker = rng.choice(world.workers)
        owner = rng.choice(world.handlers)
        days_ago = span_days * rng.random() ** 1.4
        # Office hours in the desk's time zone.
        opened_at = timezone.localtime(now - timedelta(days=days_ago)).replace(
            hour=rng.randint(8, 19), minute=rng.randint(0, 59), second=0, microsecond=0
        )
        opened_at = min(opened_at, now - timedelta(minutes=5))
        age = (now - opened_at).days
        status: str
        if age > 60:
            status = CaseStatus.CLOSED if rng.random() < 0.95 else CaseStatus.MONITORING
        else:
            status = _pick(
                rng,
                [
                    (CaseStatus.NEW, 20),
                    (CaseStatus.INVESTIGATING, 30),
                    (CaseStatus.RESPONDING, 25),
                    (CaseStatus.MONITORING, 15),
                    (CaseStatus.CLOSED, 10),
                ],
            )
        closed_at = None
        if status == CaseStatus.CLOSED:
            closed_at = min(opened_at + _lognormal_hours(rng, 24 * 10, 0.9), now)
        fills = _fills(
            rng,
            client,
            dept=department.name if department else "本社",
            contact=f"{contact.name}{contact.title}" if contact else "ご担当者",
            worker=worker.name.split()[0],
            rep=owner.display_name.split()[0] if owner.display_name else owner.username,
            date=_month_day(opened_at + timedelta(days=3)),
        )
        case_rows.append(
            Case(
                organisation=org,
                number=numbers.take(opened_at),
                kind=scenario.kind,
                title=rng.choice(scenario.titles).format(**fills)[:200],
                status=status,
                severity=rng.randint(*scenario.severity),
                owner=owner,
                created_by=owner,
                client=client,
                department=department,
                topics=list(scenario.topics),
                background=[fact.format(**fills) for fact in scenario.background],
                opened_at=opened_at,
                closed_at=closed_at,
            )
        )
        plans.append(
            {
                "scenario": scenario,
                "fills": fills,
                "contact": contact,
                "worker": worker,
                "owner": owner,
                "end": closed_at or now,
            }
        )
    Case.objects.bulk_create(case_rows, batch_size=500)
    result.cases += len(case_rows)

    entries: list[TimelineEntry] = []
    entry_meta: list[tuple[Case, dict[str, Any]]] = []
    parties: list[CaseParty] = []
    tasks: list[Task] = []
    files: list[tuple[Case, str, bytes]] = []
    for case, plan in zip(case_rows, plans, strict=True):
        fills = plan["fills"]
        for entry in _entries_for(case, plan, rng):
            entries.append(entry)
            entry_meta.append((case, plan))
        if plan["contact"] is not None and case.kind != "consultation":
            parties.append(CaseParty(case=case, role="complainant", contact=plan["contact"]))
        parties.append(
            CaseParty(
                case=case,
                role="subject" if case.kind == "client_complaint" else "victim",
                worker=plan["worker"],
            )
        )
        task_templates: tuple[str, ...] = plan["scenario"].tasks
        for template in rng.sample(task_templates, rng.randint(0, len(task_templates))):
            due = timezone.localtime(case.opened_at).date() + timedelta(days=rng.randint(1, 14))
            tasks.append(
                Task(
                    case=case,
                    title=template.format(**fills)[:300],
                    assignee=plan["owner"],
                    due=due,
                    done_at=case.closed_at,
                    created_by=plan["owner"],
                )
            )
        if rng.random() < 0.03:
            memo = data.EVIDENCE_MEMO.format(**fills).encode("utf-8")
            files.append((case, "通話メモ.txt", memo))

    TimelineEntry.objects.bulk_create(entries, batch_size=1000)
    result.entries += len(entries)
    assessments = [
        _assessment_for(entry, case, plan, rng)
        for entry, (case, plan) in zip(entries, entry_meta, strict=True)
        if entry.direction == "inbound"
    ]
    Assessment.objects.bulk_create(assessments, batch_size=1000)
    result.assessments += len(assessments)
    for party in parties:
        party.fill_derived()
    CaseParty.objects.bulk_create(parties, batch_size=1000)
    result.parties += len(parties)
    Task.objects.bulk_create(tasks, batch_size=1000)
    result.tasks += len(tasks)
    _seed_files(files, result)
    return [c.pk for c in case_rows]


_POOLS = {
    "internal": data.INTERNAL_NOTES,
    "outbound": data.OUTBOUND,
    "meeting": data.MEETINGS,
    "closing": data.CLOSINGS,
}


def _entries_for(case: Case, plan: dict[str, Any], rng: random.Random) -> list[TimelineEntry]:
    scenario: data.Scenario = plan["scenario"]
    fills = plan["fills"]
    end: datetime = plan["end"]
    count = rng.randint(3, 10)
    kinds = ["first", "outbound" if rng.random() < 0.85 else "internal"]
    middle = ["internal", "outbound", "meeting", "followup"]
    while len(kinds) < count - (1 if case.closed_at else 0):
        kinds.append(rng.choices(middle, [3, 3, 1, 3])[0])
    if case.closed_at:
        kinds.append("closing")
    at = case.opened_at - timedelta(minutes=rng.randint(0, 90))
    first_response = min(case.opened_at + _lognormal_hours(rng, 3, 1.1), end)
    # Later entries spread over the case's life (to its close, or about a month if open).
    horizon = min(end, first_response + timedelta(days=rng.randint(7, 40)))
    step = (horizon - first_response) / max(1, len(kinds) - 2)
    participants = [fills["contact"], fills["rep"]]
    used: set[str] = set()
    rows = []
    for position, kind in enumerate(kinds):
        if position == 1:
            at = first_response
        elif position > 1:
            at = min(at + step * rng.uniform(0.5, 1.5), end)
        direction, channel, template, quotes = "inbound", rng.choice(["phone", "mail"]), "", []
        if kind == "first":
            template = rng.choice(scenario.first)
        elif kind == "followup":
            template = rng.choice(scenario.followups)
        elif kind == "internal":
            direction, channel, template = "internal", "note", rng.choice(data.INTERNAL_NOTES)
        elif kind == "outbound":
            direction, template = "outbound", rng.choice(data.OUTBOUND)
        elif kind == "meeting":
            direction, channel, template = "outbound", "meeting", rng.choice(data.MEETINGS)
        else:
            direction, template = "outbound", rng.choice(data.CLOSINGS)
        if template in used:
            template = rng.choice(_POOLS.get(kind, (template,)))
        used.add(template)
        if direction == "inbound" and scenario.quotes and rng.random() < 0.6:
            quotes = rng.sample(scenario.quotes, rng.randint(1, min(2, len(scenario.quotes))))
        rows.append(
            TimelineEntry(
                case=case,
                occurred_at=at,
                channel=channel,
                direction=direction,
                participants=participants if direction != "internal" else [fills["rep"]],
                summary=template.format(**fills),
                quotes=quotes,
                instalment=1,
                author=plan["owner"],
            )
        )
    return rows


def _assessment_for(
    entry: TimelineEntry, case: Case, plan: dict[str, Any], rng: random.Random
) -> Assessment:
    scenario: data.Scenario = plan["scenario"]
    verdict = _pick(rng, scenario.verdicts)
    categories: list[str] = []
    flags: list[str] = []
    if verdict != "legitimate_complaint" and scenario.categories:
        categories = rng.sample(
            scenario.categories, rng.randint(1, min(2, len(scenario.categories)))
        )
    if verdict != "legitimate_complaint":
        flags = [f for f in scenario.flags if rng.random() < 0.6]
    text = "\n".join([entry.summary, *(f"「{q}」" for q in entry.quotes)])
    return Assessment(
        case=case,
        entry=entry,
        text=text,
        engine_name=ENGINE_NAME,
        engine_version=ENGINE_VERSION,
        verdict=verdict,
        demand_validity="invalid" if verdict == _HARASSMENT else "valid",
        means="unacceptable" if verdict == _HARASSMENT else "acceptable",
        categories=categories,
        flags=flags,
        topics=list(scenario.topics),
        severity=rng.randint(*scenario.severity),
        findings=[],
    )


def _seed_files(files: list[tuple[Case, str, bytes]], result: SeedResult) -> None:
    if not files:
        return
    rows = []
    for case, name, content in files:
        digest = hashlib.sha256(content).hexdigest()
        path = f"evidence/{digest[:2]}/{digest}"
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(content))
        row = EvidenceFile(
            case=case,
            original_name=name,
            content_type="text/plain",
            size=len(content),
            sha256=digest,
            description="通話メモ",
            uploaded_by=case.owner,
        )
        row.file.name = path
        rows.append(row)
    EvidenceFile.objects.bulk_create(rows, batch_size=500)
    now = timezone.now()
    EvidenceText.objects.bulk_create(
        EvidenceText(
            evidence=row,
            status=ExtractionStatus.OK,
            method="text",
            text=content.decode("utf-8"),
            extracted_at=now,
        )
        for row, (_case, _name, content) in zip(rows, files, strict=True)
    )
    result.files += len(rows)
