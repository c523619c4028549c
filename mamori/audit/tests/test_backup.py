from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mamori.audit.chain import verify_chain
from mamori.audit.models import AuditEvent
from mamori.cases import actions
from mamori.cases.models import Case, EvidenceFile
from mamori.conftest import Desk


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(desk: Desk, tmp_path: Path) -> None:
    case = desk.open_case("H製作所の件", background=["Rさんは2年目"])
    actions.do_attach_evidence(
        actor=desk.handler,
        case=case,
        file=actions.FileInput(name="ログ.txt", content="アクセスログ 2026-10-13".encode()),
    )
    actions.do_change_status(actor=desk.handler, case=case, status="investigating")
    before = {
        "cases": list(Case.objects.values_list("number", "title", "status", "background")),
        "audit": list(AuditEvent.objects.order_by("id").values_list("hash", flat=True)),
        "files": list(EvidenceFile.objects.values_list("sha256", "original_name")),
    }
    stored = EvidenceFile.objects.get()
    content = Path(stored.file.path).read_bytes()
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", "-o", str(archive), stdout=out)
    assert "1 files" in out.getvalue()

    call_command("flush", interactive=False, verbosity=0)
    Path(stored.file.path).unlink()
    assert not Case.objects.exists()

    call_command("restore", str(archive), stdout=io.StringIO())
    after = {
        "cases": list(Case.objects.values_list("number", "title", "status", "background")),
        "audit": list(AuditEvent.objects.order_by("id").values_list("hash", flat=True)),
        "files": list(EvidenceFile.objects.values_list("sha256", "original_name")),
    }
    assert after == before
    assert verify_chain().ok
    assert Path(EvidenceFile.objects.get().file.path).read_bytes() == content


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_non_empty_database(desk: Desk, tmp_path: Path) -> None:
    desk.open_case()
    archive = tmp_path / "b.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


@pytest.mark.django_db(transaction=True)
def test_restore_detects_an_altered_archive(desk: Desk, tmp_path: Path) -> None:
    desk.open_case()
    archive = tmp_path / "b.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    altered = tmp_path / "altered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(altered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "data.json":
                data = data.replace("H製作所".encode(), "X製作所".encode())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="hash"):
        call_command("restore", str(altered))


def test_restore_rejects_a_non_backup(tmp_path: Path, db: None) -> None:
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="not a Mamori backup"):
        call_command("restore", str(bogus))
