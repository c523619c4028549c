from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from mamori.render import InvalidReport, render_case_list_xlsx
from mamori.render._sample import JST

COLUMNS = [
    ("number", "案件番号"),
    ("title", "件名"),
    ("opened", "受付日"),
    ("updated", "最終更新"),
    ("severity", "重要度"),
    ("flags", "注意フラグ"),
    ("closed", "完了"),
]
ROWS: list[dict[str, object]] = [
    {
        "number": "C-2026-0012",
        "title": "派遣先課長からのスタッフ解雇要求（情報セキュリティ）",
        "opened": date(2026, 11, 20),
        "updated": datetime(2026, 11, 21, 18, 30, tzinfo=JST),
        "severity": 3,
        "flags": ["解雇・処罰の要求", "正規窓口の回避"],
        "closed": False,
    },
    {
        "number": "C-2026-0013",
        "title": '=HYPERLINK("http://evil.example","開く")',
        "opened": None,
        "severity": 1,
    },
]


@pytest.fixture
def sheet() -> Worksheet:
    workbook = load_workbook(io.BytesIO(render_case_list_xlsx(ROWS, COLUMNS)))
    ws = workbook.active
    assert isinstance(ws, Worksheet)
    return ws


def test_it_writes_a_header_row_of_labels(sheet: Worksheet) -> None:
    assert [c.value for c in sheet[1]] == [label for _, label in COLUMNS]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.title == "案件一覧"


def test_it_freezes_the_header_and_filters_every_column(sheet: Worksheet) -> None:
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G3"


def test_it_writes_dates_as_real_excel_dates(sheet: Worksheet) -> None:
    opened, updated = sheet["C2"], sheet["D2"]
    assert opened.is_date and opened.value.isoformat() == "2026-11-20T00:00:00"
    assert opened.number_format == "yyyy/mm/dd"
    # Wall time of the aware datetime is kept; Excel has no time zones.
    assert updated.is_date and updated.value.isoformat() == "2026-11-21T18:30:00"
    assert updated.number_format == "yyyy/mm/dd hh:mm"


def test_it_keeps_values_typed_and_joins_lists(sheet: Worksheet) -> None:
    assert sheet["E2"].value == 3
    assert sheet["F2"].value == "解雇・処罰の要求、正規窓口の回避"
    assert sheet["G2"].value is False
    assert sheet["C3"].value is None and sheet["G3"].value is None


def test_it_never_turns_text_into_a_formula(sheet: Worksheet) -> None:
    cell = sheet["B3"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example","開く")'


def test_it_sizes_columns_for_japanese_text(sheet: Worksheet) -> None:
    widths = {
        key: sheet.column_dimensions[letter].width
        for key, letter in zip([k for k, _ in COLUMNS], "ABCDEFG", strict=True)
    }
    # 27 full-width characters count double, capped at 60.
    assert 50 <= widths["title"] <= 60
    assert 6 <= widths["closed"] < 12
    assert widths["updated"] >= 16


def test_it_uses_a_japanese_font(sheet: Worksheet) -> None:
    assert sheet["B2"].font.name == "游ゴシック"
    assert sheet["A1"].font.name == "游ゴシック"


def test_it_needs_at_least_one_column() -> None:
    with pytest.raises(InvalidReport):
        render_case_list_xlsx(ROWS, [])


def test_it_accepts_an_empty_list() -> None:
    workbook = load_workbook(io.BytesIO(render_case_list_xlsx([], COLUMNS)))
    ws = workbook.active
    assert ws is not None and ws.max_row == 1
