from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from mamori.audit.models import AuditEvent, EventType
from mamori.cases import actions
from mamori.cases.models import Case
from mamori.conftest import Desk
from mamori.reports.models import IssuedReport


def _case_with_two_instalments(desk: Desk) -> Case:
    case = desk.open_case(
        "派遣先H製作所 M課長からのR氏解雇要求",
        background=["Rさんは派遣就業2年目のベテラン。", "指揮命令者が3か月前に交代した。"],
    )
    actions.do_add_timeline_entry(
        actor=desk.handler,
        case=case,
        entry=actions.EntryInput(
            occurred_at=case.opened_at,
            channel="meeting",
            summary="M課長と面談。共有フォルダからのコピーのログを提示された。",
            quotes=["総務には言っていない。御社との間で穏便に済ませたい"],
        ),
    )
    actions.do_start_next_instalment(actor=desk.handler, case=case)
    actions.do_add_timeline_entry(
        actor=desk.handler,
        case=case,
        entry=actions.EntryInput(
            occurred_at=case.opened_at, channel="phone", summary="総務部へ合意ルートで報告。"
        ),
    )
    actions.do_add_task(actor=desk.handler, case=case, title="四者協議の日程調整")
    return case


def _text(fmt: str, content: bytes) -> str:
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if fmt == "docx":
        document = Document(io.BytesIO(content))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    return content.decode("utf-8")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "html"])
def test_each_format_has_the_sections_and_the_facts(desk: Desk, client: Client, fmt: str) -> None:
    case = _case_with_two_instalments(desk)
    desk.login(client, desk.handler)
    response = client.get(reverse("reports:case_report", args=[case.pk, 1, fmt]))
    assert response.status_code == 200
    text = _text(fmt, response.content)
    for heading in ("クレーム経緯", "対応のポイント", "対応経緯", "次のアクション"):
        assert heading in text, heading
    assert "Rさんは派遣就業2年目のベテラン。" in text
    assert "穏便に済ませたい" in text
    assert "総務部へ合意ルートで報告" not in text, "instalment 2 is not in report ①"
    assert "四者協議の日程調整" in text
    record = IssuedReport.objects.get()
    assert record.sha256 == hashlib.sha256(response.content).hexdigest()
    assert AuditEvent.objects.filter(event_type=EventType.REPORT_ISSUED, case=case).exists()


def test_second_instalment_links_back(desk: Desk, client: Client) -> None:
    case = _case_with_two_instalments(desk)
    desk.login(client, desk.handler)
    text = client.get(reverse("reports:case_report", args=[case.pk, 2, "md"])).content.decode()
    assert "続編②" in text
    assert "総務部へ合意ルートで報告" in text
    assert "穏便に済ませたい" not in text
    assert "①" in text


def test_report_of_hidden_case_is_404(desk: Desk, client: Client) -> None:
    case = _case_with_two_instalments(desk)
    desk.login(client, desk.outsider)
    assert client.get(reverse("reports:case_report", args=[case.pk, 1, "pdf"])).status_code == 404
    assert client.get(reverse("reports:case_bundle", args=[case.pk])).status_code == 404
    desk.login(client, desk.handler)
    assert client.get(reverse("reports:case_report", args=[case.pk, 9, "pdf"])).status_code == 404
    assert client.get(reverse("reports:case_report", args=[case.pk, 1, "exe"])).status_code == 404


def test_bundle_manifest_hashes_verify(desk: Desk, client: Client) -> None:
    case = _case_with_two_instalments(desk)
    log = b"2026-10-13 18:02 copy \\\\share\\customers.xlsx -> C:\\Users\\r\\"
    actions.do_attach_evidence(
        actor=desk.handler,
        case=case,
        file=actions.FileInput(name="アクセスログ.txt", content=log, content_type="text/plain"),
    )
    desk.login(client, desk.handler)
    response = client.get(reverse("reports:case_bundle", args=[case.pk]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    assert [f["name"] for f in manifest["files"]] == ["アクセスログ.txt"]
    assert manifest["files"][0]["added_by"] == str(desk.handler)
    for entry in manifest["files"] + manifest["reports"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    assert len(manifest["reports"]) == 2
    sums = archive.read("SHA256SUMS").decode().splitlines()
    for line in sums:
        digest, path = line.split("  ", 1)
        assert hashlib.sha256(archive.read(path)).hexdigest() == digest


def test_bundle_refuses_a_tampered_file(desk: Desk, client: Client) -> None:
    case = _case_with_two_instalments(desk)
    evidence = actions.do_attach_evidence(
        actor=desk.handler,
        case=case,
        file=actions.FileInput(name="log.txt", content=b"original", content_type="text/plain"),
    )
    Path(evidence.file.path).write_bytes(b"altered")
    from mamori.reports.actions import IntegrityError, do_issue_bundle
    from mamori.reports.build import ReportOptions

    with pytest.raises(IntegrityError):
        do_issue_bundle(actor=desk.handler, case=case, options=ReportOptions())


def test_case_list_exports_to_excel(desk: Desk, client: Client) -> None:
    from openpyxl import load_workbook

    case = _case_with_two_instalments(desk)
    case.custom_fields = {"契約番号": "K-123"}
    case.save(update_fields=["custom_fields"])
    desk.open_case("別案件", actor=desk.other_handler)
    desk.login(client, desk.handler)
    response = client.get(reverse("reports:case_list_export"), {"status": "all"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert "案件番号" in rows[0] and "契約番号" in rows[0]
    numbers = [row[0] for row in rows[1:]]
    assert numbers == [case.number], "only cases the user may see"
    assert "K-123" in rows[1]


def test_report_and_bundle_commands(desk: Desk, tmp_path: Path) -> None:
    case = _case_with_two_instalments(desk)
    out = tmp_path / "r.pdf"
    call_command("report", case.number, "--format", "pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    zip_path = tmp_path / "b.zip"
    call_command("bundle", str(case.pk), "-o", str(zip_path))
    assert "manifest.json" in zipfile.ZipFile(zip_path).namelist()


@pytest.mark.django_db
def test_scenarios_produce_complete_reports_from_demo_data(tmp_path: Path) -> None:
    from mamori.demo.loader import load_demo

    load_demo()
    security = Case.objects.get(title__contains="解雇要求")
    for number in (1, 2, 3):
        out = tmp_path / f"s{number}.pdf"
        call_command(
            "report",
            security.number,
            "--format",
            "pdf",
            "--instalment",
            str(number),
            "-o",
            str(out),
        )
        text = _text("pdf", out.read_bytes())
        assert "対応経緯" in text and security.number in text
    first = _text("pdf", (tmp_path / "s1.pdf").read_bytes())
    assert "解雇" in first
    assert "派遣先が協議できるのは" in first or "労働者派遣契約" in first, "plan points in ①"
    policy_case = Case.objects.filter(kind="customer_harassment").order_by("opened_at").first()
    assert policy_case is not None
    out = tmp_path / "policy.docx"
    call_command("report", policy_case.number, "--format", "docx", "-o", str(out))
    assert "対応経緯" in _text("docx", out.read_bytes())
