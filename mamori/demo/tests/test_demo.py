from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from mamori.audit.chain import verify_chain
from mamori.cases.models import Case, CaseKind
from mamori.demo.loader import DEMO_PASSWORD


@pytest.mark.django_db
def test_demo_loads_both_scenarios_and_more(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo", "--no-migrate")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    cases = Case.objects.all()
    assert cases.count() >= 20
    assert {c.kind for c in cases} == set(CaseKind.values)
    security = cases.get(title__contains="解雇要求")
    assert security.entries.values("instalment").distinct().count() >= 3
    assert security.entries.count() >= 12
    assert security.parties.filter(role="subject", worker__isnull=False).exists()
    assert cases.filter(kind=CaseKind.CUSTOMER_HARASSMENT, entries__isnull=False).exists()
    assert verify_chain().ok
    call_command("demo", "--no-migrate")
    assert "already loaded" in capsys.readouterr().out
    assert Case.objects.count() == cases.count()


@pytest.mark.django_db
def test_demo_login_reaches_the_scenario_case(client: Client) -> None:
    call_command("demo", "--no-migrate")
    response = client.post(reverse("login"), {"username": "sato", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    security = Case.objects.get(title__contains="解雇要求")
    page = client.get(reverse("cases:detail", args=[security.pk])).content.decode()
    assert "解雇" in page
    assert "続編" in page
