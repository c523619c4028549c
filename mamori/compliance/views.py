"""The compliance board page and its PDF for auditors."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from mamori.accounts.http import AuthenticatedRequest
from mamori.accounts.models import Role
from mamori.audit.actions import record_event
from mamori.audit.models import EventType
from mamori.compliance.board import build_board
from mamori.render import html_to_pdf

ALLOWED = {Role.HR_ADMIN, Role.RESPONSE_TEAM, Role.AUDITOR}


def _board(request: AuthenticatedRequest) -> Any:
    if request.user.role not in ALLOWED or request.user.organisation is None:
        raise PermissionDenied
    return build_board(request.user.organisation)


@login_required
def board(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "compliance/board.html", {"board": _board(request)})


@login_required
def board_pdf(request: AuthenticatedRequest) -> HttpResponse:
    data = _board(request)
    pdf = html_to_pdf(
        render_to_string("compliance/board_pdf.html", {"board": data}, request=request)
    )
    with transaction.atomic():
        record_event(
            actor=request.user,
            event_type=EventType.EXPORTED,
            organisation_id=request.user.organisation_id,
            data={"export": "compliance_board", "rows": [r.status for r in data.rows]},
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localtime(data.generated_at).strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="compliance-{stamp}.pdf"'
    return response
