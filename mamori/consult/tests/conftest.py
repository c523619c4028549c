"""Helpers for the desk's tests: a filled-in report form and the two ways to send it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mamori.conftest import Desk
from mamori.consult.models import SelfReport

PASSPHRASE = "tsuki-no-usagi-42"


def report_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": "派遣先のお客様から「使えない」「辞めてしまえ」と毎日のように怒鳴られています。",
        "happened_when": "11月2日の午後",
        "place": "H製作所 受付",
        "channel": "in_person",
        "customer_company": "H製作所",
        "customer_person": "M課長",
        "wish": "separate",
        "route": "response_team",
        "contact": "090-0000-0000",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submit_signed_in(client: Client, desk: Desk, **overrides: Any) -> SelfReport:
    desk.login(client, desk.reporter)
    response = client.post(reverse("consult:report"), report_form(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return SelfReport.objects.order_by("-id").first()  # type: ignore[return-value]


def submit_public(client: Client, desk: Desk, **overrides: Any) -> tuple[SelfReport, str]:
    """Send a report without signing in; returns it and the key shown once."""
    data = report_form(passphrase=PASSPHRASE, passphrase_confirm=PASSPHRASE, **overrides)
    response = client.post(reverse("consult:public_report", args=[desk.org.slug]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(reverse("consult:submitted"))
    key = page.context["key"]
    assert key
    return SelfReport.objects.order_by("-id").first(), key  # type: ignore[return-value]


@pytest.fixture
def en() -> dict[str, str]:
    """Request headers for English UI text (the Japanese catalogue is merged by the lead)."""
    return {"Accept-Language": "en"}
