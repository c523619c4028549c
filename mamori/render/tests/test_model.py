from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

import pytest

from mamori.render import CaseReport, Entry, EvidenceItem, InvalidReport, Point

BASE: dict[str, Any] = {
    "title": "件名",
    "case_number": "C-1",
    "kind_label": "",
    "status_label": "",
    "severity": 1,
    "report_date": date(2026, 11, 21),
    "author": "佐藤",
    "company_name": "当社",
    "client_name": "H社",
}


def test_it_rejects_a_naive_entry_time() -> None:
    with pytest.raises(InvalidReport) as raised:
        Entry(at=datetime(2026, 11, 20, 9, 0))  # noqa: DTZ001 - the point of the test
    assert raised.value.code == "naive_datetime"
    assert "タイムゾーン" in raised.value.message_ja
    assert "timezone-aware" in raised.value.message_en


def test_it_rejects_a_naive_period() -> None:
    with pytest.raises(InvalidReport):
        CaseReport(**BASE, period_start=datetime(2026, 11, 20))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: Point(text="x", status=cast(Any, "closed")), "invalid_point_status"),
        (lambda: EvidenceItem(name="x", status=cast(Any, "lost")), "invalid_evidence_status"),
        (lambda: CaseReport(**BASE, lang=cast(Any, "fr")), "invalid_lang"),
        (lambda: CaseReport(**BASE, instalment=0), "invalid_instalment"),
    ],
)
def test_it_rejects_values_outside_the_contract(build: Any, code: str) -> None:
    with pytest.raises(InvalidReport) as raised:
        build()
    assert raised.value.code == code


def test_reports_are_immutable() -> None:
    report = CaseReport(**BASE)
    with pytest.raises(AttributeError):
        report.title = "変更"  # type: ignore[misc]
