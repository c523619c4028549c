from __future__ import annotations

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from mamori.assessments.actions import current_labels, do_correct_labels
from mamori.assessments.models import Assessment, LabelCorrection
from mamori.audit.models import AuditEvent, EventType
from mamori.cases import actions
from mamori.conftest import Desk
from mamori.triage import ENGINE_VERSION

JST = ZoneInfo("Asia/Tokyo")
HARASSMENT = (
    "電話でお客様から「お前は本当に役立たずだ、土下座しろ」と怒鳴られ、"
    "2時間以上電話を切らせてもらえなかった。"
)


def _entry(desk: Desk, summary: str, quotes: list[str] | None = None) -> actions.EntryInput:
    return actions.EntryInput(
        occurred_at=datetime(2026, 11, 5, 15, 0, tzinfo=JST),
        channel="phone",
        summary=summary,
        quotes=quotes or [],
    )


def test_triage_runs_on_intake_and_stores_findings_with_version(desk: Desk) -> None:
    case = desk.open_case("電話での暴言", first_entry=_entry(desk, HARASSMENT))
    assessment = Assessment.objects.get(case=case)
    assert assessment.engine_version == ENGINE_VERSION
    assert assessment.verdict == "customer_harassment"
    assert assessment.categories
    for finding in assessment.findings:
        assert assessment.text[finding["start"] : finding["end"]] == finding["quote"]
    assert AuditEvent.objects.filter(case=case, event_type=EventType.TRIAGED).exists()


def test_triage_runs_on_each_new_entry_and_on_edits(desk: Desk) -> None:
    case = desk.open_case()
    assert Assessment.objects.get(case=case).verdict != "customer_harassment"
    entry = actions.do_add_timeline_entry(
        actor=desk.handler, case=case, entry=_entry(desk, HARASSMENT)
    )
    assert case.assessments.count() == 2
    labels, correction = current_labels(case)
    assert correction is None and labels is not None
    assert labels["verdict"] == "customer_harassment"
    actions.do_update_timeline_entry(
        actor=desk.handler, entry=entry, changes={"summary": "本人から状況を聞いた。"}
    )
    assert case.assessments.count() == 2
    assert Assessment.objects.get(entry=entry).verdict != "customer_harassment"


def test_case_page_highlights_quoted_spans(desk: Desk, client: Client) -> None:
    case = desk.open_case("電話での暴言", first_entry=_entry(desk, HARASSMENT))
    desk.login(client, desk.handler)
    page = client.get(case.get_absolute_url()).content.decode()
    assert '<mark class="label-' in page
    finding = Assessment.objects.get(case=case).findings[0]
    assert finding["explanation"] in page or finding["explanation"].replace("「", "") in page


def test_highlight_escapes_user_text(desk: Desk, client: Client) -> None:
    text = "<script>alert(1)</script> お客様に「バカ野郎」と怒鳴られた。"
    case = desk.open_case("xss", first_entry=_entry(desk, text))
    desk.login(client, desk.handler)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_correction_keeps_who_when_old_and_new(desk: Desk, client: Client) -> None:
    case = desk.open_case("電話での暴言", first_entry=_entry(desk, HARASSMENT))
    desk.login(client, desk.handler)
    response = client.post(
        reverse("cases:labels", args=[case.pk]),
        {
            "verdict": "customer_harassment",
            "demand_validity": "invalid",
            "means": "unacceptable",
            "categories": ["abuse", "excessive_demand", "restraint"],
            "flags": [],
            "topics": ["quality"],
            "note": "録音で確認",
        },
    )
    assert response.status_code == 302
    correction = LabelCorrection.objects.get(case=case)
    assert correction.corrected_by == desk.handler
    assert correction.old["verdict"] == "customer_harassment"
    assert correction.new["categories"] == ["abuse", "excessive_demand", "restraint"]
    assert correction.note == "録音で確認"
    labels, latest = current_labels(case)
    assert latest == correction and labels is not None
    assert labels["topics"] == ["quality"]
    event = AuditEvent.objects.get(case=case, event_type=EventType.TRIAGE_CORRECTED)
    assert event.data["new"]["categories"] == correction.new["categories"]


def test_correction_enforces_the_contract_conventions(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    response = client.post(
        reverse("cases:labels", args=[case.pk]),
        {
            "verdict": "customer_harassment",
            "demand_validity": "valid",
            "means": "acceptable",
            "topics": ["quality"],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "行為の類型を1つ以上選んでください" in page
    assert LabelCorrection.objects.count() == 0
    response = client.post(
        reverse("cases:labels", args=[case.pk]),
        {
            "verdict": "legitimate_complaint",
            "demand_validity": "valid",
            "means": "acceptable",
            "flags": ["dismissal_demand"],
            "topics": ["attendance"],
        },
        follow=True,
    )
    assert "正当な苦情には注意すべき兆候を付けられません" in response.content.decode()
    assert LabelCorrection.objects.count() == 0


def test_corrections_export_as_training_data(desk: Desk) -> None:
    case = desk.open_case("電話での暴言", first_entry=_entry(desk, HARASSMENT))
    desk.open_case("未確認の案件")
    labels = {
        "verdict": "customer_harassment",
        "demand_validity": "invalid",
        "means": "unacceptable",
        "categories": ["abuse"],
        "flags": [],
        "topics": ["other"],
    }
    do_correct_labels(actor=desk.response, case=case, labels=labels, note="確認済み")
    out = io.StringIO()
    call_command("export_corrections", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 1
    assert rows[0]["id"] == case.number
    assert rows[0]["labels"] == labels
    assert "土下座しろ" in rows[0]["text"]
    assert rows[0]["corrected_by"] == desk.response.username


def test_an_undecodable_text_is_skipped_not_fatal(desk: Desk) -> None:
    case = desk.open_case(first_entry=_entry(desk, "x" * 200_001))
    assert case.entries.count() == 1
    assert case.assessments.count() == 0
