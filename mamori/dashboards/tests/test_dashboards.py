from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mamori.assessments.actions import do_correct_labels
from mamori.cases import actions
from mamori.cases.models import CaseStatus
from mamori.conftest import Desk
from mamori.dashboards.charts import (
    CHART_SLUGS,
    DashboardFilters,
    build_charts,
    chart_svg,
    percentile,
)
from mamori.orgs.models import ClientCompany
from mamori.search.index import index_case

SVG = "{http://www.w3.org/2000/svg}"
LABELS = {
    "verdict": "customer_harassment",
    "demand_validity": "invalid",
    "means": "unacceptable",
    "categories": ["abuse"],
    "flags": [],
    "topics": ["conduct"],
}


def _month_ago() -> datetime:
    return timezone.now() - timedelta(days=20)


@pytest.fixture
def busy_desk(desk: Desk) -> Desk:
    """Three cases: one harassment with a response and a close, two from a repeat complainant."""
    tricky = ClientCompany.objects.create(organisation=desk.org, name='<script>&"商事"')
    opened = _month_ago()
    first = desk.open_case(
        "土下座要求",
        client=tricky,
        opened_at=opened,
        first_entry=actions.EntryInput(occurred_at=opened, channel="phone", summary="怒鳴られた"),
    )
    actions.do_add_timeline_entry(
        actor=desk.handler,
        case=first,
        entry=actions.EntryInput(
            occurred_at=opened + timedelta(hours=5),
            channel="phone",
            direction="outbound",
            summary="折り返しの電話をした",
        ),
    )
    do_correct_labels(actor=desk.response, case=first, labels=LABELS)
    actions.do_change_status(actor=desk.handler, case=first, status=CaseStatus.CLOSED)
    for case in (first, desk.open_case("遅刻", opened_at=opened), desk.open_case("欠勤")):
        actions.do_add_party(
            actor=desk.handler, case=case, role="complainant", contact=desk.contact
        )
        index_case(case)
    return desk


def _dashboard(client: Client, **params: str) -> str:
    response = client.get(reverse("dashboards:index"), params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_every_chart_renders_valid_accessible_svg_with_data(
    busy_desk: Desk, client: Client
) -> None:
    busy_desk.login(client, busy_desk.response)
    html = _dashboard(client)
    for slug in CHART_SLUGS:
        response = client.get(reverse("dashboards:chart", args=[slug]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        root = ET.fromstring(response.content)  # noqa: S314 - our own output
        assert root.tag == f"{SVG}svg"
        assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
        assert f'id="chart-{slug}"' in html
    assert html.count("<details>") == len(CHART_SLUGS)
    assert "<script>&" not in html
    assert "&lt;script&gt;&amp;&quot;商事&quot;" in html


def test_figures_count_the_right_cases(busy_desk: Desk) -> None:
    charts = {c.slug: c for c in build_charts(busy_desk.response)}
    month = timezone.localtime(_month_ago()).strftime("%Y-%m")
    verdicts = dict((row[0], row[1:]) for row in charts["verdict_by_month"].rows)
    headers = charts["verdict_by_month"].headers
    harassment = headers.index("カスタマーハラスメント") - 1
    assert verdicts[month][harassment] == "1"
    repeat = charts["repeat_customers"].rows
    assert repeat == [["H製作所 M課長", "3"]]
    first_response = {row[0]: row for row in charts["first_response"].rows}
    assert first_response[month][1:3] == ["1", "5"]
    assert not charts["open_by_age"].empty
    assert sum(int(r[1]) for r in charts["open_by_age"].rows) == 2


def test_every_chart_renders_an_empty_state(desk: Desk, client: Client) -> None:
    desk.login(client, desk.response)
    html = _dashboard(client)
    assert html.count("No cases in this period.") >= len(CHART_SLUGS)
    for chart in build_charts(desk.response):
        assert chart.empty
        ET.fromstring(chart.svg)  # noqa: S314 - our own output


def test_outsiders_and_uninvolved_handlers_see_none_of_the_figures(
    busy_desk: Desk, client: Client
) -> None:
    for persona in (busy_desk.other_handler, busy_desk.outsider):
        assert all(c.empty for c in build_charts(persona) if c.slug != "open_by_age")
        busy_desk.login(client, persona)
        html = _dashboard(client)
        assert "H製作所 M課長" not in html
        assert "土下座" not in html
    # The client list of the filter is the organisation's, never another one's.
    assert "商事" not in html


def test_reporters_may_not_open_dashboards(desk: Desk, client: Client) -> None:
    desk.login(client, desk.reporter)
    assert client.get(reverse("dashboards:index")).status_code == 403


def test_it_filters_by_client_and_period(busy_desk: Desk) -> None:
    tricky = ClientCompany.objects.get(name__startswith="<script>")
    today = timezone.localdate()
    only_client = DashboardFilters(start=today - timedelta(days=60), end=today, client=tricky)
    charts = {c.slug: c for c in build_charts(busy_desk.response, only_client)}
    assert [row[1] for row in charts["by_client"].rows] == ["1"]
    long_ago = DashboardFilters(start=date(2020, 1, 1), end=date(2020, 3, 31))
    assert all(
        c.empty for c in build_charts(busy_desk.response, long_ago) if c.slug != "open_by_age"
    )


def test_it_rejects_a_bad_period(desk: Desk, client: Client) -> None:
    desk.login(client, desk.response)
    html = _dashboard(client, start="2026-05-01", end="2026-01-01")
    assert "The start date must not be after the end date." in html
    html = _dashboard(client, start="2020-01-01", end="2026-01-01")
    assert "at most three years" in html
    assert client.get(reverse("dashboards:chart", args=["nope"])).status_code == 404


def test_chart_svg_returns_one_chart_for_reports(busy_desk: Desk) -> None:
    svg = chart_svg(busy_desk.response, "by_client")
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    title = root.find(f"{SVG}title")
    assert title is not None and title.text
    with pytest.raises(KeyError):
        chart_svg(busy_desk.response, "nope")


def test_figures_follow_changes(busy_desk: Desk) -> None:
    before = {c.slug: c for c in build_charts(busy_desk.response)}["by_client"].rows
    busy_desk.open_case(
        "新件", client=ClientCompany.objects.create(organisation=busy_desk.org, name="N社")
    )
    index_case(busy_desk.org.cases.get(title="新件"))
    after = {c.slug: c for c in build_charts(busy_desk.response)}["by_client"].rows
    assert ["N社", "1"] in after and ["N社", "1"] not in before


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [([], 0.5, None), ([4.0], 0.9, 4.0), ([1, 2, 3, 4], 0.5, 2.5), ([0, 10], 0.9, 9.0)],
)
def test_percentile(values: list[float], fraction: float, expected: float | None) -> None:
    assert percentile(values, fraction) == expected


def test_open_harassment_cases_are_counted_by_sla_state(desk: Desk) -> None:
    pytest.importorskip("mamori.notify.sla")
    desk.open_case("暴言", kind="customer_harassment", severity=5, opened_at=_month_ago())
    chart = {c.slug: c for c in build_charts(desk.response)}["open_by_sla"]
    assert not chart.empty
    assert sum(int(row[1]) for row in chart.rows) == 1
    ET.fromstring(chart.svg)  # noqa: S314 - our own output
