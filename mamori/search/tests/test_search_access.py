from __future__ import annotations

import pytest
from django.test import Client

from mamori.cases import actions
from mamori.conftest import Desk
from mamori.search.index import index_case
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
