"""Issuing reports, bundles and exports: every file handed out is hashed and audited."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from mamori.audit.actions import record_event
from mamori.audit.models import EventType
from mamori.cases.models import Case, EvidenceFile
from mamori.render import (
    render_case_list_xlsx,
    render_docx,
    render_html,
    render_markdown,
    render_pdf,
)
from mamori.reports.build import ReportOptions, build_case_report, report_filename
from mamori.reports.models import IssuedReport, ReportFormat

if TYPE_CHECKING:
    from mamori.accounts.models import User

CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.MARKDOWN: "text/markdown; charset=utf-8",
    ReportFormat.HTML: "text/html; charset=utf-8",
    ReportFormat.BUNDLE: "application/zip",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class IssuedFile:
    filename: str
    content: bytes
    content_type: str
    record: IssuedReport


def _issue(
    *,
    actor: User,
    case: Case | None,
    fmt: str,
    content: bytes,
    filename: str,
    instalment: int | None,
    options: dict[str, Any],
) -> IssuedFile:
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        record = IssuedReport.objects.create(
            case=case,
            instalment=instalment,
            format=fmt,
            issued_by=actor,
            size=len(content),
            sha256=digest,
            options=options,
        )
        record_event(
            actor=actor,
            event_type=EventType.REPORT_ISSUED if fmt != ReportFormat.XLSX else EventType.EXPORTED,
            case=case,
            obj=record,
            organisation_id=actor.organisation_id,
            data={"format": fmt, "instalment": instalment, "sha256": digest, **options},
        )
    return IssuedFile(filename, content, CONTENT_TYPES[ReportFormat(fmt)], record)


def render_report(fmt: str, report: Any) -> bytes:
    if fmt == ReportFormat.PDF:
        return render_pdf(report)
    if fmt == ReportFormat.DOCX:
        return render_docx(report)
    if fmt == ReportFormat.MARKDOWN:
        return render_markdown(report).encode("utf-8")
    if fmt == ReportFormat.HTML:
        return render_html(report).encode("utf-8")
    raise ValueError(f"not a report format: {fmt}")


def do_issue_report(*, actor: User, case: Case, fmt: str, options: ReportOptions) -> IssuedFile:
    report = build_case_report(case, options, author=str(actor))
    content = render_report(fmt, report)
    return _issue(
        actor=actor,
        case=case,
        fmt=fmt,
        content=content,
        filename=report_filename(case, report.instalment, fmt),
        instalment=report.instalment,
        options={"lang": options.lang, "wareki": options.wareki, "masked": options.masked},
    )


def manifest_rows(files: Iterable[EvidenceFile]) -> list[dict[str, Any]]:
    return [
        {
            "path": f"files/{index:03d}-{f.original_name}",
            "name": f.original_name,
            "size": f.size,
            "sha256": f.sha256,
            "content_type": f.content_type,
            "added_by": str(f.uploaded_by),
            "added_at": timezone.localtime(f.uploaded_at).isoformat(),
        }
        for index, f in enumerate(files, start=1)
    ]


def do_issue_bundle(*, actor: User, case: Case, options: ReportOptions) -> IssuedFile:
    """One ZIP: the report PDF of every instalment, every attached file and a manifest.

    The manifest lists each file's size and SHA-256 and who added it when, so a
    third party can check with ``sha256sum -c SHA256SUMS`` that nothing changed.
    """
    from mamori.reports.build import instalments_of

    files = list(case.files.select_related("uploaded_by").order_by("uploaded_at", "id"))
    rows = manifest_rows(files)
    reports: list[tuple[str, bytes]] = []
    for number in instalments_of(case):
        opts = ReportOptions(number, options.lang, options.wareki, options.masked)
        pdf = render_pdf(build_case_report(case, opts, author=str(actor)))
        reports.append((f"report/{report_filename(case, number, 'pdf')}", pdf))
    buffer = io.BytesIO()
    sums: list[str] = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, pdf in reports:
            archive.writestr(path, pdf)
            sums.append(f"{hashlib.sha256(pdf).hexdigest()}  {path}")
        for row, evidence in zip(rows, files, strict=True):
            with evidence.file.open("rb") as handle:
                content = handle.read()
            if hashlib.sha256(content).hexdigest() != evidence.sha256:
                raise IntegrityError(evidence.original_name)
            archive.writestr(row["path"], content)
            sums.append(f"{evidence.sha256}  {row['path']}")
        manifest = {
            "case": case.number,
            "title": case.title,
            "generated_at": timezone.localtime().isoformat(),
            "generated_by": str(actor),
            "reports": [
                {"path": p, "sha256": hashlib.sha256(b).hexdigest(), "size": len(b)}
                for p, b in reports
            ],
            "files": rows,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        table = io.StringIO()
        writer = csv.DictWriter(table, fieldnames=list(rows[0]) if rows else ["path"])
        writer.writeheader()
        writer.writerows(rows)
        archive.writestr("manifest.csv", "\ufeff" + table.getvalue())
        archive.writestr("SHA256SUMS", "\n".join(sums) + "\n")
    return _issue(
        actor=actor,
        case=case,
        fmt=ReportFormat.BUNDLE,
        content=buffer.getvalue(),
        filename=f"{case.number}-bundle.zip",
        instalment=None,
        options={"lang": options.lang, "files": len(files)},
    )


class IntegrityError(Exception):
    """A stored evidence file no longer matches the hash recorded when it was added."""


def do_export_case_list(
    *, actor: User, cases: Iterable[Case], lang: str = "ja", masked: bool = False
) -> IssuedFile:
    from mamori.reports.export import case_list_columns, case_list_rows

    case_list = list(cases)
    columns = case_list_columns(case_list, lang)
    content = render_case_list_xlsx(case_list_rows(case_list, lang, masked), columns)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return _issue(
        actor=actor,
        case=None,
        fmt=ReportFormat.XLSX,
        content=content,
        filename=f"mamori-cases-{stamp}.xlsx",
        instalment=None,
        options={"cases": len(case_list), "masked": masked},
    )
