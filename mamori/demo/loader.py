"""Loads the demo world and cases from ``data/`` through the desk's own actions.

Going through the actions (not bulk inserts) means the demo also exercises
numbering, audit rows and, once enabled, triage on every entry.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction

from mamori.accounts.models import Role, User
from mamori.cases import actions
from mamori.orgs.models import (
    Assignment,
    ClientCompany,
    ClientContact,
    Department,
    Evaluation,
    Organisation,
    Worker,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_SLUG = "demo"
DEMO_PASSWORD = "mamori-demo-2026"  # noqa: S105 - printed for the demo on purpose

STAFF_ROLES = {
    "sales_rep": Role.CASE_HANDLER,
    "manager": Role.MANAGER,
    "response_team": Role.RESPONSE_TEAM,
    "hr_admin": Role.HR_ADMIN,
    "auditor": Role.AUDITOR,
}


class DemoDataError(Exception):
    """The demo files refer to something that does not exist."""


@dataclass
class World:
    organisation: Organisation
    staff: dict[str, User] = field(default_factory=dict)
    clients: dict[str, ClientCompany] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    contacts: dict[str, ClientContact] = field(default_factory=dict)
    workers: dict[str, Worker] = field(default_factory=dict)

    def ref(self, ref: str) -> Any:
        kind, _, key = ref.partition(":")
        tables: dict[str, dict[str, Any]] = {
            "worker": self.workers,
            "contact": self.contacts,
            "staff": self.staff,
        }
        table = tables.get(kind, {})
        if key not in table:
            raise DemoDataError(f"unknown reference {ref!r}")
        return table[key]

    def ref_name(self, ref: str) -> str:
        try:
            return str(self.ref(ref))
        except DemoDataError:
            return ref


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _strip_brackets(quote: str) -> str:
    quote = quote.strip()
    if quote.startswith("「") and quote.endswith("」"):
        return quote[1:-1]
    return quote


def _build_world(data: dict[str, Any]) -> World:
    company = data["company"]
    org = Organisation.objects.create(
        name=company["name"], name_en=company.get("name_en", ""), slug=DEMO_SLUG
    )
    world = World(organisation=org)
    for item in data.get("staff", []):
        user = User(
            username=item["key"],
            display_name=item["name"],
            email=item.get("email", ""),
            role=STAFF_ROLES[item["role"]],
            organisation=org,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        world.staff[item["key"]] = user
    for item in data.get("staff", []):
        if item.get("manager"):
            user = world.staff[item["key"]]
            user.manager = world.staff[item["manager"]]
            user.save(update_fields=["manager"])
    for item in data.get("clients", []):
        client = ClientCompany.objects.create(
            organisation=org, name=item["name"], industry=item.get("industry", "")
        )
        world.clients[item["key"]] = client
        for dept in item.get("departments", []):
            world.departments[dept["key"]] = Department.objects.create(
                client=client, name=dept["name"]
            )
        for contact in item.get("contacts", []):
            world.contacts[contact["key"]] = ClientContact.objects.create(
                client=client,
                department=world.departments.get(contact.get("department", "")),
                name=contact["name"],
                title=contact.get("title", ""),
                role=contact.get("role", "other"),
                since=date.fromisoformat(contact["since"]) if contact.get("since") else None,
                email=contact.get("email", ""),
                phone=contact.get("phone", ""),
            )
    for item in data.get("workers", []):
        worker = Worker.objects.create(
            organisation=org,
            name=item["name"],
            kana=item.get("kana", ""),
            employment=item.get("employment", "dispatched"),
        )
        world.workers[item["key"]] = worker
        assignment_data = item.get("assignment")
        if assignment_data:
            assignment = Assignment.objects.create(
                worker=worker,
                client=world.clients[assignment_data["client"]],
                department=world.departments.get(assignment_data.get("department", "")),
                job=assignment_data.get("job", ""),
                start=date.fromisoformat(assignment_data["start"]),
            )
            for evaluation in item.get("evaluations", []):
                by = evaluation.get("by", "")
                Evaluation.objects.create(
                    assignment=assignment,
                    date=date.fromisoformat(evaluation["date"]),
                    evaluator=str(world.contacts[by]) if by in world.contacts else by,
                    rating=evaluation["rating"],
                    comment=evaluation.get("comment", ""),
                )
    return world


def _load_case(world: World, data: dict[str, Any]) -> None:
    owner = world.staff[data["owner"]]
    entries = sorted(data.get("entries", []), key=lambda e: e["at"])
    case = actions.do_open_case(
        actor=owner,
        kind=data["kind"],
        title=data["title"],
        owner=owner,
        client=world.clients.get(data.get("client", "")),
        department=world.departments.get(data.get("department", "")),
        severity=int(data.get("severity", 2)),
        topics=data.get("topics", []),
        background=data.get("background", []),
        opened_at=datetime.fromisoformat(data["opened"]),
        status=data.get("status", "new"),
    )
    for party in data.get("parties", []):
        target = world.ref(party["ref"])
        kind = party["ref"].split(":", 1)[0]
        actions.do_add_party(
            actor=owner,
            case=case,
            role=party["role"],
            worker=target if kind == "worker" else None,
            contact=target if kind == "contact" else None,
            user=target if kind == "staff" else None,
            note=party.get("note", ""),
        )
    for entry in entries:
        actions.do_add_timeline_entry(
            actor=owner,
            case=case,
            entry=actions.EntryInput(
                occurred_at=datetime.fromisoformat(entry["at"]),
                channel=entry["channel"],
                direction=entry.get("direction", "inbound"),
                participants=[world.ref_name(p) for p in entry.get("participants", [])],
                summary=entry["summary"],
                quotes=[_strip_brackets(q) for q in entry.get("quotes", [])],
                instalment=int(entry.get("instalment", 1)),
            ),
        )
    from mamori.plans.actions import do_build_plan

    do_build_plan(actor=owner, case=case)
    for task in data.get("tasks", []):
        row = actions.do_add_task(
            actor=owner,
            case=case,
            title=task["title"],
            assignee=world.staff.get(task.get("assignee", "")),
            due=date.fromisoformat(task["due"]) if task.get("due") else None,
        )
        if task.get("done"):
            actions.do_set_task_done(actor=owner, task=row, done=True)


def _publish_policy(world: World) -> None:
    """The demo company has published its 行動指針, so the public page has something to show."""
    from mamori.policy.actions import do_publish, do_start_policy

    admin = next((u for u in world.staff.values() if u.role == Role.HR_ADMIN), None)
    if admin is not None:
        do_publish(actor=admin, version=do_start_policy(actor=admin))


def demo_exists() -> bool:
    return Organisation.objects.filter(slug=DEMO_SLUG).exists()


def load_demo(data_dir: Path = DATA_DIR) -> World:
    """Create the demo organisation, people and cases in one transaction."""
    from mamori.plans.seed import seed_playbooks

    with transaction.atomic():
        seed_playbooks()
        world = _build_world(_load(data_dir / "world.toml"))
        _publish_policy(world)
        for path in sorted((data_dir / "cases").glob("*.toml")):
            try:
                _load_case(world, _load(path))
            except (KeyError, DemoDataError, ValueError) as exc:
                raise DemoDataError(f"{path.name}: {exc}") from exc
    return world
