"""Measures toward customers, letters, cooperation requests and the customer register.

Views stay short: forms check the input, actions change the state.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.accounts.http import AuthenticatedRequest
from mamori.cases.access import CaseAction, access_case_by_id
from mamori.cases.models import Case
from mamori.measures import actions
from mamori.measures.forms import (
    CooperationAnswerForm,
    CooperationForm,
    LetterForm,
    MeasureForm,
    MeasureStatusForm,
)
from mamori.measures.letter_data import complainant, letter_initial
from mamori.measures.letters import layout, letter_template
from mamori.measures.models import CooperationRequest, LetterKind, MeasureDecision
from mamori.measures.register import (
    client_company_counts,
    customer_rows,
    register_entries,
    visible_case_ids,
)
from mamori.measures.templatetags.measures_tags import measures_context
from mamori.render import RenderError


def _overview(case: Case, anchor: str = "") -> HttpResponse:
    url = reverse("measures:overview", args=[case.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@login_required
def overview(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id)
    return render(
        request,
        "measures/overview.html",
        {"case": case, **measures_context(request.user, case)},
    )


@login_required
def measure_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    party = complainant(case)
    initial = {"target_party": party.pk if party and party.worker_id is None else None}
    form = MeasureForm(request.POST or None, user=request.user, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.do_decide_measure(actor=request.user, case=case, **form.cleaned_data)
        messages.success(request, _("Measure recorded."))
        return _overview(case, "measures")
    return render(request, "measures/measure_form.html", {"case": case, "form": form})


@login_required
@require_POST
def measure_status(request: AuthenticatedRequest, case_id: int, measure_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    measure = get_object_or_404(MeasureDecision, pk=measure_id, case=case)
    form = MeasureStatusForm(request.POST)
    if form.is_valid() and form.cleaned_data["status"] in measure.allowed_moves():
        actions.do_change_measure_status(
            actor=request.user, measure=measure, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Measure status changed."))
    else:
        messages.error(request, _("This status change is not allowed."))
    return _overview(case, "measures")


def _letter_lang(request: AuthenticatedRequest) -> str:
    lang = request.POST.get("lang") or request.GET.get("lang") or "ja"
    return "en" if lang == "en" else "ja"


@login_required
def letter(request: AuthenticatedRequest, case_id: int, kind: str) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    if kind not in LetterKind.values:
        raise Http404
    lang = _letter_lang(request)
    template = letter_template(kind, lang)
    initial = letter_initial(case, template, request.user)
    form = LetterForm(request.POST or None, template=template, initial=initial)
    preview: list[Any] = []
    action = request.POST.get("action", "preview")
    if request.method == "POST" and form.is_valid():
        if action in ("docx", "pdf"):
            try:
                issued = actions.do_issue_letter(
                    actor=request.user,
                    case=case,
                    kind=kind,
                    lang=lang,
                    fmt=action,
                    subject=form.cleaned_data["subject"],
                    body=form.final_text(),
                    fields=form.values(),
                    record_cooperation=bool(form.cleaned_data.get("record_cooperation")),
                )
            except RenderError as error:
                use_en = (get_language() or "ja").startswith("en")
                form.add_error(None, error.message_en if use_en else error.message_ja)
            else:
                response = HttpResponse(issued.content, content_type=issued.content_type)
                response["Content-Disposition"] = f'attachment; filename="{issued.filename}"'
                response["X-Content-SHA256"] = issued.record.sha256
                return response
        else:
            # Preview starts again from the fields: the text box gets the freshly filled letter.
            body = form.filled_text()
            data = request.POST.copy()
            data["body"] = body
            form = LetterForm(data, template=template, initial=initial)
            form.is_valid()
            values = form.values()
            preview = layout(
                body,
                date_text=values["date"],
                company=values["company"],
                title=template.title,
            )
    return render(
        request,
        "measures/letter_form.html",
        {
            "case": case,
            "form": form,
            "kind": kind,
            "kind_label": LetterKind(kind).label,
            "lang": lang,
            "preview": preview,
        },
    )


@login_required
def cooperation_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    initial = {
        "counterpart_company": case.client_id,
        "requested_at": timezone.localtime().replace(second=0, microsecond=0),
    }
    form = CooperationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.do_record_cooperation_request(actor=request.user, case=case, **form.cleaned_data)
        messages.success(request, _("Cooperation request recorded."))
        return _overview(case, "cooperation")
    return render(request, "measures/cooperation_form.html", {"case": case, "form": form})


@login_required
def cooperation_answer(
    request: AuthenticatedRequest, case_id: int, request_id: int
) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    cooperation = get_object_or_404(CooperationRequest, pk=request_id, case=case)
    if not cooperation.is_waiting:
        messages.error(request, _("This request already has an answer."))
        return _overview(case, "cooperation")
    form = CooperationAnswerForm(
        request.POST or None,
        initial={"answered_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        actions.do_answer_cooperation_request(
            actor=request.user, cooperation=cooperation, **form.cleaned_data
        )
        messages.success(request, _("Answer recorded."))
        return _overview(case, "cooperation")
    return render(
        request,
        "measures/cooperation_answer.html",
        {"case": case, "cooperation": cooperation, "form": form},
    )


@login_required
def customers(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if user.organisation_id is None or not (user.can_handle_cases or user.sees_whole_organisation):
        raise PermissionDenied
    query = (request.GET.get("q") or "").strip()[:100]
    page = Paginator(register_entries(user.organisation_id, query), 50).get_page(
        request.GET.get("page")
    )
    rows = customer_rows(user.organisation_id, list(page.object_list))
    visible = visible_case_ids(user, [c for r in rows for c in r.cases])
    companies = client_company_counts(user.organisation_id)
    return render(
        request,
        "measures/customers.html",
        {
            "rows": rows,
            "page": page,
            "visible": visible,
            "companies": companies,
            "q": query,
            "pager_query": urlencode({"q": query}),
        },
    )
