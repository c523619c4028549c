from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from mamori.audit.models import AuditEvent, EventType
from mamori.cases.models import Case
from mamori.conftest import Desk
from mamori.measures.actions import do_decide_measure
from mamori.measures.letters import (
    LANGS,
    LETTER_KINDS,
    PLACEHOLDERS,
    fill,
    layout,
    leftover_placeholders,
    letter_template,
)
from mamori.measures.models import IssuedLetter, MeasureKind, MeasureStatus

SAMPLE = {
    "date": "2026年11月21日",
    "customer_name": "M課長",
    "customer_company": "H製作所",
    "company": "まもりスタッフィング",
    "incident_date": "2026年11月2日",
    "incident_summary": "・電話で一時間にわたり「辞めさせろ」と怒鳴り続けた。{本人の言葉}",
    "measures": "・窓口を一本化します。",
    "contact_name": "担当 K",
    "contact_phone": "03-1234-5678",
}


@pytest.mark.parametrize("kind", LETTER_KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_template_fills_every_placeholder(kind: str, lang: str) -> None:
    template = letter_template(kind, lang)
    text = fill(template, SAMPLE)
    assert leftover_placeholders(text) == []
    assert "{本人の言葉}" in text, "braces in the user's words are kept, not parsed"
    for name in ("customer_name", "contact_phone", "incident_date"):
        assert SAMPLE[name] in text
    assert template.measure_options, "each letter suggests measures"
    lines = layout(text, date_text=SAMPLE["date"], company=SAMPLE["company"], title=template.title)
    assert lines[0].align == "right" and lines[0].text == SAMPLE["date"]
    assert any(line.title and line.align == "center" for line in lines)
    if lang == "ja":
        assert [line.align for line in lines if line.text == "敬具"] == ["right"]
        assert [line.align for line in lines if line.text == "記"] == ["center"]


def test_the_templates_use_only_known_placeholders() -> None:
    for kind in LETTER_KINDS:
        for lang in LANGS:
            body = letter_template(kind, lang).body
            assert set(re.findall(r"\{(\w+)\}", body)) <= set(PLACEHOLDERS)


def _letter_post(desk: Desk, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "lang": "ja",
        "date": "2026年11月21日",
        "customer_company": "H製作所",
        "customer_name": "M課長",
        "company": "まもりスタッフィング",
        "incident_date": "2026年11月2日",
        "incident_summary": "電話で一時間にわたり「辞めさせろ」と怒鳴り続けた。",
        "measures": ["0", "1"],
        "extra_measures": "当社が指定する場所でのみ面談します",
        "contact_name": "担当 K",
        "contact_phone": "03-1234-5678",
        "subject": "通知書（当社従業員に対する言動について）",
        "body": "",
        "action": "docx",
    }
    data.update(overrides)
    return data


def test_the_form_starts_from_the_case(desk: Desk, client: Client, harassment: Case) -> None:
    do_decide_measure(
        actor=desk.handler,
        case=harassment,
        kind=MeasureKind.RECORDED_CALLS_ONLY,
        reason="録音",
        target_name="M課長",
        status=MeasureStatus.IN_EFFECT,
    )
    desk.login(client, desk.handler)
    response = client.get(reverse("measures:letter", args=[harassment.pk, "warning_letter"]))
    form = response.context["form"]
    assert form.initial["customer_name"] == "M課長"
    assert form.initial["customer_company"] == "H製作所"
    assert form.initial["company"] == desk.org.name
    assert form.initial["incident_date"] == "2026年11月2日"
    assert "遅刻が続いている" in form.initial["incident_summary"]
    assert form.initial["measures"] == ["1"], "the measure in effect starts ticked"
    assert form.initial["contact_name"] == str(desk.handler)


def test_it_issues_a_warning_letter_as_word(desk: Desk, client: Client, harassment: Case) -> None:
    desk.login(client, desk.handler)
    url = reverse("measures:letter", args=[harassment.pk, "warning_letter"])
    response = client.post(url, _letter_post(desk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="C-2026-0001-warning_letter-' in response["Content-Disposition"]
    content = response.content
    document = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    for expected in ("M課長 様", "H製作所", "2026年11月2日", "辞めさせろ", "敬具", "以上"):
        assert expected in text
    assert "・本件に関するご連絡窓口を、本書記載の担当者に一本化させていただきます。" in text
    assert "・当社が指定する場所でのみ面談します" in text
    assert "03-1234-5678" in text
    assert not re.search(r"\{\w+\}", text)
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    rfonts = document.styles.element.find(".//{*}rPrDefault//{*}rFonts")
    assert rfonts is not None and "CJK JP" in rfonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    letter = IssuedLetter.objects.get()
    assert letter.sha256 == hashlib.sha256(content).hexdigest()
    assert response["X-Content-SHA256"] == letter.sha256
    event = AuditEvent.objects.get(event_type=EventType.LETTER_ISSUED)
    assert event.data["sha256"] == letter.sha256 and event.case_id == harassment.pk


def test_it_issues_a_suspension_notice_as_pdf(desk: Desk, client: Client, harassment: Case) -> None:
    desk.login(client, desk.handler)
    url = reverse("measures:letter", args=[harassment.pk, "service_suspension"])
    response = client.post(
        url, _letter_post(desk, action="pdf", subject="本件に関するご対応終了のお知らせ")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    squashed = re.sub(r"\s", "", text)
    for expected in ("M課長様", "H製作所", "敬具", "03-1234-5678", "辞めさせろ"):
        assert expected in squashed
    assert not re.search(r"\{\w+\}", text)
    assert IssuedLetter.objects.get().format == "pdf"


def test_preview_fills_the_text_and_the_edit_is_issued(
    desk: Desk, client: Client, harassment: Case
) -> None:
    desk.login(client, desk.handler)
    url = reverse("measures:letter", args=[harassment.pk, "warning_letter"])
    response = client.post(url, _letter_post(desk, action="preview"))
    body = response.context["form"]["body"].value()
    assert "M課長 様" in body and not leftover_placeholders(body)
    assert "M課長 様" in response.content.decode()
    assert not IssuedLetter.objects.exists(), "a preview issues nothing"
    edited = body.replace("敬具", "敬具\n\n追伸　弁護士確認済み")
    response = client.post(url, _letter_post(desk, body=edited))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "追伸　弁護士確認済み" in text
    assert IssuedLetter.objects.get().body == edited


def test_leftover_placeholders_and_missing_phone_are_refused(
    desk: Desk, client: Client, harassment: Case
) -> None:
    desk.login(client, desk.handler)
    url = reverse("measures:letter", args=[harassment.pk, "warning_letter"])
    response = client.post(
        url,
        _letter_post(
            desk, body="{customer_name} 様", contact_phone="", measures=[], extra_measures=""
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The letter still contains placeholders: {customer_name}" in page
    assert "Give the telephone number of our contact person." in page
    assert "Choose or write at least one measure." in page
    assert not IssuedLetter.objects.exists()


def test_an_english_letter(desk: Desk, client: Client, harassment: Case) -> None:
    desk.login(client, desk.handler)
    url = reverse("measures:letter", args=[harassment.pk, "warning_letter"]) + "?lang=en"
    initial = client.get(url).context["form"].initial
    assert initial["date"].endswith("2026") and initial["incident_date"] == "2 November 2026"
    response = client.post(
        url,
        _letter_post(desk, lang="en", customer_name="Mr M", subject="Notice", measures=["0"]),
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Dear Mr M," in text and "Yours sincerely," in text
    assert "- All contact on this matter" in text


def test_letters_need_edit_rights(desk: Desk, client: Client, harassment: Case) -> None:
    url = reverse("measures:letter", args=[harassment.pk, "warning_letter"])
    for persona, status in [("outsider", 404), ("other_handler", 404), ("auditor", 403)]:
        desk.login(client, getattr(desk, persona))
        assert client.post(url, _letter_post(desk)).status_code == status, persona
    desk.login(client, desk.handler)
    bad = reverse("measures:letter", args=[harassment.pk, "love_letter"])
    assert client.get(bad).status_code == 404
    assert not IssuedLetter.objects.exists()
