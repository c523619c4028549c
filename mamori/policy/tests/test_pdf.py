from __future__ import annotations

import io

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from mamori.conftest import Desk
from mamori.policy.models import PolicyVersion


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_holds_the_policy_in_japanese(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    desk.login(client, desk.handler)
    response = client.get(reverse("policy:version_pdf", args=[1]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="policy-mamori-v1-ja.pdf"' in response["Content-Disposition"]
    text = _text(response.content)
    assert "カスタマーハラスメントに対する行動指針" in text
    assert "まもりスタッフィング" in text
    assert "お客様へのお願い" in text
    assert len(PdfReader(io.BytesIO(response.content)).pages) > 1


def test_the_pdf_of_a_draft_says_it_is_a_draft(
    desk: Desk, client: Client, draft: PolicyVersion
) -> None:
    desk.login(client, desk.hr)
    response = client.get(reverse("policy:version_pdf", args=[1]), {"lang": "en"})
    assert response.status_code == 200
    text = _text(response.content)
    assert "Our Policy on Customer Harassment" in text
    assert "DRAFT" in text
