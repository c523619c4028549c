"""The case-list export as an Excel workbook (openpyxl)."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ._errors import InvalidReport
from ._text import clean

__all__ = ["render_case_list_xlsx"]

_DATE_FORMAT = "yyyy/mm/dd"
_DATETIME_FORMAT = "yyyy/mm/dd hh:mm"
_MAX_CELL = 32767  # Excel's limit on characters in a cell
_MIN_WIDTH, _MAX_WIDTH = 6, 60
_WIDTH_SAMPLE = 2000  # rows looked at when sizing columns
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})

Cell = str | int | float | Decimal | bool | date | datetime | time | None


def _excel_value(value: object) -> Cell:
    """Turn one row value into something Excel stores natively."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime):
        # Excel has no time zones: keep the wall time the value carries. The
        # web layer converts to the desk's zone (localtime) before exporting.
        return value.replace(tzinfo=None)
    if isinstance(value, date | time):
        return value
    if isinstance(value, str):
        return clean(value)[:_MAX_CELL]
    if isinstance(value, Iterable):
        return clean("、".join(str(v) for v in value))[:_MAX_CELL]
    return clean(str(value))[:_MAX_CELL]


def _display_width(value: Cell) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if value is None:
        return 0
    text = value if isinstance(value, str) else str(value)
    longest = max(text.split("\n"), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def render_case_list_xlsx(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[tuple[str, str]],
    *,
    sheet_title: str = "案件一覧",
    font_name: str = "游ゴシック",
) -> bytes:
    """Export ``rows`` as one sheet with the ``(key, label)`` ``columns``, in order.

    The header row holds the labels, is frozen and carries an autofilter.
    ``date``/``datetime`` values become real Excel dates (aware datetimes keep
    their wall time), sequences are joined with 、, other objects use
    ``str()``. Text is always stored as text: a value such as ``=HYPERLINK(…)``
    never becomes a formula.
    """
    if not columns:
        raise InvalidReport(
            "no_columns", "出力する列がありません。", "At least one column is required."
        )
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new Workbook always has one sheet
    sheet.title = (clean(sheet_title).translate(_SHEET_FORBIDDEN) or "Sheet1")[:31]
    workbook.properties.creator = "Mamori"

    body_font = Font(name=font_name, size=10, charset=128)  # 128 = Shift-JIS: a Japanese face
    head_font = Font(name=font_name, size=10, charset=128, bold=True)
    head_fill = PatternFill(fill_type="solid", fgColor="FFE8E8E8")
    widths = [_display_width(clean(label)) for _, label in columns]

    for col, (_, label) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col)
        cell.value = clean(label)
        cell.data_type = "s"
        cell.font, cell.fill = head_font, head_fill
        cell.alignment = Alignment(vertical="center")

    for r, row in enumerate(rows, start=2):
        for col, (key, _) in enumerate(columns, start=1):
            value = _excel_value(row.get(key))
            cell = sheet.cell(row=r, column=col)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl reads a leading "=" as a formula
                if "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(value, datetime):
                cell.number_format = _DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = _DATE_FORMAT
            cell.font = body_font
            if r - 2 < _WIDTH_SAMPLE:
                widths[col - 1] = max(widths[col - 1], _display_width(value))

    last = get_column_letter(len(columns))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(
            _MAX_WIDTH, max(_MIN_WIDTH, width + 2)
        )
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
