from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from mamori.cases import actions
from mamori.conftest import Desk
from mamori.masking import mask_text
from mamori.orgs.models import ClientContact, Worker


@pytest.mark.parametrize(
    ("text", "leaked"),
    [
        ("担当の佐藤健一さんに連絡", "佐藤"),
        ("電話番号は03-1234-5678です", "1234"),
        ("携帯 ０９０－１２３４－５６７８ まで", "５６７８"),
        ("mail: r.tanaka@example.co.jp", "tanaka"),
        ("〒105-0011 東京都港区芝公園1丁目2-3", "芝公園"),
        ("高橋様から苦情", "高橋"),
        ("派遣スタッフのRさんが対応", "R"),
        ("Ｋ様からお電話", "Ｋ"),
    ],
)
def test_mask_text_removes_personal_data(text: str, leaked: str) -> None:
    assert leaked not in mask_text(text)


def test_mask_text_keeps_ordinary_words_and_dates() -> None:
    text = "お客様と皆様へ。2026-10-14 10:30 に 1,000円 を返金。PCさんと呼ばれる端末。A様式で提出。"
    assert mask_text(text) == text


def _case_with_people(desk: Desk) -> tuple[object, list[str]]:
    worker = Worker.objects.create(organisation=desk.org, name="山口 理沙")
    contact = ClientContact.objects.create(client=desk.client, name="松井 和也", title="課長")
    case = desk.open_case(
        "山口 理沙さんへの松井課長の要求",
        background=["松井課長(090-1111-2222)から山口さんの解雇を求めるメール。"],
        first_entry=actions.EntryInput(
            occurred_at=desk.open_case().opened_at,
            channel="mail",
            participants=["松井 和也", "佐藤"],
            summary="松井課長より「山口さんを辞めさせてくれ」。matsui@h.example.jp",
            quotes=["山口理沙は信用できない"],
        ),
    )
    actions.do_add_party(actor=desk.handler, case=case, role="subject", worker=worker)
    actions.do_add_party(actor=desk.handler, case=case, role="complainant", contact=contact)
    return case, ["山口", "理沙", "松井", "和也", "090-1111-2222", "matsui@"]


def test_masked_report_contains_no_party_name(desk: Desk, client: Client) -> None:
    case, names = _case_with_people(desk)
    desk.login(client, desk.handler)
    for fmt in ("md", "html"):
        url = reverse("reports:case_report", args=[case.pk, 1, fmt])  # type: ignore[attr-defined]
        text = client.get(url, {"masked": "1"}).content.decode()
        for name in names:
            assert name not in text, (fmt, name)
        assert "マスキング" in text
    url = reverse("reports:case_report", args=[case.pk, 1, "pdf"])  # type: ignore[attr-defined]
    pdf = client.get(url, {"masked": "1"}).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for name in names:
        assert name not in text
    plain = client.get(reverse("reports:case_report", args=[case.pk, 1, "md"])).content.decode()  # type: ignore[attr-defined]
    assert "松井" in plain, "unmasked unless asked"


def test_masked_excel_export_contains_no_party_name(desk: Desk, client: Client) -> None:
    _case, names = _case_with_people(desk)
    desk.login(client, desk.handler)
    response = client.get(reverse("reports:case_list_export"), {"status": "all", "masked": "1"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    for name in names:
        assert name not in cells
