from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mamori.conftest import Desk


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("handler", 200),
        ("manager", 200),
        ("response", 200),
        ("hr", 200),
        ("auditor", 200),
        ("other_handler", 404),
        ("reporter", 404),
        ("outsider", 404),
    ],
)
def test_case_page_answers_by_need_to_know(
    desk: Desk, client: Client, persona: str, status: int
) -> None:
    case = desk.open_case()
    desk.login(client, getattr(desk, persona))
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == status


def test_it_hides_case_from_outsider_everywhere(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    entry = case.entries.get()
    desk.login(client, desk.outsider)
    for name, args in [
        ("cases:detail", [case.pk]),
        ("cases:edit", [case.pk]),
        ("cases:entry_add", [case.pk]),
        ("cases:entry_edit", [case.pk, entry.pk]),
        ("cases:task_add", [case.pk]),
        ("cases:party_add", [case.pk]),
        ("cases:file_add", [case.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    listing = client.get(reverse("cases:list"), {"status": "all"})
    assert case.title not in listing.content.decode()


def test_auditor_reads_but_cannot_change(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.auditor)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    response = client.post(reverse("cases:task_add", args=[case.pk]), {"title": "x"})
    assert response.status_code == 403
    assert case.tasks.count() == 0


def test_anonymous_user_is_sent_to_login(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_reporter_cannot_open_cases(desk: Desk, client: Client) -> None:
    desk.login(client, desk.reporter)
    response = client.post(reverse("cases:new"), {"kind": "client_complaint", "text": "x"})
    assert response.status_code == 403


def test_a_case_fetched_for_one_user_is_not_visible_to_another(desk: Desk) -> None:
    from mamori.cases.access import access_case_by_id, may_see_case

    case = desk.open_case()
    fetched = access_case_by_id(desk.handler, case.pk)
    assert may_see_case(desk.handler, fetched)
    assert not may_see_case(desk.other_handler, fetched)
    assert not may_see_case(desk.outsider, fetched)
    assert may_see_case(desk.manager, fetched)
