"""Pages of the consultation desk: reporting, following up, and the desk's side.

Views stay short: forms validate, actions change state, ``access`` decides who
sees what (404 for anyone else).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import check_password, make_password
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mamori.accounts.http import AuthenticatedRequest
from mamori.cases.models import Case
from mamori.consult import throttle
from mamori.consult.access import (
    access_identity_by_report_id,
    access_own_report,
    access_report_by_id,
    can_view_identity,
    own_reports,
    reports_visible_to,
)
from mamori.consult.actions import (
    ConsultError,
    do_post_desk_message,
    do_post_reporter_message,
    do_submit_self_report,
    do_view_identity,
)
from mamori.consult.forms import (
    FollowForm,
    MessageForm,
    PublicReportForm,
    ReportForm,
    SignedInReportForm,
)
from mamori.consult.keys import key_digest
from mamori.consult.models import ConsultMessage, SelfReport
from mamori.consult.notices import notices
from mamori.orgs.models import Organisation

# The one report a key holder may follow in this session, and the key to show once.
SESSION_FOLLOW = "consult_follow_report"
SESSION_NEW_KEY = "consult_new_key"


def _form_page(request: HttpRequest, form: ReportForm, **extra: Any) -> HttpResponse:
    context = {
        "form": form,
        "notice": notices("report_form_intro", "no_adverse_treatment", "anonymous_key_help"),
        **extra,
    }
    return render(request, "consult/report_form.html", context)


def _submit_failed(form: ReportForm) -> None:
    form.add_error(
        None, _("The report could not be recorded. Please check your choices and send it again.")
    )


@login_required
def report_signed_in(request: AuthenticatedRequest) -> HttpResponse:
    organisation = request.user.organisation
    if organisation is None:
        raise Http404
    form = SignedInReportForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            submitted = do_submit_self_report(
                organisation=organisation, reporter=request.user, data=form.report_input()
            )
        except ConsultError:
            _submit_failed(form)
        else:
            messages.success(
                request,
                _("Thank you for telling us. The desk will contact you here."),
            )
            return redirect("consult:mine_detail", report_id=submitted.report.pk)
    return _form_page(request, form, signed_in=True, organisation=organisation)


def report_public(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org_slug)
    form = PublicReportForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            submitted = do_submit_self_report(
                organisation=organisation, reporter=None, data=form.report_input()
            )
        except ConsultError:
            _submit_failed(form)
        else:
            request.session.cycle_key()
            request.session[SESSION_NEW_KEY] = submitted.key
            request.session[SESSION_FOLLOW] = submitted.report.pk
            return redirect("consult:submitted")
    return _form_page(request, form, signed_in=False, organisation=organisation)


@never_cache
def submitted(request: HttpRequest) -> HttpResponse:
    # Popped: the key is shown once and is nowhere else in readable form.
    key = request.session.pop(SESSION_NEW_KEY, None)
    return render(
        request,
        "consult/submitted.html",
        {"key": key, "notice": notices("anonymous_key_help", "no_adverse_treatment")},
    )


@never_cache
def follow(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        digest = key_digest(form.cleaned_data["key"])
        passphrase = form.cleaned_data["passphrase"]
        if throttle.is_locked(digest):
            form.add_error(None, _locked_message())
        else:
            report = SelfReport.objects.filter(key_digest=digest).first()
            if report is not None:
                ok = check_password(passphrase, report.passphrase_hash)
            else:
                # Hash anyway so an unknown key takes as long as a wrong passphrase.
                make_password(passphrase)
                ok = False
            if ok and report is not None:
                throttle.reset(digest)
                request.session.cycle_key()
                request.session[SESSION_FOLLOW] = report.pk
                return redirect("consult:follow_thread")
            failures = throttle.record_failure(digest)
            if failures >= throttle.MAX_FAILURES:
                form.add_error(None, _locked_message())
            else:
                form.add_error(None, _("The report key or the passphrase is not correct."))
    return render(
        request,
        "consult/follow.html",
        {"form": form, "notice": notices("anonymous_key_help")},
    )


def _locked_message() -> str:
    return _(
        "Too many wrong attempts for this report key. For your protection, "
        "please wait %(minutes)s minutes and try again."
    ) % {"minutes": throttle.WINDOW_SECONDS // 60}


def _followed_report(request: HttpRequest) -> SelfReport | None:
    report_id = request.session.get(SESSION_FOLLOW)
    if not isinstance(report_id, int):
        return None
    return SelfReport.objects.select_related("case").filter(pk=report_id).first()


def _thread_context(report: SelfReport, form: MessageForm) -> dict[str, Any]:
    return {
        "report": report,
        "thread": report.messages.select_related("author"),
        "form": form,
        "notice": notices("no_adverse_treatment"),
    }


@never_cache
def follow_thread(request: HttpRequest) -> HttpResponse:
    report = _followed_report(request)
    if report is None:
        messages.info(request, _("Enter your report key and passphrase."))
        return redirect("consult:follow")
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_post_reporter_message(report=report, body=form.cleaned_data["body"])
        messages.success(request, _("Your message was sent to the desk."))
        return redirect("consult:follow_thread")
    context = _thread_context(report, form)
    return render(request, "consult/thread.html", {**context, "keyed": True})


@require_POST
def follow_leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_FOLLOW, None)
    request.session.cycle_key()
    messages.info(request, _("You have left the report. Your key and passphrase open it again."))
    return redirect("consult:follow")


@login_required
def mine(request: AuthenticatedRequest) -> HttpResponse:
    reports = own_reports(request.user).select_related("case")
    return render(request, "consult/mine.html", {"reports": reports})


@login_required
@never_cache
def mine_detail(request: AuthenticatedRequest, report_id: int) -> HttpResponse:
    report = access_own_report(request.user, report_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_post_reporter_message(
            report=report, body=form.cleaned_data["body"], reporter=request.user
        )
        messages.success(request, _("Your message was sent to the desk."))
        return redirect("consult:mine_detail", report_id=report.pk)
    context = _thread_context(report, form)
    return render(request, "consult/thread.html", {**context, "keyed": False})


@login_required
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    last_side = (
        ConsultMessage.objects.filter(report=OuterRef("pk"))
        .order_by("-created_at", "-id")
        .values("side")[:1]
    )
    reports = (
        reports_visible_to(request.user)
        .select_related("case", "first_contact")
        .annotate(last_side=Subquery(last_side))
    )
    return render(request, "consult/staff_list.html", {"reports": reports[:500]})


@login_required
def staff_detail(request: AuthenticatedRequest, report_id: int) -> HttpResponse:
    report = access_report_by_id(request.user, report_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        if request.user.is_read_only:
            raise Http404
        if form.is_valid():
            do_post_desk_message(actor=request.user, report=report, body=form.cleaned_data["body"])
            messages.success(request, _("Message sent to the reporter."))
            return redirect("consult:report_detail", report_id=report.pk)
    context = {
        **_thread_context(report, form),
        "can_view_identity": can_view_identity(request.user, report),
        "can_open_case": Case.objects.visible_to(request.user).filter(pk=report.case_id).exists(),
        "notice": notices("care_first", "no_adverse_treatment"),
    }
    return render(request, "consult/staff_detail.html", context)


@login_required
@never_cache
def identity(request: AuthenticatedRequest, report_id: int) -> HttpResponse:
    report = access_identity_by_report_id(request.user, report_id)
    found = do_view_identity(actor=request.user, report=report)
    return render(request, "consult/identity.html", {"report": report, "identity": found})
