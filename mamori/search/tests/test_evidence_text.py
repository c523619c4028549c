from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import Workbook

from mamori.cases import actions
from mamori.conftest import Desk
from mamori.search.extract import extract_text
from mamori.search.index import on_evidence_attached
from mamori.search.models import EvidenceText, ExtractionStatus
from mamori.search.query import search_cases
from mamori.search.tests.helpers import open_indexed


def _docx(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "表の中"
    table.rows[0].cells[1].text = "録音データ"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx(text: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["日時", "内容"])
    sheet.append(["2026-11-02", text])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    result: bytes = HTML(string=f"<p>{text}</p>").write_pdf()
    return result


EML = (
    "From: =?UTF-8?B?5bGx55Sw?= <yamada@example.jp>\n"
    "To: desk@example.jp\n"
    "Subject: =?UTF-8?B?44GU6YCj57Wh?=\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=iso-2022-jp\n\n"
).encode("ascii") + "土下座しろと言われました。".encode("iso-2022-jp")


@pytest.mark.parametrize(
    ("name", "content_type", "make", "needle"),
    [
        ("memo.txt", "text/plain", lambda: "通話メモ:録音あり".encode("cp932"), "録音あり"),
        ("memo.docx", "application/octet-stream", lambda: _docx("面談記録"), "録音データ"),
        ("log.xlsx", "application/octet-stream", lambda: _xlsx("怒鳴られた"), "怒鳴られた"),
        ("mail.eml", "message/rfc822", lambda: EML, "土下座しろ"),
        ("scan.pdf", "application/pdf", lambda: _pdf("録音の文字起こし"), "文字起こし"),
    ],
)
def test_it_extracts_text_from_common_files(
    name: str, content_type: str, make: object, needle: str
) -> None:
    extracted = extract_text(name, content_type, make())  # type: ignore[operator]
    assert extracted.status == ExtractionStatus.OK, extracted.error
    assert needle in extracted.text


def test_it_reports_damaged_and_unknown_files_without_raising() -> None:
    assert extract_text("broken.docx", "", b"PK\x03\x04 not a zip").status == "failed"
    assert extract_text("photo.jpg", "image/jpeg", b"\xff\xd8\xff\xe0").status == "unsupported"
    assert extract_text("blank.txt", "text/plain", b"   \n").status == "empty"
    assert extract_text("bin.txt", "text/plain", b"\x00\x01\x02").status == "failed"


def test_attached_file_text_becomes_searchable(desk: Desk) -> None:
    case = open_indexed(desk, "件名", "特記事項なし")
    content = _docx("先方の発言を書き起こした")
    evidence = actions.do_attach_evidence(
        actor=desk.handler,
        case=case,
        file=actions.FileInput(name="記録.docx", content=content, content_type="application/zip"),
    )
    on_evidence_attached(evidence, content)
    assert EvidenceText.objects.get(evidence=evidence).status == ExtractionStatus.OK
    found = search_cases(desk.response, "書き起こし").values_list("pk", flat=True)
    assert list(found) == [case.pk]
    assert list(search_cases(desk.response, "録音").values_list("pk", flat=True)) == [case.pk]


def test_the_backfill_command_extracts_and_indexes_what_is_missing(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Cases written before the index existed (an upgrade): the hooks did not run.
    monkeypatch.setattr(actions, "index_case", lambda case: None)
    monkeypatch.setattr(actions, "on_evidence_attached", lambda evidence, content: None)
    case = desk.open_case("未索引の件")
    actions.do_attach_evidence(
        actor=desk.handler,
        case=case,
        file=actions.FileInput(
            name="memo.txt", content="暴言の記録".encode(), content_type="text/plain"
        ),
    )
    monkeypatch.undo()
    assert not search_cases(desk.response, "暴言").exists()
    call_command("search_reindex", "--missing", stdout=io.StringIO())
    assert list(search_cases(desk.response, "暴言").values_list("pk", flat=True)) == [case.pk]
    assert list(search_cases(desk.response, "未索引").values_list("pk", flat=True)) == [case.pk]
    call_command("search_reindex", stdout=io.StringIO())
    assert list(search_cases(desk.response, "暴言").values_list("pk", flat=True)) == [case.pk]
