from __future__ import annotations

from typing import Any

import pytest

from mamori.cases import actions as case_actions
from mamori.cases.models import CaseKind, PartyRole
from mamori.conftest import PASSWORD, Desk
from mamori.measures.models import IssuedLetter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_handler_previews_edits_and_issues_a_warning_letter(
    desk: Desk, page: Any, live_server: Any
) -> None:
    case = desk.open_case("M課長からの暴言", kind=CaseKind.CUSTOMER_HARASSMENT)
    case_actions.do_add_party(
        actor=desk.handler, case=case, role=PartyRole.COMPLAINANT, contact=desk.contact
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", desk.handler.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/cases/{case.pk}/measures/letters/warning_letter/")
    assert page.input_value("#id_customer_name") == "M課長"
    page.check("#id_measures_0")
    page.fill("#id_contact_phone", "03-1234-5678")
    page.click("button[value=preview]")
    page.wait_for_selector(".letter-preview .letter-title")
    assert "M課長 様" in page.inner_text(".letter-preview")
    body = page.input_value("#id_body")
    page.fill("#id_body", body.replace("敬具", "敬具\n\n追伸　ご確認ください"))
    with page.expect_download() as download_info:
        page.click("button[value=docx]")
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    assert "追伸　ご確認ください" in IssuedLetter.objects.get().body
