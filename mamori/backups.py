"""Consistent backups of the database and the evidence files, and restoring them.

A backup is one ``.tar.gz``: ``data.json`` (Django's serialisation of every
model, encrypted fields as ciphertext), ``files/…`` (every stored file), and
``manifest.json`` (counts, file hashes, the audit chain's head). Restoring
goes into an empty database, checks every file's SHA-256 and the audit chain.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone

from mamori.audit.chain import verify_chain

# Rebuilt on their own (permissions, content types) or worthless in a restore.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


@dataclass(frozen=True)
class BackupReport:
    objects: int
    files: int
    audit_rows: int


def _file_fields() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def _stored_paths() -> set[str]:
    paths: set[str] = set()
    for model, name in _file_fields():
        values = model._default_manager.values_list(name, flat=True)
        paths.update(str(p) for p in values if p)
    return paths


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def make_backup(output: Path) -> BackupReport:
    data = io.StringIO()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One snapshot for every table: writes during the dump are not half-seen.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            natural_primary=False,
            stdout=data,
            verbosity=0,
        )
        paths = sorted(_stored_paths())
    payload = data.getvalue().encode("utf-8")
    objects = json.loads(payload)
    files: list[dict[str, Any]] = []
    with tarfile.open(output, "w:gz") as archive:
        _add_bytes(archive, "data.json", payload)
        for path in paths:
            try:
                with default_storage.open(path, "rb") as handle:
                    content = handle.read()
            except FileNotFoundError as exc:
                raise BackupError(f"stored file missing: {path}") from exc
            _add_bytes(archive, f"files/{path}", content)
            files.append(
                {"path": path, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            )
        head = apps.get_model("audit", "AuditEvent").objects.order_by("-id").first()
        counts: dict[str, int] = dict(Counter(obj["model"] for obj in objects))
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "counts": counts,
            "data_sha256": hashlib.sha256(payload).hexdigest(),
            "files": files,
            "audit_head": head.hash if head else None,
        }
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    return BackupReport(len(objects), len(files), counts.get("audit.auditevent", 0))


def _database_is_empty() -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    case_model = apps.get_model("cases", "Case")
    return not user_model.objects.exists() and not case_model.objects.exists()


def restore_backup(source: Path) -> BackupReport:
    try:
        archive = tarfile.open(source, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"not a Mamori backup: {exc}") from exc
    with archive:
        try:
            manifest = json.loads(archive.extractfile("manifest.json").read())  # type: ignore[union-attr]
            payload = archive.extractfile("data.json").read()  # type: ignore[union-attr]
        except (KeyError, AttributeError, json.JSONDecodeError) as exc:
            raise BackupError("the archive has no manifest.json or data.json") from exc
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"unsupported backup format {manifest.get('format')!r}")
        if hashlib.sha256(payload).hexdigest() != manifest["data_sha256"]:
            raise BackupError("data.json does not match its hash in the manifest")
        contents: dict[str, bytes] = {}
        for entry in manifest["files"]:
            member = archive.extractfile(f"files/{entry['path']}")
            if member is None:
                raise BackupError(f"file missing from the archive: {entry['path']}")
            content = member.read()
            if hashlib.sha256(content).hexdigest() != entry["sha256"]:
                raise BackupError(f"file altered in the archive: {entry['path']}")
            contents[entry["path"]] = content
    call_command("migrate", interactive=False, verbosity=0)
    if not _database_is_empty():
        raise BackupError("the database is not empty: restore only into a fresh database")
    with tempfile.NamedTemporaryFile(suffix=".json", mode="wb") as fixture:
        fixture.write(payload)
        fixture.flush()
        with transaction.atomic():
            call_command("loaddata", fixture.name, verbosity=0)
    for path, content in contents.items():
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(content))
    report = verify_chain()
    if not report.ok:
        raise BackupError(f"restored audit chain is broken at row {report.first_broken_id}")
    counts = manifest["counts"]
    return BackupReport(sum(counts.values()), len(contents), counts.get("audit.auditevent", 0))
