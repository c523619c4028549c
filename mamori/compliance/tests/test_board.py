from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from mamori.care.actions import do_record_interview, do_update_care_plan, ensure_care_plan
from mamori.cases import actions
from mamori.cases.models import Case, CaseKind
from mamori.compliance.board import MISSING, OK, PARTIAL, build_board
from mamori.conftest import Desk
from mamori.measures.actions import do_decide_measure
from mamori.policy.actions import do_acknowledge, do_publish, do_start_policy

JST = ZoneInfo("Asia/Tokyo")


def _rows(desk: Desk) -> dict[str, str]:
    return {row.key: row.status for row in build_board(desk.org).rows}


def _harassment(desk: Desk, when: datetime) -> Case:
    return desk.open_case(
        "受付での暴言",
        kind=CaseKind.CUSTOMER_HARASSMENT,
        opened_at=when,
        first_entry=actions.EntryInput(
            occurred_at=when, channel="phone", summary="お客様から「バカ野郎」と怒鳴られた。"
        ),
    )


def test_an_empty_desk_shows_what_is_missing(desk: Desk) -> None:
    rows = _rows(desk)
    assert rows["policy"] == MISSING
    assert rows["desk"] == PARTIAL, "a response team exists but nobody has an e-mail address"
    assert rows["no_adverse_treatment"] == MISSING
    assert rows["response"] == rows["facts"] == rows["care"] == rows["deterrence"] == OK


def test_figures_come_from_the_data(desk: Desk) -> None:
    version = do_publish(actor=desk.hr, version=do_start_policy(actor=desk.hr))
    users = [
        desk.reporter,
        desk.handler,
        desk.other_handler,
        desk.manager,
        desk.response,
        desk.hr,
        desk.auditor,
    ]
    for user in users[:5]:
        do_acknowledge(actor=user, version=version)
    desk.response.email = "response@example.jp"
    desk.response.save(update_fields=["email"])
    now = datetime.now(tz=JST)
    handled = _harassment(desk, now - timedelta(days=3))
    actions.do_add_timeline_entry(
        actor=desk.response,
        case=handled,
        entry=actions.EntryInput(
            occurred_at=now - timedelta(days=3) + timedelta(hours=1),
            channel="phone",
            direction="outbound",
            summary="本人に連絡し、状況を聞いた。",
        ),
    )
    for side in ("customer", "worker"):
        do_record_interview(
            actor=desk.response,
            case=handled,
            side=side,
            held_at=now,
            channel="meeting",
            summary="聴き取り",
            interviewee_name="X",
        )
    plan = ensure_care_plan(actor=desk.response, case=handled)
    assert plan is not None
    do_update_care_plan(actor=desk.response, plan=plan, changes={"safety_done": True})
    do_decide_measure(
        actor=desk.response,
        case=handled,
        kind="warning",
        reason="暴言が続いたため",
        target_name="X様",
    )
    _harassment(desk, now - timedelta(days=10))  # untouched: late, no facts, no care

    board = build_board(desk.org)
    rows = {row.key: row for row in board.rows}
    assert board.harassment_cases == 2
    assert rows["policy"].status == PARTIAL, "5 of 7 (71 %) is under the 80 % target"
    assert "5" in rows["policy"].figures and "7" in rows["policy"].figures
    assert rows["desk"].status == OK
    assert rows["response"].figures.startswith("1/2")
    assert rows["facts"].figures.startswith("1/2") and rows["facts"].status == PARTIAL
    assert rows["care"].figures.startswith("1/2")
    assert rows["deterrence"].status == OK
    assert rows["no_adverse_treatment"].status == OK


def test_only_hr_response_team_and_auditors_see_the_board(desk: Desk, client: Client) -> None:
    for persona, status in [
        ("handler", 403),
        ("manager", 403),
        ("hr", 200),
        ("response", 200),
        ("auditor", 200),
    ]:
        desk.login(client, getattr(desk, persona))
        assert client.get(reverse("compliance:board")).status_code == status, persona


@pytest.mark.django_db
def test_board_exports_as_pdf(desk: Desk, client: Client) -> None:
    do_publish(actor=desk.hr, version=do_start_policy(actor=desk.hr))
    desk.login(client, desk.auditor)
    response = client.get(reverse("compliance:board_pdf"))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert desk.org.name in text
