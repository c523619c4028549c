from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from openpyxl import Workbook, load_workbook

from mamori.api.importing import (
    ImportRejected,
    build_preview,
    do_import_records,
    read_table,
)
from mamori.audit.models import AuditEvent, EventType
from mamori.conftest import Desk
from mamori.orgs.models import ClientCompany, ClientContact, Department, Worker

WORKERS_CSV = (
    "氏名,フリガナ,雇用区分,在籍\r\n"
    "山田 花子,ヤマダ ハナコ,dispatched,1\r\n"
    "髙橋 一郎,タカハシ イチロウ,employee,0\r\n"
)


def upload(client: Client, kind: str, name: str, content: bytes) -> object:
    return client.post(
        reverse("api:import"),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def confirm(client: Client, preview_response: object) -> object:
    payload = preview_response.context["confirm"]["payload"].value()  # type: ignore[attr-defined]
    return client.post(
        reverse("api:import_confirm"), {"payload": payload}, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_dry_run_lists_row_errors_and_writes_nothing(desk: Desk, client: Client) -> None:
    desk.login(client, desk.hr)
    csv = (
        "Client,Name,Department,Role,In role since,E-mail\r\n"
        "H製作所,K部長,情報システム部,Line manager,2025-04-01,k@example.jp\r\n"
        "無い会社,L,,,,\r\n"
        "H製作所,,情報システム部,dictator,2025-13-01,not-an-email\r\n"
    ).encode()
    before = ClientContact.objects.count()
    response = upload(client, "contacts", "contacts.csv", csv)
    assert response.status_code == 200  # type: ignore[attr-defined]
    preview = response.context["preview"]  # type: ignore[attr-defined]
    assert response.context["confirm"] is None  # type: ignore[attr-defined]
    assert [row.number for row in preview.error_rows] == [3, 4]
    errors = {(row.number, e.column): e.message for row in preview.rows for e in row.errors}
    assert "No client company named" in errors[(3, "Client")]
    assert errors[(4, "Name")] == "This column is required."
    assert "Unknown value" in errors[(4, "Role")]
    assert "YYYY-MM-DD" in errors[(4, "In role since")]
    assert "e-mail" in errors[(4, "E-mail")]
    assert preview.rows[0].action == "create"
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "Nothing will be imported until every row is correct" in page
    assert ClientContact.objects.count() == before
    assert not AuditEvent.objects.filter(event_type=EventType.RECORDS_IMPORTED).exists()


def test_it_imports_all_rows_in_one_transaction_and_audits(desk: Desk, client: Client) -> None:
    desk.login(client, desk.hr)
    response = upload(client, "workers", "workers.csv", WORKERS_CSV.encode("utf-8"))
    preview = response.context["preview"]  # type: ignore[attr-defined]
    assert preview.ok, [(r.number, r.errors) for r in preview.rows]
    assert not Worker.objects.filter(name="山田 花子").exists(), "the preview writes nothing"
    done = confirm(client, response)
    assert done.status_code == 302  # type: ignore[attr-defined]
    hanako = Worker.objects.get(name="山田 花子")
    ichiro = Worker.objects.get(name="髙橋 一郎")
    assert (hanako.kana, hanako.employment, hanako.active) == ("ヤマダ ハナコ", "dispatched", True)
    assert (ichiro.employment, ichiro.active) == ("employee", False)
    assert hanako.organisation == desk.org
    event = AuditEvent.objects.get(event_type=EventType.RECORDS_IMPORTED)
    assert event.actor == desk.hr
    assert event.data["kind"] == "workers"
    assert (event.data["created"], event.data["updated"]) == (2, 0)
    assert "山田" not in str(event.data), "the audit row holds counts, not personal data"


def test_it_reads_cp932_csv_as_excel_writes_it(desk: Desk, client: Client) -> None:
    desk.login(client, desk.hr)
    data = ("派遣先名,部署名\r\nH製作所,経理部\r\n①㈱テスト,総務部\r\n").encode("cp932")
    ClientCompany.objects.create(organisation=desk.org, name="①㈱テスト")
    response = upload(client, "departments", "部署.csv", data)
    assert response.context["preview"].ok  # type: ignore[attr-defined]
    confirm(client, response)
    assert Department.objects.filter(client=desk.client, name="経理部").exists()
    assert Department.objects.filter(client__name="①㈱テスト", name="総務部").exists()


def test_it_reads_utf8_with_bom_and_xlsx(desk: Desk) -> None:
    bom = "\ufeff派遣先名,業種\r\nA社,製造\r\n".encode()
    assert read_table(bom) == [["派遣先名", "業種"], ["A社", "製造"]]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["ID", "派遣先名", "業種"])
    sheet.append([None, "B社", "物流"])
    sheet.append([float(desk.client.pk), "H製作所", 42])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue())
    assert table == [
        ["ID", "派遣先名", "業種"],
        ["", "B社", "物流"],
        [str(desk.client.pk), "H製作所", "42"],
    ]
    preview = build_preview("clients", table, desk.org)
    assert [row.action for row in preview.rows] == ["create", "update"]


