from __future__ import annotations

from typing import Any

import pytest

from mamori.cases.models import Case
from mamori.conftest import PASSWORD, Desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rep_opens_case_adds_call_and_task(desk: Desk, page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", desk.handler.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.click("text=新規案件")
    page.select_option("#id_kind", "client_complaint")
    page.select_option("#id_client", str(desk.client.pk))
    page.fill(
        "#id_text",
        "H製作所 M課長よりメール\nRさんがセキュリティ事故を起こしました。解雇してください。",
    )
    page.click("text=案件を登録")
    page.wait_for_selector("h1:has-text('H製作所 M課長よりメール')")
    case = Case.objects.get()

    page.click("summary:has-text('対応経緯を追加')")
    page.fill("#id_occurred_at", "2026-11-03T10:15")
    page.select_option("#id_channel", "phone")
    page.select_option("#id_direction", "outbound")
    page.fill("#id_summary", "Rさんに電話。最近困っていることはないか確認した。")
    page.fill("#id_quotes", "特に変わったことはありません")
    page.click("button:has-text('追加する')")
    page.wait_for_selector("text=対応経緯を追加しました。")

    page.fill("#tasks #id_title", "総務部へ合意ルートでの報告を依頼")
    page.fill("#tasks #id_due", "2026-11-25")
    page.click("button:has-text('タスクを追加')")
    page.wait_for_selector("text=タスクを追加しました。")

    timeline = page.inner_text("#timeline")
    assert "Rさんに電話" in timeline
    assert "特に変わったことはありません" in timeline
    assert "電話" in timeline
    assert "総務部へ合意ルートでの報告を依頼" in page.inner_text("#tasks")
    assert case.entries.count() == 2
    assert case.tasks.get().title == "総務部へ合意ルートでの報告を依頼"
