from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client

from mamori.cases import actions
from mamori.conftest import Desk
from mamori.search.index import index_case
from mamori.search.query import search_cases
from mamori.search.tests.helpers import JST, open_indexed, search_page


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


QUERIES_OF_EVERY_SHAPE = [
    "怒",
    "録音",
    "土下座",
    "土下座を",
    "ご指摘",
    "usb",
    "ＵＳＢメモリ",
    "録音 土下座",
    "指摘 遅刻",
    "暴言",
    "!?",
]


@pytest.mark.parametrize("query", QUERIES_OF_EVERY_SHAPE)
def test_the_newest_first_walk_finds_the_same_cases_in_the_same_order(
    desk: Desk, three_cases: dict[str, int], query: str
) -> None:
    open_indexed(desk, "記号", "本当ですか!?と、録音を止めるよう言われた。")
    open_indexed(desk, "二度目の土下座要求", "また土下座を要求された。USBの件もある。")
    by_list = list(search_cases(desk.response, query).values_list("pk", flat=True))
    walked = search_cases(desk.response, query, newest_first=True)
    assert list(walked.values_list("pk", flat=True)) == by_list


def test_a_long_term_needs_its_characters_in_a_row_not_just_its_trigrams(desk: Desk) -> None:
    # Every trigram of 土下座土下 occurs here (土下座, 下座土, 座土下), but never all in a row.
    scattered = open_indexed(desk, "散らばり", "土下座土。座土下")
    in_a_row = open_indexed(desk, "連続", "土下座土下座")
    assert _found(desk, "土下座土") == {scattered.pk, in_a_row.pk}
    assert _found(desk, "土下座土下") == {in_a_row.pk}
    walked = search_cases(desk.response, "土下座土下", newest_first=True)
    assert list(walked.values_list("pk", flat=True)) == [in_a_row.pk]


def test_a_latin_term_matches_whatever_its_case(desk: Desk) -> None:
    case = open_indexed(desk, "英字", "SecurityPolicy違反とのご指摘。")
    open_indexed(desk, "別件", "セキュリティの話はなし")
    for query in ("securitypolicy", "SECURITY", "policy違反", "ｓｅｃｕｒｉｔｙ"):
        assert _found(desk, query) == {case.pk}, query
        walked = search_cases(desk.response, query, newest_first=True)
        assert list(walked.values_list("pk", flat=True)) == [case.pk], query


@pytest.mark.parametrize("query", ["%", "_", "0%_", "'", "\\", "達成'\\", "100%_達成", "😡"])
def test_wildcards_quotes_and_backslashes_are_matched_as_written(desk: Desk, query: str) -> None:
    literal = open_indexed(desk, "記号だらけ", "目標は100%_達成'\\です😡")
    open_indexed(desk, "普通の件", "目標は100ポイント達成です")
    assert _found(desk, query) == {literal.pk}
    walked = search_cases(desk.response, query, newest_first=True)
    assert list(walked.values_list("pk", flat=True)) == [literal.pk]


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
    for day, title in enumerate(("一件目", "二件目", "三件目"), start=1):
        open_indexed(
            desk, title, "録音あり", occurred_at=datetime(2026, 11, day, 9, 30, tzinfo=JST)
        )
    open_indexed(desk, "別件", "特になし")
    desk.login(client, desk.response)
    html = search_page(client, q="録音")
    assert "More than 1,000 cases found" in html
    # Past the cap the page comes from the newest-first walk: the same hits, newest first.
    assert html.count('class="hit"') == 3
    assert html.index("三件目") < html.index("二件目") < html.index("一件目")
    assert "別件" not in html
