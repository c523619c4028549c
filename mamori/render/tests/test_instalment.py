from __future__ import annotations

import pytest

from mamori.render import InvalidReport, instalment_label, render_html, render_markdown
from mamori.render._sample import sample_report


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "①"),
        (2, "続編②"),
        (3, "続編③"),
        (10, "続編⑩"),
        (20, "続編⑳"),
        (21, "続編(21)"),
        (135, "続編(135)"),
    ],
)
def test_it_numbers_instalments_in_japanese(number: int, expected: str) -> None:
    assert instalment_label(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"), [(1, "Part 1"), (2, "Part 2 (continued)"), (21, "Part 21 (continued)")]
)
def test_it_numbers_instalments_in_english(number: int, expected: str) -> None:
    assert instalment_label(number, "en") == expected


@pytest.mark.parametrize("number", [0, -1])
def test_it_rejects_instalments_below_one(number: int) -> None:
    with pytest.raises(InvalidReport) as raised:
        instalment_label(number)
    assert raised.value.code == "invalid_instalment"
    with pytest.raises(InvalidReport):
        sample_report(instalment=number)


def test_it_titles_the_report_with_its_instalment_and_lists_the_earlier_ones() -> None:
    report = sample_report(instalment=3)
    html = render_html(report)
    assert "続編③</span></h1>" in html
    assert "C-2026-0012（続編③）" in html
    assert '<a href="/cases/12/reports/1/">① ' in html
    assert '<a href="/cases/12/reports/2/">続編② ' in html
    markdown = render_markdown(report)
    assert markdown.startswith("# 派遣先課長からのスタッフ解雇要求（情報セキュリティ） 続編③\n")
    assert "[続編②](</cases/12/reports/2/>)" in markdown
