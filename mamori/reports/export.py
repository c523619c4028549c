"""Columns and rows of the case-list export: every field, custom fields included."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from mamori.assessments.actions import current_labels
from mamori.cases.models import Case


def case_list_columns(cases: Sequence[Case], lang: str) -> list[tuple[str, str]]:
    with override(lang):
        columns = [
            ("number", _("Case number")),
            ("title", _("Title")),
            ("kind", _("Kind")),
            ("status", _("Status")),
            ("severity", _("Severity")),
            ("client", _("Client")),
            ("department", _("Department")),
            ("owner", _("Owner")),
            ("parties", _("Parties")),
            ("topics", _("Topics")),
            ("verdict", _("Verdict")),
            ("categories", _("Behaviour categories")),
            ("flags", _("Red flags")),
            ("labels_confirmed", _("Labels confirmed")),
            ("entries", _("Timeline entries")),
            ("open_tasks", _("Open tasks")),
            ("files", _("Evidence files")),
            ("opened_at", _("Opened")),
            ("closed_at", _("Closed")),
            ("updated_at", _("Updated")),
            ("background", _("Background facts")),
        ]
    custom: dict[str, None] = {}
    for case in cases:
        for key in case.custom_fields:
            custom.setdefault(str(key), None)
    columns += [(f"custom:{key}", key) for key in custom]
    return columns


def case_list_rows(cases: Sequence[Case], lang: str, masked: bool = False) -> list[dict[str, Any]]:
    from mamori.masking import mask_text
    from mamori.reports.build import known_names
    from mamori.triage import label_name

    def name(label: str) -> str:
        try:
            return label_name(label, lang)
        except KeyError:
            return label

    rows = []
    with override(lang):
        for case in cases:
            labels, correction = current_labels(case)
            labels = labels or {}
            row: dict[str, Any] = {
                "number": case.number,
                "title": case.title,
                "kind": str(case.get_kind_display()),
                "status": str(case.get_status_display()),
                "severity": case.severity,
                "client": case.client.name if case.client else "",
                "department": case.department.name if case.department else "",
                "owner": str(case.owner),
                "parties": [
                    f"{p.display_name}({p.get_role_display()})" for p in case.parties.all()
                ],
                "topics": case.topic_labels(),
                "verdict": name(labels["verdict"]) if labels.get("verdict") else "",
                "categories": [name(c) for c in labels.get("categories", [])],
                "flags": [name(f) for f in labels.get("flags", [])],
                "labels_confirmed": _("Yes") if correction else _("No"),
                "entries": case.entries.count(),
                "open_tasks": case.tasks.filter(done_at__isnull=True).count(),
                "files": case.files.count(),
                "opened_at": timezone.localtime(case.opened_at),
                "closed_at": timezone.localtime(case.closed_at) if case.closed_at else None,
                "updated_at": timezone.localtime(case.updated_at),
                "background": "\n".join(case.background),
            }
            for key, value in case.custom_fields.items():
                row[f"custom:{key}"] = value
            if masked:
                names = known_names(case)
                for key in ("title", "owner", "background"):
                    row[key] = mask_text(str(row[key]), names)
                row["parties"] = [mask_text(p, names) for p in row["parties"]]
            rows.append(row)
    return rows
