from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from mamori.care.actions import ensure_care_plan
from mamori.care.models import CareNote
from mamori.cases.models import CaseKind
from mamori.conftest import PASSWORD, Desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_response_team_plans_a_check_in_and_writes_a_note(
    desk: Desk, page: Any, live_server: Any
) -> None:
    case = desk.open_case("M課長からの暴言", kind=CaseKind.CUSTOMER_HARASSMENT)
    plan = ensure_care_plan(actor=desk.handler, case=case)
    assert plan is not None
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", desk.response.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/cases/{case.pk}/care/")
    page.fill("#id_due", timezone.localdate().isoformat())
    page.click("#check-ins form.care-inline-form button[type=submit]")
    page.wait_for_selector("#check-ins tr.due-today")
    page.fill("#check-ins textarea[name=outcome]", "落ち着いて勤務できている")
    page.click("#check-ins form.care-done-form button[type=submit]")
    page.wait_for_selector("#check-ins tr.done")
    assert "落ち着いて勤務できている" in page.inner_text("#check-ins")

    page.goto(f"{live_server.url}/cases/{case.pk}/care/notes/")
    page.fill("#id_body", "本人から、夜眠れないとの話があった。")
    page.click("main form button[type=submit]")
    page.wait_for_selector("ol.care-notes li[id^=note-]")
    assert "夜眠れない" in page.inner_text("ol.care-notes")
    assert CareNote.objects.get().author == desk.response
