from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from mamori.api.models import Scope
from mamori.api.tests.conftest import MakeToken, bearer
from mamori.audit.models import AuditEvent, EventType
from mamori.cases import actions
from mamori.conftest import Desk
from mamori.reports.models import IssuedReport


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.mark.parametrize(("fmt", "magic"), [("md", b"#"), ("pdf", b"%PDF"), ("docx", b"PK")])
def test_it_downloads_a_report_as_an_attachment(
    desk: Desk, client: Client, make_token: MakeToken, fmt: str, magic: bytes
) -> None:
    case = desk.open_case()
    secret = make_token(desk.handler, scopes=[Scope.REPORTS])
    response = client.get(f"/api/cases/{case.pk}/reports/{fmt}", headers=bearer(secret))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(magic)
    record = IssuedReport.objects.get(case=case)
    assert record.format == fmt
    assert response["X-Content-SHA256"] == hashlib.sha256(response.content).hexdigest()
    assert AuditEvent.objects.filter(case=case, event_type=EventType.REPORT_ISSUED).exists()


def test_report_options_and_missing_instalment(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    case = desk.open_case()
    secret = make_token(desk.handler, scopes=[Scope.REPORTS])
    url = f"/api/cases/{case.pk}/reports/md"
    english = client.get(url, {"lang": "en", "instalment": "1"}, headers=bearer(secret))
    assert english.status_code == 200
    assert IssuedReport.objects.get().options["lang"] == "en"
    missing = client.get(url, {"instalment": 7}, headers=bearer(secret))
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "instalment_not_found"
    assert (
        client.get(f"/api/cases/{case.pk}/reports/exe", headers=bearer(secret)).status_code == 422
    )
    assert client.get(url, {"lang": "fr"}, headers=bearer(secret)).status_code == 422


def test_it_uploads_lists_and_downloads_files(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    case = desk.open_case()
    secret = make_token(desk.handler, scopes=[Scope.FILES_READ, Scope.FILES_WRITE])
    content = b"<html><script>alert(1)</script></html>"
    response = client.post(
        f"/api/cases/{case.pk}/files",
        {
            "file": SimpleUploadedFile("通話メモ.html", content, content_type="text/html"),
            "description": "通話の記録",
        },
        headers=bearer(secret),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "通話メモ.html"
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["size"] == len(content)
    listing = client.get(f"/api/cases/{case.pk}/files", headers=bearer(secret)).json()
    assert listing["count"] == 1
    download = client.get(body["download_url"], headers=bearer(secret))
    assert download.status_code == 200
    assert download.content == content
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in download["Content-Disposition"]
    assert AuditEvent.objects.filter(case=case, event_type=EventType.FILE_ADDED).exists()
    assert AuditEvent.objects.filter(
        case=case, event_type=EventType.FILE_DOWNLOADED, actor=desk.handler
    ).exists()


def test_it_refuses_oversized_and_empty_uploads(
    desk: Desk, client: Client, make_token: MakeToken, settings: Settings
) -> None:
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    case = desk.open_case()
    secret = make_token(desk.handler)
    url = f"/api/cases/{case.pk}/files"
    big = SimpleUploadedFile("big.bin", b"x" * (1024 * 1024 + 1))
    response = client.post(url, {"file": big}, headers=bearer(secret))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"
    empty = client.post(url, {"file": SimpleUploadedFile("e.txt", b"")}, headers=bearer(secret))
    assert empty.status_code == 422
    missing = client.post(url, {}, headers=bearer(secret))
    assert missing.status_code == 422
    assert missing.json()["error"]["fields"][0]["field"] == "file"
    assert case.files.count() == 0


def test_file_scopes_are_separate(desk: Desk, client: Client, make_token: MakeToken) -> None:
    case = desk.open_case()
    evidence = actions.do_attach_evidence(
        actor=desk.handler,
        case=case,
        file=actions.FileInput(name="a.txt", content=b"abc", content_type="text/plain"),
    )
    reader = make_token(desk.handler, scopes=[Scope.FILES_READ])
    response = client.post(
        f"/api/cases/{case.pk}/files",
        {"file": SimpleUploadedFile("b.txt", b"b")},
        headers=bearer(reader),
    )
    assert response.status_code == 403
    cases_only = make_token(desk.handler, scopes=[Scope.CASES_READ])
    response = client.get(f"/api/cases/{case.pk}/files/{evidence.pk}", headers=bearer(cases_only))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "missing_scope"
