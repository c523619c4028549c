from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mamori.conftest import Desk
from mamori.policy.models import PolicyVersion


def test_it_needs_a_login(desk: Desk, client: Client, published: PolicyVersion) -> None:
    response = client.get(reverse("policy:internal"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["reporter", "handler", "manager", "response", "hr", "auditor"])
def test_every_member_of_staff_reads_it(
    desk: Desk, client: Client, published: PolicyVersion, persona: str
) -> None:
    desk.login(client, getattr(desk, persona))
    response = client.get(reverse("policy:internal"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Our Policy on Customer Harassment" in page
    assert "I have read and understood this policy" in page


def test_clauses_show_their_triage_categories_as_chips(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    desk.login(client, desk.handler)
    page = client.get(reverse("policy:internal")).content.decode()
    assert '<li class="tag cat label-violence">暴力・暴行</li>' in page
    assert '<li class="tag cat label-privacy">プライバシー侵害・晒し</li>' in page


def test_it_says_so_when_nothing_is_published(
    desk: Desk, client: Client, draft: PolicyVersion
) -> None:
    desk.login(client, desk.handler)
    response = client.get(reverse("policy:internal"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "has not published its customer-harassment policy yet" in page
    assert "I have read and understood" not in page
