from __future__ import annotations

from django.test import Client
from django.urls import reverse

from mamori.assessments.actions import do_correct_labels
from mamori.audit.models import AuditEvent, EventType
from mamori.cases import actions as case_actions
from mamori.conftest import Desk
from mamori.plans.actions import do_build_plan, plan_sources
from mamori.plans.models import ItemKind, ItemStatus, Playbook
from mamori.plans.seed import read_playbooks, seed_playbooks
from mamori.triage import CATEGORIES, FLAGS, TOPICS

DISMISSAL = {
    "verdict": "needs_review",
    "demand_validity": "unclear",
    "means": "unclear",
    "categories": [],
    "flags": ["dismissal_demand", "channel_bypass"],
    "topics": ["security"],
}


def test_shipped_playbooks_cover_every_label_and_kind() -> None:
    covered = {book["applies_to"] for book in read_playbooks()}
    expected = (
        {f"category:{c}" for c in CATEGORIES}
        | {f"flag:{f}" for f in FLAGS}
        | {f"topic:{t}" for t in TOPICS}
        | {f"kind:{k}" for k in ("client_complaint", "customer_harassment", "consultation")}
        | {f"verdict:{v}" for v in ("legitimate_complaint", "needs_review", "customer_harassment")}
    )
    assert expected <= covered


def test_seed_keeps_admin_edits_unless_overwritten(db: None) -> None:
    first = seed_playbooks()
    assert first.created > 30
    book = Playbook.objects.get(applies_to="flag:dismissal_demand")
    book.title_ja = "編集済み"
    book.save()
    again = seed_playbooks()
    assert again.created == 0 and again.skipped == first.created
    book.refresh_from_db()
    assert book.title_ja == "編集済み"
    seed_playbooks(overwrite=True)
    book.refresh_from_db()
    assert book.title_ja != "編集済み"


def test_plan_assembles_from_labels_and_merges_shared_items(desk: Desk) -> None:
    seed_playbooks()
    case = desk.open_case("M課長からの解雇要求")
    do_correct_labels(actor=desk.handler, case=case, labels=DISMISSAL)
    assert plan_sources(case)[:2] == ["flag:dismissal_demand", "flag:channel_bypass"]
    plan = do_build_plan(actor=desk.handler, case=case)
    items = list(plan.items.all())
    keys = [(i.kind, i.key) for i in items]
    assert len(keys) == len(set(keys)), "shared keys merge into one item"
    points = [i for i in items if i.kind == ItemKind.POINT]
    assert {i.side for i in points} >= {"customer", "worker"}
    assert any(i.kind == ItemKind.EVIDENCE for i in items)
    assert any(len(i.sources) > 1 for i in items), "an item shared by two playbooks"
    assert AuditEvent.objects.filter(case=case, event_type=EventType.PLAN_BUILT).exists()


def test_rebuilding_keeps_ticks_and_adds_new_items(desk: Desk) -> None:
    seed_playbooks()
    case = desk.open_case()
    do_correct_labels(actor=desk.handler, case=case, labels={**DISMISSAL, "flags": []})
    plan = do_build_plan(actor=desk.handler, case=case)
    first = plan.items.first()
    assert first is not None
    first.status = ItemStatus.DONE
    first.save()
    before = plan.items.count()
    do_correct_labels(actor=desk.handler, case=case, labels=DISMISSAL)
    plan = do_build_plan(actor=desk.handler, case=case)
    first.refresh_from_db()
    assert first.status == ItemStatus.DONE
    assert plan.items.count() > before


def test_rep_ticks_comments_makes_task_and_links_evidence(desk: Desk, client: Client) -> None:
    seed_playbooks()
    case = desk.open_case()
    do_correct_labels(actor=desk.handler, case=case, labels=DISMISSAL)
    desk.login(client, desk.handler)
    client.post(reverse("plans:build", args=[case.pk]))
    plan = case.plan
    point = plan.items.filter(kind=ItemKind.POINT).first()
    action = plan.items.filter(kind=ItemKind.ACTION).first()
    evidence = plan.items.filter(kind=ItemKind.EVIDENCE).first()
    assert point and action and evidence
    client.post(
        reverse("plans:item", args=[case.pk, point.pk]),
        {"status": "done", "comment": "総務部に確認済み"},
    )
    point.refresh_from_db()
    assert (point.status, point.comment) == ("done", "総務部に確認済み")
    client.post(reverse("plans:item_task", args=[case.pk, action.pk]))
    action.refresh_from_db()
    assert action.task is not None and action.task.case == case
    assert action.task.due is not None or action.due_days is None
    client.post(reverse("plans:item_task", args=[case.pk, action.pk]))
    assert case.tasks.count() == 1, "one click, one task"
    client.post(reverse("plans:item_evidence", args=[case.pk, evidence.pk]), {"file": "missing"})
    evidence.refresh_from_db()
    assert evidence.missing
    file = case_actions.do_attach_evidence(
        actor=desk.handler,
        case=case,
        file=case_actions.FileInput(name="access.log", content=b"log", content_type="text/plain"),
    )
    client.post(reverse("plans:item_evidence", args=[case.pk, evidence.pk]), {"file": file.pk})
    evidence.refresh_from_db()
    assert evidence.evidence_file == file and not evidence.missing
    page = client.get(case.get_absolute_url()).content.decode()
    assert "access.log" in page
    assert point.text_ja in page


def test_plan_item_of_another_case_is_404(desk: Desk, client: Client) -> None:
    seed_playbooks()
    mine = desk.open_case()
    theirs = desk.open_case(actor=desk.other_handler)
    do_correct_labels(actor=desk.handler, case=mine, labels=DISMISSAL)
    plan = do_build_plan(actor=desk.handler, case=mine)
    item = plan.items.first()
    assert item is not None
    desk.login(client, desk.other_handler)
    response = client.post(reverse("plans:item", args=[theirs.pk, item.pk]), {"status": "done"})
    assert response.status_code == 404
    response = client.post(reverse("plans:item", args=[mine.pk, item.pk]), {"status": "done"})
    assert response.status_code == 404
