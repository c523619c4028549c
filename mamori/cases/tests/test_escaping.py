from __future__ import annotations

from django.test import Client
from django.urls import reverse

from mamori.assessments.actions import do_correct_labels
from mamori.cases import actions
from mamori.conftest import Desk

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>「お前は無能だ」'


def test_script_bearing_japanese_text_is_escaped_in_every_field(desk: Desk, client: Client) -> None:
    case = desk.open_case(
        EVIL,
        background=[EVIL],
        first_entry=actions.EntryInput(
            occurred_at=desk.open_case().opened_at,
            channel="phone",
            participants=[EVIL],
            summary=EVIL,
            quotes=[EVIL],
        ),
    )
    actions.do_add_task(actor=desk.handler, case=case, title=EVIL)
    actions.do_add_party(actor=desk.handler, case=case, role="witness", name=EVIL, note=EVIL)
    actions.do_attach_evidence(
        actor=desk.handler,
        case=case,
        file=actions.FileInput(name=EVIL + ".txt", content=b"plain text", description=EVIL),
    )
    do_correct_labels(
        actor=desk.handler,
        case=case,
        labels={
            "verdict": "needs_review",
            "demand_validity": "unclear",
            "means": "unclear",
            "categories": [],
            "flags": [],
            "topics": ["other"],
        },
        note=EVIL,
    )
    desk.login(client, desk.handler)
    pages = [
        client.get(case.get_absolute_url()),
        client.get(reverse("cases:list"), {"q": "alert"}),
        client.get(reverse("cases:mine")),
        client.get(reverse("cases:edit", args=[case.pk])),
        client.get(reverse("reports:case_report", args=[case.pk, 1, "html"])),
    ]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "<script>alert" not in html, response.request["PATH_INFO"]
        assert "<img src=x" not in html
    detail = pages[0].content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in detail
