from __future__ import annotations

from typing import Any

import pytest

from mamori.conftest import PASSWORD, Desk
from mamori.consult.models import SelfReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "派遣先の受付で、お客様から「お前じゃ話にならない」と30分以上怒鳴られました。"


def _login(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_worker_reports_and_the_response_team_answers(
    desk: Desk, page: Any, live_server: Any
) -> None:
    _login(page, live_server, desk.reporter.username)
    page.goto(f"{live_server.url}/consult/report/")
    assert page.locator(".consult-promise").is_visible()
    page.fill("#id_text", TEXT)
    page.fill("#id_happened_when", "昨日の15時ごろ")
    page.fill("#id_customer_company", "H製作所")
    page.check("#field-wish input[value=separate]")
    page.check("#field-route input[value=response_team]")
    page.check("#id_anonymous")
    page.click("#send-report")
    page.wait_for_selector("#thread")
    report = SelfReport.objects.get()
    assert page.url == f"{live_server.url}/consult/mine/{report.pk}/"
    assert report.anonymous and report.case.owner == desk.response

    page.context.clear_cookies()
    _login(page, live_server, desk.response.username)
    page.goto(f"{live_server.url}/consult/reports/")
    page.click(f"#reports a:has-text('{report.case.number}')")
    page.wait_for_selector("#report")
    assert TEXT in page.inner_text("#report")
    assert page.locator("#show-identity").is_visible()
    page.fill("#id_body", "ご報告ありがとうございます。本日中にお電話してもよろしいですか。")
    page.click("#send-message")
    page.wait_for_selector(".consult-message.side-desk")

    page.context.clear_cookies()
    _login(page, live_server, desk.reporter.username)
    page.goto(f"{live_server.url}/consult/mine/{report.pk}/")
    assert "本日中にお電話" in page.inner_text("#thread")
