"""Downloading reports, bundles and the case-list export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.translation import get_language

from mamori.accounts.http import AuthenticatedRequest
from mamori.cases.access import access_case_by_id
from mamori.cases.forms import CaseFilterForm
from mamori.cases.models import Case
from mamori.reports.actions import (
    IssuedFile,
    do_export_case_list,
    do_issue_bundle,
    do_issue_report,
)
from mamori.reports.build import ReportOptions, instalments_of
from mamori.reports.models import ReportFormat

REPORT_FORMATS = {ReportFormat.PDF, ReportFormat.DOCX, ReportFormat.MARKDOWN, ReportFormat.HTML}


def _options(request: AuthenticatedRequest, instalment: int | None) -> ReportOptions:
    lang = request.GET.get("lang") or ("en" if (get_language() or "").startswith("en") else "ja")
    return ReportOptions(
        instalment=instalment,
        lang="en" if lang == "en" else "ja",
        wareki=request.GET.get("wareki") == "1",
        masked=request.GET.get("masked") == "1",
    )


def _download(issued: IssuedFile, inline: bool = False) -> HttpResponse:
    response = HttpResponse(issued.content, content_type=issued.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{issued.filename}"'
    response["X-Content-SHA256"] = issued.record.sha256
    return response


@login_required
def case_report(
    request: AuthenticatedRequest, case_id: int, instalment: int, fmt: str
) -> HttpResponse:
    case = access_case_by_id(request.user, case_id)
    if fmt not in REPORT_FORMATS or instalment not in instalments_of(case):
        raise Http404
    issued = do_issue_report(
        actor=request.user, case=case, fmt=fmt, options=_options(request, instalment)
    )
    return _download(issued, inline=fmt == ReportFormat.HTML)


@login_required
def case_bundle(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id)
    return _download(
        do_issue_bundle(actor=request.user, case=case, options=_options(request, None))
    )


@login_required
def case_list_export(request: AuthenticatedRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None, user=request.user)
    cases = form.filter(
        Case.objects.visible_to(request.user)
        .select_related("client", "department", "owner")
        .prefetch_related("parties__worker", "parties__contact", "parties__user")
    )
    lang = "en" if (get_language() or "").startswith("en") else "ja"
    return _download(
        do_export_case_list(
            actor=request.user,
            cases=cases.order_by("-opened_at"),
            lang=lang,
            masked=request.GET.get("masked") == "1",
        )
    )
