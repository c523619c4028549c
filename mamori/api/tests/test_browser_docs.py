from __future__ import annotations

from typing import Any

import pytest

from mamori.conftest import Desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_offline_under_the_csp(desk: Desk, page: Any, live_server: Any) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".info .title:has-text('Mamori API')")
    # Swagger UI breaks long paths with <wbr>; the attribute holds the whole path.
    page.wait_for_selector("[data-path='/api/triage']")
    assert outside == [], "the docs load nothing from outside"
    assert not [p for p in problems if "Content Security Policy" in p], problems
