from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from mamori.audit.models import AuditEvent, EventType
from mamori.cases import actions
from mamori.cases.models import Case, CaseStatus, PartyRole
from mamori.conftest import Desk


def test_it_opens_a_case_from_pasted_text(desk: Desk, client: Client) -> None:
    desk.login(client, desk.handler)
    response = client.post(
        reverse("cases:new"),
        {
            "kind": "client_complaint",
            "client": desk.client.pk,
            "text": "H製作所のM課長より\nRさんがセキュリティ事故を起こしたので解雇してほしい。",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert case.title == "H製作所のM課長より"
    assert case.number.startswith("C-")
    assert case.owner == desk.handler
    entry = case.entries.get()
    assert "解雇してほしい" in entry.summary
    assert AuditEvent.objects.filter(case=case, event_type=EventType.CASE_OPENED).exists()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "解雇してほしい" in page


def test_it_rejects_empty_intake_in_japanese(desk: Desk, client: Client) -> None:
    desk.login(client, desk.handler)
    response = client.post(reverse("cases:new"), {"kind": "client_complaint", "text": "   "})
    assert response.status_code == 200
    assert "苦情の本文を貼り付けるか" in response.content.decode()
    assert Case.objects.count() == 0


def test_it_rejects_intake_in_english_when_asked(desk: Desk, client: Client) -> None:
    desk.login(client, desk.handler)
    response = client.post(
        reverse("cases:new"),
        {"kind": "client_complaint", "text": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Paste the complaint text or upload an .eml file." in response.content.decode()


def test_it_adds_entry_task_and_party(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    response = client.post(
        reverse("cases:entry_add", args=[case.pk]),
        {
            "occurred_at": "2026-11-03T10:15",
            "channel": "phone",
            "direction": "outbound",
            "participants": "R\n佐藤",
            "summary": "本人に電話。最近変わったことはないとのこと。",
            "quotes": "特に変わったことはありません",
        },
    )
    assert response.status_code == 302
    entry = case.entries.latest("occurred_at")
    assert entry.participants == ["R", "佐藤"]
    assert entry.quotes == ["特に変わったことはありません"]
    client.post(
        reverse("cases:task_add", args=[case.pk]),
        {"title": "総務部へ報告ルートの確認", "assignee": desk.handler.pk, "due": "2026-11-05"},
    )
    client.post(
        reverse("cases:party_add", args=[case.pk]), {"role": "subject", "worker": desk.worker.pk}
    )
    page = client.get(case.get_absolute_url()).content.decode()
    assert "総務部へ報告ルートの確認" in page
    assert "特に変わったことはありません" in page
    assert case.parties.get().worker == desk.worker


def test_it_rejects_future_entry_time(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    response = client.post(
        reverse("cases:entry_add", args=[case.pk]),
        {
            "occurred_at": "2099-01-01T10:00",
            "channel": "phone",
            "direction": "inbound",
            "summary": "x",
        },
    )
    assert response.status_code == 200
    assert "未来の日時は指定できません" in response.content.decode()
    assert case.entries.count() == 1


def test_party_needs_exactly_one_person(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    response = client.post(reverse("cases:party_add", args=[case.pk]), {"role": "witness"})
    assert "作業者・派遣先担当者・当社社員のいずれかを選ぶか" in response.content.decode()
    assert case.parties.count() == 0


def test_status_moves_follow_the_lifecycle(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    client.post(reverse("cases:status", args=[case.pk]), {"status": "investigating"})
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING
    client.post(reverse("cases:status", args=[case.pk]), {"status": "closed"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_at is not None
    client.post(reverse("cases:status", args=[case.pk]), {"status": "monitoring"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED, "a closed case reopens only into investigation"
    client.post(reverse("cases:status", args=[case.pk]), {"status": "investigating"})
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING
    assert case.closed_at is None
    moves = list(
        AuditEvent.objects.filter(case=case, event_type=EventType.CASE_STATUS).values_list(
            "data", flat=True
        )
    )
    assert [(m["old"], m["new"]) for m in moves] == [
        ("new", "investigating"),
        ("investigating", "closed"),
        ("closed", "investigating"),
    ]


def test_case_list_filters(desk: Desk, client: Client) -> None:
    first = desk.open_case("遅刻の件")
    second = desk.open_case("請求書の誤り", kind="customer_harassment", client=None)
    desk.login(client, desk.response)
    page = client.get(reverse("cases:list"), {"kind": "customer_harassment"}).content.decode()
    assert second.title in page and first.title not in page
    page = client.get(reverse("cases:list"), {"client": desk.client.pk}).content.decode()
    assert first.title in page and second.title not in page
    page = client.get(reverse("cases:list"), {"q": "請求"}).content.decode()
    assert second.title in page and first.title not in page
    page = client.get(reverse("cases:list"), {"owner": desk.handler.pk}).content.decode()
    assert first.title in page and second.title in page
    response = client.get(reverse("cases:list"), {"client": "not-a-number"})
    assert response.status_code == 200


def test_case_list_filters_by_worker_name(desk: Desk, client: Client) -> None:
    with_worker = desk.open_case("遅刻の件")
    actions.do_add_party(
        actor=desk.handler, case=with_worker, role=PartyRole.SUBJECT, worker=desk.worker
    )
    without = desk.open_case("請求書の誤り")
    desk.login(client, desk.response)
    page = client.get(reverse("cases:list"), {"worker": desk.worker.name.lower()}).content.decode()
    assert with_worker.title in page and without.title not in page
    page = client.get(reverse("cases:list"), {"worker": "該当なしの名前"}).content.decode()
    assert with_worker.title not in page and without.title not in page


def test_repeated_views_within_the_window_make_one_audit_row(
    desk: Desk, client: Client, settings: Any
) -> None:
    case = desk.open_case("暴言の件", kind="customer_harassment")
    desk.login(client, desk.response)
    viewed = AuditEvent.objects.filter(case=case, event_type=EventType.CASE_VIEWED)
    for _ in range(3):
        assert client.get(case.get_absolute_url()).status_code == 200
    assert viewed.count() == 1
    cache.clear()  # the window has passed
    client.get(case.get_absolute_url())
    assert viewed.count() == 2
    settings.VIEW_AUDIT_WINDOW = 0  # every view recorded
    client.get(case.get_absolute_url())
    client.get(case.get_absolute_url())
    assert viewed.count() == 4


def test_edit_rejects_department_of_another_client(desk: Desk, client: Client) -> None:
    from mamori.orgs.models import ClientCompany, Department

    case = desk.open_case()
    elsewhere = Department.objects.create(
        client=ClientCompany.objects.create(organisation=desk.org, name="J物流"), name="倉庫"
    )
    desk.login(client, desk.handler)
    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        {
            "title": case.title,
            "kind": case.kind,
            "severity": 2,
            "owner": desk.handler.pk,
            "client": desk.client.pk,
            "department": elsewhere.pk,
            "background": "事実1\n事実2",
        },
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.department is None
    assert case.background == []


def test_edit_saves_background_facts_in_order(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    client.post(
        reverse("cases:edit", args=[case.pk]),
        {
            "title": case.title,
            "kind": case.kind,
            "severity": 3,
            "owner": desk.handler.pk,
            "client": desk.client.pk,
            "department": desk.department.pk,
            "topics": ["security"],
            "background": "Rさんは派遣2年目\n\n課長が3か月前に交代",
        },
    )
    case.refresh_from_db()
    assert case.background == ["Rさんは派遣2年目", "課長が3か月前に交代"]
    assert case.topics == ["security"]
    change = AuditEvent.objects.filter(case=case, event_type=EventType.CASE_CHANGED).get()
    assert change.data["old"]["severity"] == 2 and change.data["new"]["severity"] == 3


def test_the_pager_keeps_the_query_and_says_where_it_is() -> None:
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        middle = render_to_string(
            "_pager.html", {"page": Paginator(range(30), 10).page(2), "query": "q=%E9%8C%B2"}
        )
        single = render_to_string("_pager.html", {"page": Paginator(range(5), 10).page(1)})
    assert '<a href="?q=%E9%8C%B2&amp;page=1">← Previous</a>' in middle
    assert '<a href="?q=%E9%8C%B2&amp;page=3">Next →</a>' in middle
    assert "<span>2 / 3</span>" in middle
    assert "pager" not in single, "one page needs no pager"
