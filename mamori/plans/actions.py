"""Assembling a case's response plan and working through it."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from mamori.accounts.models import Role, User
from mamori.assessments.actions import current_labels
from mamori.audit.actions import digest_fields, record_event
from mamori.audit.models import EventType
from mamori.plans.models import CasePlan, ItemKind, ItemStatus, PlanItem, Playbook

if TYPE_CHECKING:
    from mamori.cases.models import Case, EvidenceFile, Task

# The order in which playbooks contribute: the most specific first, so its
# wording wins when two playbooks share an item key.
SOURCE_ORDER = ("flag", "category", "topic", "verdict", "kind")


def plan_sources(case: Case) -> list[str]:
    labels, _ = current_labels(case)
    labels = labels or {}
    sources: list[str] = []
    sources += [f"flag:{f}" for f in labels.get("flags", [])]
    sources += [f"category:{c}" for c in labels.get("categories", [])]
    topics = list(dict.fromkeys([*case.topics, *labels.get("topics", [])]))
    sources += [f"topic:{t}" for t in topics]
    if labels.get("verdict"):
        sources.append(f"verdict:{labels['verdict']}")
    sources.append(f"kind:{case.kind}")
    return list(dict.fromkeys(sources))


def do_build_plan(*, actor: User, case: Case) -> CasePlan:
    """Create or extend the plan from the case's current labels.

    Items already on the plan keep their ticks and comments; new items are
    added; nothing is removed, because a point once raised stays on record.
    """
    sources = plan_sources(case)
    playbooks = {
        p.applies_to: p for p in Playbook.objects.filter(applies_to__in=sources, active=True)
    }
    with transaction.atomic():
        plan, created = CasePlan.objects.select_for_update().get_or_create(case=case)
        existing = {(item.kind, item.key): item for item in plan.items.all()}
        added: list[str] = []
        order = len(existing)
        for source in sources:
            playbook = playbooks.get(source)
            if playbook is None:
                continue
            for pb_item in playbook.items.all():
                known = existing.get((pb_item.kind, pb_item.key))
                if known is not None:
                    if source not in known.sources:
                        known.sources = [*known.sources, source]
                        known.save(update_fields=["sources"])
                    continue
                order += 1
                item = PlanItem.objects.create(
                    plan=plan,
                    kind=pb_item.kind,
                    key=pb_item.key,
                    side=pb_item.side,
                    text_ja=pb_item.text_ja,
                    text_en=pb_item.text_en,
                    due_days=pb_item.due_days,
                    assignee_role=pb_item.assignee_role,
                    sources=[source],
                    order=order,
                )
                existing[(item.kind, item.key)] = item
                added.append(f"{item.kind}:{item.key}")
        plan.sources = list(dict.fromkeys([*plan.sources, *sources]))
        plan.save(update_fields=["sources", "updated_at"])
        if created or added:
            record_event(
                actor=actor,
                event_type=EventType.PLAN_BUILT,
                case=case,
                obj=plan,
                data={"sources": sources, "added": added},
            )
    return plan


def do_update_plan_item(
    *, actor: User, item: PlanItem, status: str | None = None, comment: str | None = None
) -> PlanItem:
    with transaction.atomic():
        item = PlanItem.objects.select_for_update().select_related("plan__case").get(pk=item.pk)
        old = {"status": item.status, "comment": item.comment}
        if status is not None:
            item.status = ItemStatus(status)
        if comment is not None:
            item.comment = comment.strip()[:500]
        new = {"status": item.status, "comment": item.comment}
        if old == new:
            return item
        item.updated_by = actor
        item.save(update_fields=["status", "comment", "updated_by"])
        record_event(
            actor=actor,
            event_type=EventType.PLAN_ITEM_CHANGED,
            case=item.plan.case,
            obj=item,
            data={
                "key": f"{item.kind}:{item.key}",
                "old": digest_fields(old, ("comment",)),
                "new": digest_fields(new, ("comment",)),
            },
        )
    return item


def default_assignee(case: Case, role: str) -> User | None:
    if role == "manager":
        return case.owner.manager or case.owner
    if role in {Role.RESPONSE_TEAM, Role.HR_ADMIN}:
        return (
            User.objects.filter(organisation_id=case.organisation_id, role=role, is_active=True)
            .order_by("id")
            .first()
        )
    return case.owner


def do_item_to_task(*, actor: User, item: PlanItem) -> Task:
    """Turn a plan action into a task with its default assignee and due date."""
    from mamori.cases.actions import do_add_task

    with transaction.atomic():
        item = PlanItem.objects.select_for_update().select_related("plan__case").get(pk=item.pk)
        if item.task is not None:
            return item.task
        case = item.plan.case
        due = (
            timezone.localdate() + timedelta(days=item.due_days)
            if item.due_days is not None
            else None
        )
        task = do_add_task(
            actor=actor,
            case=case,
            title=item.text,
            assignee=default_assignee(case, item.assignee_role or "owner"),
            due=due,
        )
        item.task = task
        item.updated_by = actor
        item.save(update_fields=["task", "updated_by"])
    return task


def do_link_evidence(
    *, actor: User, item: PlanItem, evidence: EvidenceFile | None, missing: bool = False
) -> PlanItem:
    if item.kind != ItemKind.EVIDENCE:
        raise ValueError("only evidence items link to files")
    with transaction.atomic():
        item = PlanItem.objects.select_for_update().select_related("plan__case").get(pk=item.pk)
        if evidence is not None and evidence.case_id != item.plan.case_id:
            raise ValueError("the file belongs to another case")
        old = {"file": item.evidence_file_id, "missing": item.missing}
        item.evidence_file = evidence
        item.missing = missing and evidence is None
        if evidence is not None:
            item.status = ItemStatus.DONE
        item.updated_by = actor
        item.save(update_fields=["evidence_file", "missing", "status", "updated_by"])
        record_event(
            actor=actor,
            event_type=EventType.PLAN_ITEM_CHANGED,
            case=item.plan.case,
            obj=item,
            data={
                "key": f"{item.kind}:{item.key}",
                "old": old,
                "new": {"file": item.evidence_file_id, "missing": item.missing},
            },
        )
    return item
