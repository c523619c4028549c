from __future__ import annotations

import io

from django.test import Client
from django.urls import reverse
from docx import Document

from mamori.audit.models import AuditEvent, EventType
from mamori.cases.models import Case
from mamori.conftest import Desk
from mamori.measures.models import CooperationRequest, CooperationStatus


def test_a_cooperation_request_round_trip(desk: Desk, client: Client, harassment: Case) -> None:
    desk.login(client, desk.handler)
    response = client.post(
        reverse("measures:cooperation_add", args=[harassment.pk]),
        {
            "direction": "sent",
            "counterpart_company": desk.client.pk,
            "contact_person": "総務部 S様",
            "requested_at": "2026-11-04T10:00",
            "request": "M課長への事実確認と、入退室記録のご提供をお願いしたい。",
        },
    )
    assert response.status_code == 302
    row = CooperationRequest.objects.get()
    assert row.status == CooperationStatus.WAITING
    answer_url = reverse("measures:cooperation_answer", args=[harassment.pk, row.pk])
    response = client.post(
        answer_url,
        {
            "status": "answered",
            "answer": "総務部で聴取し、結果を共有いただけるとのこと。",
            "answered_at": "2026-11-06T16:00",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == CooperationStatus.ANSWERED
    assert row.answer.startswith("総務部で聴取し")
    events = AuditEvent.objects.filter(event_type=EventType.COOPERATION_RECORDED)
    assert [e.data["new"]["status"] for e in events] == ["waiting", "answered"]
    page = client.get(reverse("measures:overview", args=[harassment.pk])).content.decode()
    assert "入退室記録のご提供" in page and "結果を共有いただける" in page
    assert client.get(answer_url).status_code == 302, "an answered request takes no second answer"


def test_a_received_request_names_a_free_company(
    desk: Desk, client: Client, harassment: Case
) -> None:
    desk.login(client, desk.handler)
    url = reverse("measures:cooperation_add", args=[harassment.pk])
    data = {
        "direction": "received",
        "counterpart_name": "",
        "requested_at": "2026-11-04T10:00",
        "request": "当社社員への聴取にご協力ください。",
    }
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert "Choose the client company or type the other company" in response.content.decode()
    client.post(url, {**data, "counterpart_name": "協力会社 B"})
    assert CooperationRequest.objects.get().counterpart_label == "協力会社 B"


def test_an_answer_needs_its_content(desk: Desk, client: Client, harassment: Case) -> None:
    from mamori.measures.actions import do_record_cooperation_request

    row = do_record_cooperation_request(
        actor=desk.handler,
        case=harassment,
        direction="sent",
        request="聴取のお願い",
        counterpart_company=desk.client,
    )
    desk.login(client, desk.handler)
    url = reverse("measures:cooperation_answer", args=[harassment.pk, row.pk])
    response = client.post(
        url,
        {"status": "answered", "answer": "", "answered_at": "2026-11-06T16:00"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Write what the answer was." in response.content.decode()
    client.post(url, {"status": "withdrawn", "answer": "", "answered_at": "2026-11-06T16:00"})
    row.refresh_from_db()
    assert row.status == CooperationStatus.WITHDRAWN


def test_a_cooperation_letter_is_recorded_as_a_request_sent(
    desk: Desk, client: Client, harassment: Case
) -> None:
    desk.login(client, desk.handler)
    response = client.post(
        reverse("measures:letter", args=[harassment.pk, "cooperation_request"]),
        {
            "lang": "ja",
            "date": "2026年11月21日",
            "customer_company": "H製作所",
            "customer_name": "総務部長 S",
            "company": "まもりスタッフィング",
            "incident_date": "2026年11月2日",
            "incident_summary": "貴社ご所属の方から当社スタッフへの暴言がありました。",
            "measures": ["0"],
            "contact_name": "担当 K",
            "contact_phone": "03-1234-5678",
            "subject": "事実関係の確認へのご協力のお願い",
            "record_cooperation": "on",
            "action": "docx",
        },
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "総務部長 S 様" in text and "改正労働施策総合推進法" in text
    row = CooperationRequest.objects.get()
    assert row.counterpart_company == desk.client
    assert row.contact_person == "総務部長 S"
    assert row.letter is not None and row.letter.kind == "cooperation_request"


def test_outsiders_see_no_cooperation(desk: Desk, client: Client, harassment: Case) -> None:
    desk.login(client, desk.outsider)
    assert client.get(reverse("measures:cooperation_add", args=[harassment.pk])).status_code == 404