def test_it_refuses_unreadable_files(desk: Desk, client: Client) -> None:
    desk.login(client, desk.hr)
    response = upload(client, "clients", "x.csv", b"\x00\x01\x02\xff\xfe\x00garbage\x81")
    assert response.context["form"].errors["file"]  # type: ignore[attr-defined]
    broken_xlsx = upload(client, "clients", "x.xlsx", b"PK\x03\x04not really a zip")
    assert "Excel" in broken_xlsx.context["form"].errors["file"][0]  # type: ignore[attr-defined]
    missing_column = upload(client, "clients", "x.csv", "業種\r\n製造\r\n".encode())
    preview = missing_column.context["preview"]  # type: ignore[attr-defined]
    assert any("missing" in message for message in preview.file_errors)


def test_export_round_trip_changes_nothing(desk: Desk, client: Client) -> None:
    desk.contact.phone = "+81-3-1234-5678"
    desk.contact.title = '=HYPERLINK("http://evil")'
    desk.contact.save()
    desk.login(client, desk.hr)
    for kind in ("clients", "departments", "contacts", "workers"):
        for fmt in ("csv", "xlsx"):
            response = client.get(reverse("api:export", args=[kind, fmt]))
            assert response.status_code == 200, (kind, fmt)
            assert response["Content-Disposition"].startswith("attachment;")
            content = response.content
            if fmt == "csv":
                assert content.startswith(b"\xef\xbb\xbf")
            table = read_table(content)
            preview = build_preview(kind, table, desk.org)
            assert preview.ok, (kind, fmt, [(r.number, r.errors) for r in preview.rows])
            assert {row.action for row in preview.rows} == {"unchanged"}, (kind, fmt)
    csv_text = client.get(reverse("api:export", args=["contacts", "csv"])).content.decode()
    assert "'=HYPERLINK" in csv_text, "formulas are defused in CSV"
    xlsx = client.get(reverse("api:export", args=["contacts", "xlsx"])).content
    cells = [c for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in row]  # type: ignore[union-attr]
    assert all(c.data_type != "f" for c in cells), "no cell is a formula"
    assert AuditEvent.objects.filter(event_type=EventType.EXPORTED, data__kind="contacts").exists()


def test_edited_export_updates_by_id(desk: Desk) -> None:
    table = [
        ["ID", "氏名", "フリガナ", "雇用区分", "在籍"],
        [str(desk.worker.pk), "R", "アール", "", "0"],
    ]
    summary = do_import_records(
        actor=desk.hr, kind="workers", table=table, file_name="w.csv", sha256="0" * 64
    )
    assert (summary.created, summary.updated) == (0, 1)
    desk.worker.refresh_from_db()
    assert (desk.worker.kana, desk.worker.active) == ("アール", False)


def test_commit_rechecks_and_writes_nothing_if_a_row_fails(desk: Desk) -> None:
    table = [["派遣先名", "部署名"], ["H製作所", "新部署"], ["消えた会社", "総務"]]
    with pytest.raises(ImportRejected):
        do_import_records(
            actor=desk.hr, kind="departments", table=table, file_name="d.csv", sha256="0" * 64
        )
    assert not Department.objects.filter(name="新部署").exists()


def test_duplicate_rows_and_other_organisations_ids_are_errors(desk: Desk) -> None:
    foreign = Worker.objects.create(organisation=desk.other_org, name="他社スタッフ")
    table = [
        ["id", "name", "kana"],
        ["", "S", "エス"],
        ["", "S", "エス"],
        [str(foreign.pk), "乗っ取り", ""],
    ]
    with override("en"):
        preview = build_preview("workers", table, desk.org)
    assert [row.number for row in preview.error_rows] == [3, 4]
    assert re.search("row 2", preview.rows[1].errors[0].message)


def test_import_and_export_are_for_hr_admins(desk: Desk, client: Client) -> None:
    for persona in (desk.handler, desk.response, desk.auditor, desk.outsider):
        desk.login(client, persona)
        assert client.get(reverse("api:import")).status_code == 403
        assert client.get(reverse("api:export", args=["workers", "csv"])).status_code == 403
    desk.login(client, desk.hr)
    assert client.get(reverse("api:import")).status_code == 200
    assert client.get(reverse("api:export", args=["nothing", "csv"])).status_code == 404


def test_a_tampered_preview_is_refused(desk: Desk, client: Client) -> None:
    desk.login(client, desk.hr)
    response = client.post(reverse("api:import_confirm"), {"payload": "forged"})
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(event_type=EventType.RECORDS_IMPORTED).exists()
