from __future__ import annotations

import base64
import io
import subprocess
import sys
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from mamori.audit.models import AuditEvent
from mamori.cases.intake import IntakeError, intake_eml
from mamori.cases.models import Case, EvidenceFile
from mamori.conftest import Desk

BODY = "佐藤様\nRさんが情報セキュリティ事故を起こしました。至急ご対応ください。\n株式会社H製作所 M"
SUBJECT = "Rさんの件(至急)"


def japanese_mail(charset: str, *, attachment: bytes | None = None) -> bytes:
    text = MIMEText(BODY, "plain", charset)
    message: MIMEText | MIMEMultipart = text
    if attachment is not None:
        message = MIMEMultipart()
        message.attach(text)
        part = MIMEApplication(attachment, "pdf")
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "ログ.pdf"))
        message.attach(part)
    message["Subject"] = Header(SUBJECT, charset).encode()
    message["From"] = f"{Header('M課長', charset).encode()} <m@h-seisakusho.example.jp>"
    message["To"] = "sato@example.jp"
    message["Date"] = "Wed, 14 Oct 2026 08:47:00 +0900"
    return message.as_bytes()


@pytest.mark.parametrize("charset", ["iso-2022-jp", "shift_jis", "cp932", "euc-jp", "utf-8"])
def test_it_opens_a_case_from_japanese_mail(desk: Desk, charset: str) -> None:
    if charset == "shift_jis":
        raw = japanese_mail("cp932").replace(b"cp932", b"Shift_JIS")
    elif charset == "iso-2022-jp":
        raw = japanese_mail("iso-2022-jp")
    else:
        raw = japanese_mail(charset)
    case = intake_eml(actor=desk.handler, data=raw, file_name="m.eml")
    entry = case.entries.get()
    assert case.title == SUBJECT
    assert "情報セキュリティ事故" in entry.summary
    assert "M課長" in entry.participants[0]
    assert entry.occurred_at.isoformat() == "2026-10-13T23:47:00+00:00"
    assert "m@h-seisakusho.example.jp" in entry.summary
    assert case.files.get().original_name == "m.eml"


def test_it_keeps_the_original_and_records_attachments(desk: Desk) -> None:
    pdf = b"%PDF-1.4\n% log extract\n" + b"0" * 500
    case = intake_eml(actor=desk.handler, data=japanese_mail("utf-8", attachment=pdf))
    names = {f.original_name: f for f in case.files.all()}
    assert set(names) == {"message.eml", "ログ.pdf"}
    assert names["ログ.pdf"].size == len(pdf)
    entry = case.entries.get()
    assert names["ログ.pdf"].entry == entry
    with names["ログ.pdf"].file.open("rb") as handle:
        assert handle.read() == pdf


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"%PDF-1.7\n1 0 obj\n",
        "ただのテキストで、メールのヘッダーがありません。".encode(),
        bytes(range(256)) * 4,
    ],
    ids=["empty", "png", "pdf", "plain-text", "binary"],
)
def test_it_rejects_non_mail_and_creates_nothing(desk: Desk, data: bytes) -> None:
    with pytest.raises(IntakeError) as caught:
        intake_eml(actor=desk.handler, data=data)
    assert caught.value.message_ja and caught.value.message_en
    assert Case.objects.count() == 0
    assert EvidenceFile.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_upload_of_broken_mail_shows_japanese_error(desk: Desk, client: Client) -> None:
    desk.login(client, desk.handler)
    upload = SimpleUploadedFile("broken.eml", b"\x00\x01\x02garbage", "message/rfc822")
    response = client.post(reverse("cases:new"), {"kind": "client_complaint", "eml": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errors"' in page
    assert Case.objects.count() == 0


def test_upload_of_mail_opens_case(desk: Desk, client: Client) -> None:
    desk.login(client, desk.handler)
    upload = SimpleUploadedFile("m.eml", japanese_mail("iso-2022-jp"), "message/rfc822")
    response = client.post(reverse("cases:new"), {"kind": "client_complaint", "eml": upload})
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.title == SUBJECT


def test_a_failure_midway_leaves_no_partial_case(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mamori.cases import actions

    original = actions.do_attach_evidence
    calls = {"n": 0}

    def fail_on_second(**kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("storage unavailable")
        return original(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(actions, "do_attach_evidence", fail_on_second)
    with pytest.raises(OSError):
        intake_eml(actor=desk.handler, data=japanese_mail("utf-8", attachment=b"%PDF-1.4 x"))
    assert Case.objects.count() == 0
    assert EvidenceFile.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_import_eml_command_prints_case_ids(desk: Desk, tmp_path: Path) -> None:
    good = tmp_path / "good.eml"
    good.write_bytes(japanese_mail("iso-2022-jp"))
    out = io.StringIO()
    call_command("import_eml", str(good), "--user", desk.handler.username, stdout=out)
    case = Case.objects.get()
    assert out.getvalue().split("\t")[:2] == [str(case.pk), case.number]


def test_import_eml_command_fails_clearly(desk: Desk, tmp_path: Path) -> None:
    bad = tmp_path / "bad.eml"
    bad.write_bytes(base64.b64decode("iVBORw0KGgo="))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_eml", str(bad), "--user", desk.handler.username, stderr=err)
    assert "bad.eml" in err.getvalue()
    assert Case.objects.count() == 0


def test_mamori_cli_import_eml_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    env = {
        "MAMORI_ALLOW_INSECURE_KEY": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "MAMORI_DATA_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    command = [sys.executable, "-m", "mamori.cli"]
    subprocess.run([*command, "migrate", "-v", "0"], env=env, check=True)  # noqa: S603
    result = subprocess.run(  # noqa: S603
        [*command, "import-eml", "--user", "nobody", str(tmp_path / "missing.eml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "no such user" in result.stderr
    assert "Traceback" not in result.stderr
