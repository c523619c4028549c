"""Case reports and case files: downloads are attachments, every copy is audited."""

from __future__ import annotations

import mimetypes
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.http import content_disposition_header
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.responses import codes_4xx
from pydantic import Field

from mamori.api.actions import do_record_file_download
from mamori.api.auth import need_scope
from mamori.api.errors import ApiError, form_error, request_lang
from mamori.api.models import Scope
from mamori.api.pagination import Paging, paginate
from mamori.api.routes.cases import user_ref
from mamori.api.schemas import ErrorOut, FileOut, Page
from mamori.cases import actions
from mamori.cases.access import CaseAction, access_case_by_id
from mamori.cases.forms import EvidenceForm
from mamori.cases.models import EvidenceFile
from mamori.reports.actions import do_issue_report
from mamori.reports.build import ReportOptions, instalments_of

router = Router(tags=["reports and files"])

ERRORS: dict[Any, Any] = {codes_4xx: ErrorOut}


class ReportFormatIn(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    MARKDOWN = "md"
    HTML = "html"


class ReportQuery(Schema):
    instalment: int | None = Field(None, ge=1, le=99, description="Default: the latest.")
    lang: str | None = Field(
        None, pattern="^(ja|en)$", description="Default: the request's language."
    )
    wareki: bool = Field(False, description="Japanese era dates (令和…).")
    masked: bool = Field(False, description="Mask personal names.")


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # RFC 6266 with a UTF-8 name: report names carry Japanese case titles.
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


def file_out(request: HttpRequest, evidence: EvidenceFile) -> dict[str, Any]:
    url = reverse("api:v1:file_download", args=[evidence.case_id, evidence.pk])
    return {
        "id": evidence.pk,
        "name": evidence.original_name,
        "content_type": evidence.content_type,
        "size": evidence.size,
        "sha256": evidence.sha256,
        "description": evidence.description,
        "entry_id": evidence.entry_id,
        "uploaded_by": user_ref(evidence.uploaded_by),
        "uploaded_at": evidence.uploaded_at,
        "download_url": request.build_absolute_uri(url),
    }


BINARY = {
    "200": {
        "description": "The file, as an attachment; `X-Content-SHA256` holds its hash.",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.get(
    "/cases/{case_id}/reports/{fmt}",
    response=ERRORS,
    url_name="case_report",
    summary="Download a case report (営業日報)",
    description="Scope `reports`. PDF, DOCX, Markdown or HTML; issued and audited like the web.",
    openapi_extra={"responses": BINARY},
)
def download_report(
    request: HttpRequest, case_id: int, fmt: ReportFormatIn, options: Query[ReportQuery]
) -> HttpResponse:
    user = need_scope(request, Scope.REPORTS)
    case = access_case_by_id(user, case_id)
    numbers = instalments_of(case)
    instalment = options.instalment or max(numbers)
    if instalment not in numbers:
        raise ApiError(404, "instalment_not_found", params={"instalment": instalment})
    issued = do_issue_report(
        actor=user,
        case=case,
        fmt=fmt.value,
        options=ReportOptions(
            instalment=instalment,
            lang=options.lang or request_lang(),
            wareki=options.wareki,
            masked=options.masked,
        ),
    )
    response = attachment(issued.content, issued.filename, issued.content_type)
    response["X-Content-SHA256"] = issued.record.sha256
    return response


@router.get(
    "/cases/{case_id}/files",
    response={200: Page[FileOut], **ERRORS},
    url_name="file_list",
    summary="Files attached to a case",
    description="Scope `files:read`.",
)
def list_files(request: HttpRequest, case_id: int, paging: Query[Paging]) -> dict[str, Any]:
    user = need_scope(request, Scope.FILES_READ)
    case = access_case_by_id(user, case_id)
    files = case.files.select_related("uploaded_by").order_by("uploaded_at", "id")
    return paginate(files, paging, lambda f: file_out(request, f))


@router.get(
    "/cases/{case_id}/files/{file_id}",
    response=ERRORS,
    url_name="file_download",
    summary="Download one file",
    description="Scope `files:read`. Always an attachment, never shown inline; audited.",
    openapi_extra={"responses": BINARY},
)
def download_file(request: HttpRequest, case_id: int, file_id: int) -> HttpResponse:
    user = need_scope(request, Scope.FILES_READ)
    case = access_case_by_id(user, case_id)
    evidence = case.files.filter(pk=file_id).first()
    if evidence is None:
        raise ApiError(404, "not_found")
    try:
        with evidence.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise ApiError(404, "file_missing") from None
    do_record_file_download(actor=user, case=case, evidence=evidence)
    # octet-stream whatever was uploaded: an HTML file must never render from our origin.
    response = attachment(content, evidence.original_name, "application/octet-stream")
    response["X-Content-SHA256"] = evidence.sha256
    return response


@router.post(
    "/cases/{case_id}/files",
    response={201: FileOut, 413: ErrorOut, **ERRORS},
    url_name="file_upload",
    summary="Attach a file to a case",
    description="Scope `files:write`. multipart/form-data with `file` and `description`.",
)
def upload_file(
    request: HttpRequest,
    case_id: int,
    file: File[UploadedFile],
    description: Form[str] = "",
) -> Status[dict[str, Any]]:
    user = need_scope(request, Scope.FILES_WRITE)
    case = access_case_by_id(user, case_id, CaseAction.EDIT)
    if file.size is not None and file.size > settings.MAX_UPLOAD_BYTES:
        raise ApiError(
            413, "file_too_large", params={"limit": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    form = EvidenceForm(data={"description": description}, files=MultiValueDict({"file": [file]}))
    if not form.is_valid():
        raise form_error(form)
    upload = form.cleaned_data["file"]
    name = upload.name or "file"
    evidence = actions.do_attach_evidence(
        actor=user,
        case=case,
        file=actions.FileInput(
            name=name,
            content=upload.read(),
            content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            description=form.cleaned_data["description"],
        ),
    )
    return Status(201, file_out(request, evidence))
