from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from mamori.cases.models import EvidenceFile
from mamori.conftest import Desk

SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _upload(client: Client, case_id: int, name: str, content: bytes) -> str:
    response = client.post(
        reverse("cases:file_add", args=[case_id]),
        {"file": SimpleUploadedFile(name, content, "image/png"), "description": "証拠"},
    )
    return response.content.decode() if response.status_code == 200 else ""


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 200),
        ("photo.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 100),
        ("memo.txt", b"#!/bin/sh\nrm -rf /\n"),
    ],
    ids=["pe-named-pdf", "elf-named-jpg", "script-named-txt"],
)
def test_it_refuses_executables_whatever_their_name(
    desk: Desk, client: Client, name: str, content: bytes
) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    page = _upload(client, case.pk, name, content)
    assert "実行ファイルやスクリプトは添付できません" in page
    assert EvidenceFile.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [("map.svg", SVG_WITH_SCRIPT), ("photo.png", b"<html><body onload=alert(1)>x</body></html>")],
)
def test_it_stores_active_content_as_inert_download(
    desk: Desk, client: Client, name: str, content: bytes
) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    _upload(client, case.pk, name, content)
    stored = EvidenceFile.objects.get()
    assert stored.inert
    response = client.get(reverse("cases:file_download", args=[case.pk, stored.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content  # type: ignore[attr-defined]


def test_it_sniffs_the_type_from_bytes_and_hashes(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    pdf = b"%PDF-1.4\n" + b"0" * 100
    _upload(client, case.pk, "../../etc/契約書.exe", pdf)
    stored = EvidenceFile.objects.get()
    assert stored.content_type == "application/pdf"
    assert stored.original_name == "契約書.exe"
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest()
    assert not stored.inert
    assert stored.file.name is not None
    assert "evidence/" in stored.file.name and ".." not in stored.file.name


@override_settings(MAX_UPLOAD_BYTES=1024)
def test_it_rejects_oversized_file(desk: Desk, client: Client) -> None:
    case = desk.open_case()
    desk.login(client, desk.handler)
    page = _upload(client, case.pk, "big.txt", b"a" * 2048)
    assert "ファイルが大きすぎます" in page
    assert EvidenceFile.objects.count() == 0


def test_download_of_another_cases_file_is_404(desk: Desk, client: Client) -> None:
    mine = desk.open_case()
    theirs = desk.open_case(actor=desk.other_handler)
    desk.login(client, desk.handler)
    _upload(client, mine.pk, "a.txt", b"hello")
    stored = EvidenceFile.objects.get()
    desk.login(client, desk.other_handler)
    assert client.get(reverse("cases:file_download", args=[mine.pk, stored.pk])).status_code == 404
    assert (
        client.get(reverse("cases:file_download", args=[theirs.pk, stored.pk])).status_code == 404
    )


def test_files_live_outside_the_web_root(settings: object) -> None:
    from django.conf import settings as conf

    assert not conf.MEDIA_URL or conf.MEDIA_URL == "/"
    assert str(conf.MEDIA_ROOT) not in str(conf.STATIC_ROOT)
