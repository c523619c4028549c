"""Care plan, check-ins, care notes and interviews.

Views stay short: forms check the input, actions change the state.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.accounts.http import AuthenticatedRequest
from mamori.accounts.models import Role
from mamori.care import actions
from mamori.care.access import (
    access_care_notes,
    access_care_plan,
    can_change_care,
    is_care_team,
)
from mamori.care.forms import (
    CareNoteForm,
    CarePlanForm,
    CheckInDoneForm,
    CheckInForm,
    InterviewForm,
    plan_initial,
)
from mamori.care.models import CareCheckIn, CarePlan
from mamori.care.queries import facts_confirmed_from_both_sides
from mamori.cases.access import CaseAction, access_case_by_id, can_edit_case
from mamori.cases.models import Case


def _plan_url(plan: CarePlan, anchor: str = "") -> str:
    return reverse("care:plan", args=[plan.case_id]) + (f"#{anchor}" if anchor else "")


def _sees_case(request: AuthenticatedRequest, case: Case) -> bool:
    return Case.objects.visible_to(request.user).filter(pk=case.pk).exists()


@login_required
def care_plan(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    plan = access_care_plan(request.user, case_id)
    return render(
        request,
        "care/plan.html",
        {
            "plan": plan,
            "case": plan.case,
            "case_visible": _sees_case(request, plan.case),
            "check_ins": plan.check_ins.select_related("done_by"),
            "check_in_form": CheckInForm(),
            "done_form": CheckInDoneForm(),
            "can_change": can_change_care(request.user, plan),
            "note_count": plan.notes.count(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def care_open(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    # Whoever opens care by hand looks after the employee until the response
    # team names someone else; the response team itself needs no designation.
    carer = None if request.user.role == Role.RESPONSE_TEAM else request.user
    plan = actions.do_open_care_plan(actor=request.user, case=case, carer=carer)
    messages.success(request, _("Care plan opened."))
    if is_care_team(request.user, plan):
        return redirect(_plan_url(plan))
    return redirect(case.get_absolute_url())


@login_required
def care_edit(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    plan = access_care_plan(request.user, case_id, change=True)
    form = CarePlanForm(request.POST or None, user=request.user, initial=plan_initial(plan))
    if request.method == "POST" and form.is_valid():
        plan = actions.do_update_care_plan(actor=request.user, plan=plan, changes=form.cleaned_data)
        messages.success(request, _("Care plan saved."))
        if is_care_team(request.user, plan):
            return redirect(_plan_url(plan))
        # The user handed the care to someone else and no longer reads it.
        if _sees_case(request, plan.case):
            return redirect(plan.case.get_absolute_url())
        return redirect("cases:mine")
    return render(request, "care/plan_form.html", {"plan": plan, "case": plan.case, "form": form})


@login_required
@require_POST
def check_in_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    plan = access_care_plan(request.user, case_id, change=True)
    form = CheckInForm(request.POST)
    if not plan.is_open:
        messages.error(request, _("The care plan is closed: reopen it to plan a check-in."))
    elif form.is_valid():
        actions.do_add_check_in(actor=request.user, plan=plan, due=form.cleaned_data["due"])
        messages.success(request, _("Check-in planned."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(_plan_url(plan, "check-ins"))


@login_required
@require_POST
def check_in_done(request: AuthenticatedRequest, case_id: int, check_in_id: int) -> HttpResponse:
    plan = access_care_plan(request.user, case_id, change=True)
    check_in = get_object_or_404(CareCheckIn, pk=check_in_id, plan=plan)
    form = CheckInDoneForm(request.POST)
    if check_in.is_done:
        messages.error(request, _("This check-in is already recorded."))
    elif form.is_valid():
        actions.do_complete_check_in(
            actor=request.user, check_in=check_in, outcome=form.cleaned_data["outcome"]
        )
        messages.success(request, _("Check-in recorded."))
    else:
        messages.error(request, _("Write the outcome of the check-in."))
    return redirect(_plan_url(plan, "check-ins"))


@login_required
def care_notes(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    plan = access_care_plan(request.user, case_id)
    notes = list(access_care_notes(request.user, plan))
    form = CareNoteForm(request.POST or None)
    if request.method == "POST":
        if not can_change_care(request.user, plan):
            raise PermissionDenied
        if form.is_valid():
            actions.do_add_care_note(actor=request.user, plan=plan, body=form.cleaned_data["body"])
            messages.success(request, _("Care note saved."))
            return redirect(reverse("care:notes", args=[plan.case_id]))
    actions.do_record_care_notes_view(
        actor=request.user, plan=plan, note_ids=[note.pk for note in notes]
    )
    return render(
        request,
        "care/notes.html",
        {
            "plan": plan,
            "case": plan.case,
            "notes": notes,
            "form": form,
            "can_change": can_change_care(request.user, plan),
        },
    )


@login_required
def interview_list(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id)
    interviews = case.interviews.select_related("recorded_by").prefetch_related("interviewers")
    return render(
        request,
        "care/interviews.html",
        {
            "case": case,
            "interviews": interviews,
            "both_sides": facts_confirmed_from_both_sides(case),
            "can_edit": can_edit_case(request.user, case),
        },
    )


@login_required
def interview_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    initial = {
        "held_at": timezone.localtime().replace(second=0, microsecond=0),
        "interviewers": [request.user.pk],
        "side": request.GET.get("side", ""),
    }
    form = InterviewForm(request.POST or None, user=request.user, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        interview = actions.do_record_interview(
            actor=request.user,
            case=case,
            side=data["side"],
            held_at=data["held_at"],
            channel=data["channel"],
            summary=data["summary"],
            interviewee_party=data["interviewee_party"],
            interviewee_name=data["interviewee_name"],
            interviewers=list(data["interviewers"]),
            other_interviewers=data["other_interviewers"],
            place=data["place"],
            statements=data["statements"],
            next_steps=data["next_steps"],
        )
        messages.success(request, _("Interview recorded."))
        return redirect(reverse("care:interviews", args=[case.pk]) + f"#interview-{interview.pk}")
    return render(request, "care/interview_form.html", {"case": case, "form": form})
