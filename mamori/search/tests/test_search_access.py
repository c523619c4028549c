from __future__ import annotations

import pytest
from django.test import Client

from mamori.cases import actions
from mamori.conftest import Desk
from mamori.search.index import index_case
from mamori.search.query import search_cases
from mamori.search.tests.helpers import open_indexed, search_page


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("handler", True),
        ("manager", True),
        ("response", True),
        ("hr", True),
        ("auditor", True),
        ("other_handler", False),
        ("reporter", False),
        ("outsider", False),
    ],
)
def test_search_shows_only_cases_the_user_may_see(
    desk: Desk, client: Client, persona: str, sees: bool
) -> None:
    open_indexed(desk, "土下座要求の件", "録音あり。怒鳴られた。")
    desk.login(client, getattr(desk, persona))
    for query in ("録音", "怒", "土下座"):
        html = search_page(client, q=query)
        assert ("土下座要求の件" in html) is sees, (persona, query)


@pytest.mark.parametrize(
    ("persona", "sees"), [("handler", True), ("other_handler", False), ("outsider", False)]
)
def test_the_newest_first_walk_keeps_the_access_rules(desk: Desk, persona: str, sees: bool) -> None:
    case = open_indexed(desk, "土下座要求の件", "録音あり。怒鳴られた。")
    user = getattr(desk, persona)
    for query in ("録音", "怒", "土下座", "土下座要求"):
        walked = set(search_cases(user, query, newest_first=True).values_list("pk", flat=True))
        assert walked == ({case.pk} if sees else set()), (persona, query)


def test_a_search_past_the_count_cap_still_shows_only_visible_cases(
    desk: Desk, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mamori.search import views

    monkeypatch.setattr(views, "COUNT_CAP", 0)
    open_indexed(desk, "土下座要求の件", "録音あり。")
    open_indexed(desk, "別の録音の件", "録音あり。", actor=desk.other_handler)
    desk.login(client, desk.other_handler)
    html = search_page(client, q="録音")
    assert "More than" in html  # the page came from the walk
    assert "別の録音の件" in html and "土下座要求の件" not in html


def test_it_shows_an_assigned_handler_the_case(desk: Desk, client: Client) -> None:
    case = open_indexed(desk, "土下座要求の件", "録音あり。")
    actions.do_set_assignees(actor=desk.handler, case=case, users=[desk.other_handler])
    index_case(case)
    desk.login(client, desk.other_handler)
    assert "土下座要求の件" in search_page(client, q="録音")


def test_an_outsiders_search_finds_nothing_even_in_their_own_organisation_words(
    desk: Desk, client: Client
) -> None:
    open_indexed(desk, "秘密の件", "秘密の録音")
    desk.login(client, desk.outsider)
    html = search_page(client, q="秘密", status="")
    assert "0 cases found" in html
    assert "秘密の件" not in html
