from __future__ import annotations

import pytest

from mamori.search.text import (
    find_hits,
    gram_string,
    grams,
    is_caseless,
    is_exact_gram_term,
    is_gram_term,
    like_pattern,
    mark,
    normalise,
    query_terms,
    snippets,
    term_grams,
)


def test_it_normalises_width_and_case() -> None:
    assert normalise("ＵＳＢﾒﾓﾘ\r\n") == "USBメモリ\n"
    assert query_terms("  ＵＳＢ　録音  録音 ") == ["usb", "録音"]


def test_it_keeps_at_most_five_terms() -> None:
    assert len(query_terms("あ い う え お か き")) == 5


@pytest.mark.parametrize(
    ("term", "expected"),
    [("怒", True), ("録音", True), ("a4", True), ("!?", False), ("土下座", False), ("", False)],
)
def test_it_routes_only_short_word_terms_to_the_gram_index(term: str, expected: bool) -> None:
    assert is_gram_term(term) is expected


def test_grams_hold_every_unigram_and_bigram_within_runs() -> None:
    found = grams("録音、怒 USB!")
    assert {"録", "音", "録音", "音、", "怒", "u", "us", "sb", "b"} <= found
    # ASCII punctuation and spaces split runs (as SQLite's ascii tokenizer does).
    assert "怒u" not in found and "b!" not in found and "!" not in found
    assert gram_string("b a a") == "a b"


def test_grams_can_include_trigrams() -> None:
    found = grams("土下座しろ!", longest=3)
    assert {"土", "土下", "土下座", "下座し", "座しろ"} <= found
    assert "土下座し" not in found and "ろ!" not in found
    assert grams("土下座") == {"土", "下", "座", "土下", "下座"}


@pytest.mark.parametrize(
    ("term", "needed", "exact"),
    [
        ("怒", ["怒"], True),
        ("録音", ["録音"], True),
        ("土下座", ["土下座"], True),
        ("土下座し", ["土下座", "下座し"], False),
        ("あああああ", ["あああ"], False),  # repeated trigrams are asked for once
        ("a-bc", ["a", "bc"], False),  # runs split at ASCII punctuation
        ("!?", [], False),  # nothing to look up: the text is scanned
    ],
)
def test_a_term_asks_the_gram_index_for_what_it_must_contain(
    term: str, needed: list[str], exact: bool
) -> None:
    assert term_grams(term) == needed
    assert is_exact_gram_term(term) is exact


@pytest.mark.parametrize(
    ("term", "caseless"),
    [("土下座", True), ("!?", True), ("usb", False), ("usbメモリ", False), ("ß", False)],
)
def test_only_terms_without_case_are_matched_case_sensitively(term: str, caseless: bool) -> None:
    assert is_caseless(term) is caseless


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("10%_\\") == "%10\\%\\_\\\\%"


def test_it_marks_hits_after_escaping() -> None:
    text = "<script>alert('録音')</script> & 録音"
    html = mark(text, find_hits(text, ["録音"]))
    assert "<script>" not in html
    assert html.count("<mark>録音</mark>") == 2
    assert "&lt;script&gt;" in html and "&amp;" in html


def test_it_never_marks_inside_an_entity() -> None:
    text = "A & B < C"
    html = mark(text, find_hits(text.lower(), ["amp", "lt"]))
    assert "<mark>" not in html
    assert html == "A &amp; B &lt; C"


def test_snippets_come_from_different_parts_and_stay_inside_them() -> None:
    body = "件名 録音の件\n\n" + "あ" * 200 + "録音" + "い" * 200 + "\n\n最後に録音"
    bounds = [0, body.index("あ"), body.index("最後")]
    result = snippets(body, ["録音"], bounds=bounds, limit=3)
    assert len(result) == 3
    assert all("<mark>録音</mark>" in s.html for s in result)
    assert result[1].html.startswith("…") and result[1].html.endswith("…")
    assert "最後" not in result[1].html


def test_fast_select_renders_like_djangos_select() -> None:
    from django import forms

    from mamori.widgets import FastSelect

    choices = [("", "All"), ("a&b", "<A & B>"), ("c", "C")]
    fast = FastSelect(choices=choices).render("f", "a&b", {"id": "id_f", "required": True})
    assert fast == (
        '<select name="f" id="id_f" required><option value="">All</option>'
        '<option value="a&amp;b" selected>&lt;A &amp; B&gt;</option>'
        '<option value="c">C</option></select>'
    )
    plain = forms.Select(choices=choices).render("f", "a&b", {"id": "id_f", "required": True})
    assert " ".join(plain.split()).replace("> <", "><") == fast


def test_fast_checkboxes_render_like_djangos_checkboxes() -> None:
    from django import forms

    from mamori.widgets import FastCheckboxSelectMultiple

    choices = [("a&b", "<A & B>"), ("c", "C")]
    for attrs in ({"id": "id_f"}, {"id": "id_f", "class": "x", "required": True}, {}):
        fast = FastCheckboxSelectMultiple(choices=choices).render("f", ["a&b"], dict(attrs))
        plain = forms.CheckboxSelectMultiple(choices=choices).render("f", ["a&b"], dict(attrs))
        assert " ".join(plain.split()).replace("> <", "><") == fast
    assert fast == (
        '<div><div><label><input type="checkbox" name="f" value="a&amp;b" checked>'
        ' &lt;A &amp; B&gt;</label></div><div><label><input type="checkbox" name="f"'
        ' value="c"> C</label></div></div>'
    )
