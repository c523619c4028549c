from __future__ import annotations

from datetime import date, datetime

import pytest

from mamori.render import to_wareki
from mamori.render._sample import JST
from mamori.render._text import fmt_date, fmt_datetime


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 21), "令和8年11月21日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 12, 31), "令和元年12月31日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 12, 31), "平成元年12月31日"),
        (date(1990, 1, 1), "平成2年1月1日"),
        (date(2000, 2, 29), "平成12年2月29日"),
        (date(1989, 1, 7), None),
        (date(1970, 1, 1), None),
    ],
)
def test_it_converts_to_the_era_calendar(day: date, expected: str | None) -> None:
    assert to_wareki(day) == expected


def test_it_takes_a_datetime_by_its_own_calendar_day() -> None:
    # 23:30 JST on 30 April 2019 is still 平成, whatever UTC says.
    assert to_wareki(datetime(2019, 4, 30, 23, 30, tzinfo=JST)) == "平成31年4月30日"


@pytest.mark.parametrize(
    ("lang", "wareki", "expected"),
    [
        ("ja", False, "2026年11月21日(土)"),
        ("ja", True, "2026年11月21日(土)（令和8年11月21日）"),
        ("en", False, "2026-11-21 (Sat)"),
        ("en", True, "2026-11-21 (Sat) [令和8年11月21日]"),
    ],
)
def test_it_formats_report_dates(lang: str, wareki: bool, expected: str) -> None:
    assert fmt_date(date(2026, 11, 21), lang, wareki) == expected


def test_it_leaves_out_the_era_before_heisei() -> None:
    assert fmt_date(date(1988, 5, 3), "ja", True) == "1988年5月3日(火)"


def test_it_puts_the_time_before_the_era_part() -> None:
    at = datetime(2026, 11, 20, 14, 5, tzinfo=JST)
    assert fmt_datetime(at, "ja", True) == "2026年11月20日(金) 14:05（令和8年11月20日）"
