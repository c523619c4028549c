"""Loading the shipped playbooks (``mamori/playbooks/data/*.toml``) into the database.

The files are the first set; once loaded, admins edit playbooks in the admin
and a reload never overwrites their edits unless asked to.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from mamori.plans.models import ItemKind, Playbook, PlaybookItem

PLAYBOOK_DIR = Path(__file__).resolve().parent.parent / "playbooks" / "data"

# TOML list name → item kind.
SECTIONS = {
    "points": ItemKind.POINT,
    "evidence": ItemKind.EVIDENCE,
    "stakeholders": ItemKind.STAKEHOLDER,
    "avoid": ItemKind.AVOID,
    "actions": ItemKind.ACTION,
}


@dataclass(frozen=True)
class SeedReport:
    created: int
    updated: int
    skipped: int


def read_playbooks(directory: Path = PLAYBOOK_DIR) -> list[dict[str, Any]]:
    books: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as handle:
            books.extend(tomllib.load(handle).get("playbook", []))
    return books


def _item_rows(playbook: Playbook, book: dict[str, Any]) -> list[PlaybookItem]:
    rows = []
    for section, kind in SECTIONS.items():
        for order, item in enumerate(book.get(section, [])):
            rows.append(
                PlaybookItem(
                    playbook=playbook,
                    kind=kind,
                    key=item["key"],
                    side=item.get("side", ""),
                    text_ja=item.get("text_ja") or item.get("title_ja", ""),
                    text_en=item.get("text_en") or item.get("title_en", ""),
                    due_days=item.get("due_days"),
                    assignee_role=item.get("assignee_role", ""),
                    order=order,
                )
            )
    return rows


def seed_playbooks(*, overwrite: bool = False, directory: Path = PLAYBOOK_DIR) -> SeedReport:
    created = updated = skipped = 0
    with transaction.atomic():
        for book in read_playbooks(directory):
            fields = {
                "title_ja": book["title_ja"],
                "title_en": book.get("title_en", ""),
                "summary_ja": book.get("summary_ja", ""),
                "summary_en": book.get("summary_en", ""),
                "basis": list(book.get("basis", [])),
            }
            playbook = Playbook.objects.filter(applies_to=book["applies_to"]).first()
            if playbook is None:
                playbook = Playbook.objects.create(applies_to=book["applies_to"], **fields)
                created += 1
            elif overwrite:
                for name, value in fields.items():
                    setattr(playbook, name, value)
                playbook.save()
                playbook.items.all().delete()
                updated += 1
            else:
                skipped += 1
                continue
            PlaybookItem.objects.bulk_create(_item_rows(playbook, book))
    return SeedReport(created, updated, skipped)
