from __future__ import annotations

import xml.etree.ElementTree as ET

from mamori.dashboards import svg


def test_charts_are_valid_xml_and_escape_every_label() -> None:
    evil = '<b>"A&B"</b>'
    charts = [
        svg.stacked_bars("s", evil, evil, [evil, "2026-02"], [svg.Series(evil, [1, 2])]),
        svg.horizontal_bars("h", evil, evil, [(evil, 3.0)]),
        svg.lines("l", evil, evil, [evil, "b", "c"], [svg.Series(evil, [1.0, None, 2.0])], "h"),
        svg.empty("e", evil, evil, evil),
    ]
    for chart in charts:
        root = ET.fromstring(chart)  # noqa: S314 - our own output
        assert "<b>" not in chart
        assert root.get("aria-labelledby")


def test_nice_max_rounds_up_to_a_readable_scale() -> None:
    assert [svg.nice_max(v) for v in (0, 1, 3, 7, 11, 180, 2001)] == [1, 1, 5, 10, 20, 200, 5000]


def test_gaps_split_lines() -> None:
    chart = svg.lines("l", "t", "d", ["a", "b", "c", "d"], [svg.Series("s", [1, None, 2, 3])])
    assert chart.count("<polyline") == 1  # the lone first point draws no line
    assert chart.count("<circle") == 3
