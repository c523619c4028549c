from __future__ import annotations

import pytest
from django.test import Client

from mamori.cases import actions
from mamori.conftest import Desk
from mamori.search.index import index_case
from mamori.search.query import search_cases
from mamori.search.tests.helpers import open_indexed, search_page


@pytest.fixture
def three_cases(desk: Desk) -> dict[str, int]:
    dogeza = open_indexed(
        desk,
        "店頭での土下座要求",
        "お客様が大声で怒鳴り、スタッフに土下座を要求した。途中から録音している。",
        quotes=("土下座して謝れ",),
    )
    late = open_indexed(
        desk, "遅刻のご指摘", "派遣先の課長から、スタッフの遅刻が続いているとのご指摘。"
    )
    usb = open_indexed(
        desk, "USBメモリの持ち出し疑い", "私物のＵＳＢメモリに保存したのではとのご指摘。"
    )
    return {"dogeza": dogeza.pk, "late": late.pk, "usb": usb.pk}


def _found(desk: Desk, query: str) -> set[int]:
    return set(search_cases(desk.response, query).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("怒", {"dogeza"}),  # one character: gram index
        ("録音", {"dogeza"}),  # two characters: gram index
        ("土下座", {"dogeza"}),  # three characters: trigram index
        ("土下座を", {"dogeza"}),  # four characters: trigram phrase
        ("ご指摘", {"late", "usb"}),
        ("指摘", {"late", "usb"}),
        ("遅", {"late"}),
        ("usb", {"usb"}),  # half-width query, full-width text
        ("ＵＳＢ", {"usb"}),
        ("録音 土下座", {"dogeza"}),  # every term must match
        ("録音 遅刻", set()),
        ("暴言", set()),
        ("土下座しろ", set()),
    ],
)
def test_it_finds_japanese_words_of_any_length(
    desk: Desk, three_cases: dict[str, int], query: str, expected: set[str]
) -> None:
    assert _found(desk, query) == {three_cases[name] for name in expected}


def test_it_matches_short_terms_with_punctuation_by_scanning(desk: Desk) -> None:
    case = open_indexed(desk, "記号", "本当ですか!?と何度も言われた。")
    open_indexed(desk, "別件", "特になし")
    assert _found(desk, "!?") == {case.pk}


def test_it_follows_edits_and_forgets_the_old_text(desk: Desk) -> None:
    case = open_indexed(desk, "件名", "最初は録音の話だった。")
    entry = case.entries.get()
    actions.do_update_timeline_entry(
        actor=desk.handler, entry=entry, changes={"summary": "その後は謝罪の話になった。"}
    )
    index_case(case)
    assert _found(desk, "録音") == set()
    assert _found(desk, "最初は") == set()
    assert _found(desk, "謝罪") == {case.pk}
    assert _found(desk, "謝罪の話") == {case.pk}


def test_it_indexes_new_entries_and_tasks(desk: Desk) -> None:
    case = open_indexed(desk, "件名", "特記事項なし")
    actions.do_add_task(actor=desk.handler, case=case, title="録音データを保全する")
    index_case(case)
    assert _found(desk, "保全") == {case.pk}


def test_the_page_lists_hits_with_marked_snippets(
    desk: Desk, client: Client, three_cases: dict[str, int]
) -> None:
    desk.login(client, desk.response)
    html = search_page(client, q="録音")
    assert "1 case found" in html
    assert "店頭での土下座要求" in html
    assert "<mark>録音</mark>" in html
    assert "遅刻のご指摘" not in html


def test_an_empty_search_shows_no_cases(
    desk: Desk, client: Client, three_cases: dict[str, int]
) -> None:
    desk.login(client, desk.response)
    html = search_page(client)
    assert "cases found" not in html and "遅刻のご指摘" not in html


def test_it_stops_counting_past_the_cap(
    desk: Desk, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mamori.search import views

    monkeypatch.setattr(views, "COUNT_CAP", 2)
    for title in ("一件目", "二件目", "三件目"):
        open_indexed(desk, title, "録音あり")
    desk.login(client, desk.response)
    html = search_page(client, q="録音")
    assert "More than 1,000 cases found" in html
    assert html.count('class="hit"') == 3
