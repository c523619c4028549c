"""Japanese era dates (和暦) and instalment numbers (①, 続編② …)."""

from __future__ import annotations

from datetime import date, datetime

from ._errors import InvalidReport

__all__ = ["instalment_label", "to_wareki"]

# Newest first. An era starts on the day of the accession; the day before
# belongs to the previous era (平成31年4月30日 → 令和元年5月1日).
_ERAS: tuple[tuple[str, date], ...] = (
    ("令和", date(2019, 5, 1)),
    ("平成", date(1989, 1, 8)),
)


def to_wareki(value: date) -> str | None:
    """Return ``value`` in the Japanese era calendar, e.g. ``令和8年11月21日``.

    The first year of an era is written 元年, as official documents do.
    Dates before 平成 (1989-01-08) return ``None``: reports never reach back
    that far, and the caller then shows the Western date alone. A ``datetime``
    counts by its own calendar date (no time-zone conversion).
    """
    day = value.date() if isinstance(value, datetime) else value
    for era, start in _ERAS:
        if day >= start:
            year = day.year - start.year + 1
            year_text = "元" if year == 1 else str(year)
            return f"{era}{year_text}年{day.month}月{day.day}日"
    return None


_CIRCLED_MAX = 20  # ① … ⑳ are U+2460 … U+2473; beyond that Unicode has no common set


def instalment_label(number: int, lang: str = "ja") -> str:
    """Label of the ``number``-th instalment of a case report.

    Japanese: ``①`` for the first report, ``続編②`` … ``続編⑳`` for the
    sequels, then ``続編(21)``. English: ``Part 1``, ``Part 2 (continued)``.
    """
    if number < 1:
        raise InvalidReport(
            "invalid_instalment",
            "報告の回数は1以上でなければなりません。",
            "An instalment number must be at least 1.",
        )
    if lang == "en":
        return "Part 1" if number == 1 else f"Part {number} (continued)"
    mark = chr(0x2460 + number - 1) if number <= _CIRCLED_MAX else f"({number})"
    return mark if number == 1 else f"続編{mark}"
