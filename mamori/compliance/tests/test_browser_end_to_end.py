"""A worker's self-report carried through to a care plan and a decision on measures."""

from __future__ import annotations

from typing import Any

import pytest

from mamori.care.models import CarePlan
from mamori.conftest import PASSWORD, Desk
from mamori.consult.models import SelfReport
from mamori.measures.models import MeasureDecision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Any, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_self_report_to_care_plan_and_decision(desk: Desk, page: Any, live_server: Any) -> None:
    _login(page, live_server, desk.reporter.username)
    page.goto(f"{live_server.url}/consult/report/")
    page.fill(
        "#id_text",
        "店舗で、お客様から「土下座しろ」と1時間近く怒鳴られ、帰らせてもらえませんでした。",
    )
    page.check("#field-wish input[value=separate]")
    page.check("#field-route input[value=response_team]")
    page.click("#send-report")
    page.wait_for_selector("#thread")
    case = SelfReport.objects.get().case

    _login(page, live_server, desk.response.username)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert "カスタマーハラスメント" in page.inner_text("main")
    plan = CarePlan.objects.get(case=case)  # care comes first: opened with the case
    page.goto(f"{live_server.url}/cases/{case.pk}/care/edit/")
    page.check("#id_safety_done")
    page.fill("#id_safety_done_at", "2026-11-20T10:00")
    page.fill("#id_safety_how", "当面は別の売場に配置し、当該顧客の対応は上長が行う。")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/cases/{case.pk}/care/")
    plan.refresh_from_db()
    assert plan.safety_done

    page.goto(f"{live_server.url}/cases/{case.pk}/measures/new/")
    page.select_option("#id_kind", "single_point_of_contact")
    page.fill("#id_reason", "従業員への暴言と長時間の拘束があったため、窓口を上長に一本化する。")
    page.fill("#id_target_name", "当該顧客")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    decision = MeasureDecision.objects.get(case=case)
    assert decision.kind == "single_point_of_contact"
    assert decision.decided_by == desk.response
