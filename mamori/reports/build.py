"""Turning a case from the database into the renderers' plain ``CaseReport``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from django.utils import timezone
from django.utils.translation import override

from mamori.assessments.actions import current_labels
from mamori.cases.models import Case, CaseStatus, PartyRole
from mamori.plans.models import ItemKind, ItemStatus, PlanItem, Side
from mamori.render import (
    Action,
    CaseReport,
    Entry,
    EvidenceItem,
    FindingView,
    InstalmentRef,
    Point,
    TriageSummary,
)


@dataclass(frozen=True)
class ReportOptions:
    instalment: int | None = None
    lang: str = "ja"
    wareki: bool = False
    masked: bool = False


def instalments_of(case: Case) -> list[int]:
    numbers = set(case.entries.values_list("instalment", flat=True))
    numbers.add(case.current_instalment if case.entries.exists() else 1)
    return sorted(n for n in numbers if n)


def _label_name(label: str, lang: str) -> str:
    from mamori.triage import label_name

    try:
        return label_name(label, lang)
    except KeyError:
        return label


POINT_STATUS: dict[str, Literal["open", "done", "dismissed"]] = {
    ItemStatus.OPEN: "open",
    ItemStatus.DONE: "done",
    ItemStatus.DISMISSED: "dismissed",
}


def _points(items: list[PlanItem], side: str, lang: str) -> list[Point]:
    return [
        Point(
            text=(item.text_en if lang == "en" and item.text_en else item.text_ja),
            status=POINT_STATUS.get(item.status, "open"),
            comment=item.comment,
        )
        for item in items
        if item.kind == ItemKind.POINT and item.side == side
    ]


def build_case_report(case: Case, options: ReportOptions, author: str) -> CaseReport:
    lang = "en" if options.lang == "en" else "ja"
    numbers = instalments_of(case)
    instalment = options.instalment or numbers[-1]
    if instalment not in numbers:
        raise ValueError(f"case {case.number} has no instalment {instalment}")
    with override(lang):
        entries = list(case.entries.filter(instalment=instalment).order_by("occurred_at", "id"))
        tz = timezone.get_current_timezone()
        plan_items: list[PlanItem] = (
            list(case.plan.items.select_related("evidence_file")) if hasattr(case, "plan") else []
        )
        labels, _correction = current_labels(case)
        triage = None
        if labels:
            findings = [
                FindingView(
                    label=_label_name(f["label"], lang),
                    quote=f["quote"],
                    explanation=f.get("explanation", ""),
                    rule=f.get("rule", ""),
                )
                for a in case.assessments.filter(entry__instalment__lte=instalment)
                for f in a.findings
                if f.get("kind") in {"category", "flag"}
            ]
            triage = TriageSummary(
                verdict_label=_label_name(labels["verdict"], lang),
                categories=[_label_name(c, lang) for c in labels.get("categories", [])],
                flags=[_label_name(f, lang) for f in labels.get("flags", [])],
                topics=[_label_name(t, lang) for t in labels.get("topics", [])],
                severity=int(labels.get("severity", case.severity)),
                findings=findings[:30],
            )
        workers = [
            p.display_name
            for p in case.parties.select_related("worker")
            if p.worker_id and p.role in {PartyRole.SUBJECT, PartyRole.VICTIM}
        ]
        previous = [
            InstalmentRef(
                number=n,
                date=timezone.localtime(
                    case.entries.filter(instalment=n).order_by("-occurred_at").first().occurred_at  # type: ignore[union-attr]
                ).date(),
            )
            for n in numbers
            if n < instalment
        ]
        evidence = [
            EvidenceItem(
                name=(item.text_en if lang == "en" and item.text_en else item.text_ja)
                + (f" → {item.evidence_file.original_name}" if item.evidence_file else ""),
                status="attached" if item.evidence_file else "missing",
                sha256=item.evidence_file.sha256 if item.evidence_file else None,
            )
            for item in plan_items
            if item.kind == ItemKind.EVIDENCE and item.status != ItemStatus.DISMISSED
        ]
        report = CaseReport(
            title=case.title,
            case_number=case.number,
            kind_label=str(case.get_kind_display()),
            status_label=str(case.get_status_display()),
            severity=case.severity,
            report_date=timezone.localdate(),
            author=author,
            company_name=case.organisation.name,
            client_name=case.client.name if case.client else "",
            department_name=case.department.name if case.department else "",
            worker_names=workers,
            instalment=instalment,
            previous_instalments=previous,
            period_start=timezone.localtime(entries[0].occurred_at, tz) if entries else None,
            period_end=timezone.localtime(entries[-1].occurred_at, tz) if entries else None,
            background=list(case.background),
            customer_points=_points(plan_items, Side.CUSTOMER, lang),
            worker_points=_points(plan_items, Side.WORKER, lang),
            entries=[
                Entry(
                    at=timezone.localtime(e.occurred_at, tz),
                    channel_label=str(e.get_channel_display()),
                    direction_label=str(e.get_direction_display()),
                    participants=list(e.participants),
                    summary=e.summary,
                    quotes=list(e.quotes),
                )
                for e in entries
            ],
            next_actions=[
                Action(
                    title=t.title,
                    assignee=str(t.assignee or ""),
                    due=t.due,
                    done=t.is_done,
                )
                for t in case.tasks.select_related("assignee")
                if not t.is_done or case.status == CaseStatus.CLOSED
            ],
            triage=triage,
            evidence=evidence,
            lang=lang,  # type: ignore[arg-type]
            wareki=options.wareki,
            masked=False,
        )
    if options.masked:
        return mask_report(report, known_names(case))
    return report


def known_names(case: Case) -> list[str]:
    """Every personal name the case knows, for masking."""
    names: list[str] = []
    for party in case.parties.select_related("worker", "contact", "user"):
        names.append(party.display_name)
        if party.contact_id and party.contact is not None:
            names.append(party.contact.name)
    for user in (case.owner, case.created_by, *case.assignees.all()):
        names += [user.display_name, user.get_full_name(), user.get_username()]
    for entry in case.entries.all():
        names += list(entry.participants)
    if case.client_id and case.client is not None:
        names += [c.name for c in case.client.contacts.all()]
    return [n for n in names if n and len(n.strip()) >= 1]


def mask_report(report: CaseReport, names: list[str]) -> CaseReport:
    """The same report with personal names and contact details masked in every text."""
    from mamori.masking import mask_text

    def m(text: str) -> str:
        return mask_text(text, names)

    return replace(
        report,
        title=m(report.title),
        author=m(report.author),
        worker_names=[m(n) for n in report.worker_names],
        background=[m(b) for b in report.background],
        customer_points=[
            replace(p, text=m(p.text), comment=m(p.comment)) for p in report.customer_points
        ],
        worker_points=[
            replace(p, text=m(p.text), comment=m(p.comment)) for p in report.worker_points
        ],
        entries=[
            replace(
                e,
                participants=[m(x) for x in e.participants],
                summary=m(e.summary),
                quotes=[m(q) for q in e.quotes],
            )
            for e in report.entries
        ],
        next_actions=[
            replace(a, title=m(a.title), assignee=m(a.assignee)) for a in report.next_actions
        ],
        triage=(
            replace(
                report.triage,
                findings=[replace(f, quote=m(f.quote)) for f in report.triage.findings],
            )
            if report.triage is not None
            else None
        ),
        evidence=[replace(e, name=m(e.name)) for e in report.evidence],
        masked=True,
    )


def report_filename(case: Case, instalment: int, extension: str) -> str:
    return f"{case.number}-{instalment:02d}.{extension}"
