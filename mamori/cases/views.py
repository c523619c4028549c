"""Case desk pages. Views stay short: forms validate, actions change state."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.accounts.http import AuthenticatedRequest
from mamori.accounts.models import Role
from mamori.assessments.actions import do_correct_labels, suggested_from
from mamori.assessments.forms import LabelCorrectionForm
from mamori.assessments.highlight import highlight
from mamori.audit.actions import record_event
from mamori.audit.models import EventType
from mamori.cases import actions
from mamori.cases.access import CaseAction, access_case_by_id, can_edit_case, can_open_cases
from mamori.cases.forms import (
    CaseEditForm,
    CaseFilterForm,
    EntryForm,
    EvidenceForm,
    IntakeForm,
    PartyForm,
    StatusForm,
    TaskForm,
    case_initial,
)
from mamori.cases.intake import IntakeError, intake_eml, intake_text
from mamori.cases.models import (
    Case,
    CaseParty,
    CaseStatus,
    EvidenceFile,
    Task,
    TimelineEntry,
    allowed_status_moves,
)
from mamori.cases.retention import do_set_legal_hold
from mamori.cases.uploads import UploadRejected
from mamori.plans.models import ItemKind, Side
from mamori.reports.build import instalments_of


def _lang() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


def _triage_context(case: Case, entries: list[TimelineEntry]) -> dict[str, Any]:
    from mamori.triage import CATEGORIES, FLAGS, TOPICS, VERDICTS, label_name

    lang = _lang()
    names = {
        label: label_name(label, lang)
        for label in (
            *CATEGORIES,
            *FLAGS,
            *TOPICS,
            *VERDICTS,
            "valid",
            "invalid",
            "unclear",
            "acceptable",
            "unacceptable",
        )
    }
    for entry in entries:
        assessment = getattr(entry, "assessment", None)
        entry.marked_summary = (  # type: ignore[attr-defined]
            highlight(entry.summary, assessment.findings, names) if assessment is not None else None
        )
    # One fetch of the assessments and corrections serves the labels, the
    # suggestion, the evidence list and the history below.
    assessed = [entry for entry in entries if getattr(entry, "assessment", None) is not None]
    assessed.sort(key=lambda entry: (entry.occurred_at, entry.assessment.pk))
    assessments = [entry.assessment for entry in assessed]
    internal = {entry.pk for entry in entries if entry.direction == "internal"}
    # The suggestion reads them in the order every other caller does (ties
    # between equally grave entries go to the earliest assessment).
    suggested = suggested_from(sorted(assessments, key=lambda a: (a.created_at, a.pk)), internal)
    corrections = list(case.label_corrections.select_related("corrected_by"))
    correction = corrections[-1] if corrections else None
    labels = dict(correction.new) if correction is not None else suggested
    form = LabelCorrectionForm(
        initial=labels
        or {
            "verdict": "needs_review",
            "demand_validity": "unclear",
            "means": "unclear",
            "topics": ["other"],
        }
    )
    findings: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    # The case-level list explains the labels; topic hits and repeats stay in the entries.
    for a in assessments:
        for finding in a.findings:
            key = (finding["label"], finding["quote"])
            if finding.get("kind") not in {"category", "flag"} or key in seen:
                continue
            seen.add(key)
            findings.append(
                {
                    **finding,
                    "name": names.get(finding["label"], finding["label"]),
                    "entry": a.entry_id,
                }
            )
    return {
        "labels": labels,
        "label_names": names,
        "correction": correction,
        "suggested": suggested,
        "correction_form": form,
        "corrections": corrections,
        "findings": findings,
    }


def _plan_context(case: Case) -> dict[str, Any]:
    plan = getattr(case, "plan", None)
    if plan is None:
        return {"plan": None}
    items = list(plan.items.select_related("task", "evidence_file"))
    return {
        "plan": plan,
        "customer_points": [
            i for i in items if i.kind == ItemKind.POINT and i.side == Side.CUSTOMER
        ],
        "worker_points": [i for i in items if i.kind == ItemKind.POINT and i.side == Side.WORKER],
        "other_points": [i for i in items if i.kind == ItemKind.POINT and i.side == Side.NONE],
        "evidence_items": [i for i in items if i.kind == ItemKind.EVIDENCE],
        "stakeholders": [i for i in items if i.kind == ItemKind.STAKEHOLDER],
        "avoid_items": [i for i in items if i.kind == ItemKind.AVOID],
        "action_items": [i for i in items if i.kind == ItemKind.ACTION],
    }


def _intake_message(error: IntakeError) -> str:
    return error.message_ja if (get_language() or "ja").startswith("ja") else error.message_en


@login_required
def my_cases(request: AuthenticatedRequest) -> HttpResponse:
    visible = Case.objects.visible_to(request.user)
    cases = (
        visible.filter(Q(owner=request.user) | Q(assignees=request.user))
        .exclude(status=CaseStatus.CLOSED)
        .select_related("client", "owner")
        .distinct()
    )
    tasks = (
        Task.objects.filter(assignee=request.user, done_at__isnull=True, case__in=visible)
        .select_related("case")
        .order_by("due", "id")
    )
    return render(
        request,
        "cases/my_cases.html",
        {"cases": cases, "tasks": tasks, "today": timezone.localdate()},
    )


@login_required
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None, user=request.user)
    cases = form.filter(Case.objects.visible_to(request.user).select_related("client", "owner"))
    page = Paginator(cases.order_by("-opened_at"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def case_new(request: AuthenticatedRequest) -> HttpResponse:
    if not can_open_cases(request.user):
        raise PermissionDenied
    form = IntakeForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["eml"] is not None:
                upload = data["eml"]
                case = intake_eml(
                    actor=request.user,
                    data=upload.read(),
                    file_name=upload.name,
                    kind=data["kind"],
                    client=data["client"],
                )
            else:
                case = intake_text(
                    actor=request.user,
                    text=data["text"],
                    kind=data["kind"],
                    title=data["title"],
                    client=data["client"],
                )
        except IntakeError as error:
            form.add_error(None, _intake_message(error))
        else:
            if data["title"] and data["eml"] is not None:
                actions.do_update_case(
                    actor=request.user, case=case, changes={"title": data["title"]}
                )
            messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_new.html", {"form": form})


@login_required
def case_detail(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id)
    actions.do_record_view(actor=request.user, case=case)
    entries = list(case.entries.select_related("author", "assessment").prefetch_related("files"))
    instalments = [
        (number, list(group))
        for number, group in groupby(
            sorted(entries, key=lambda e: (e.instalment, e.occurred_at, e.pk)),
            key=lambda e: e.instalment,
        )
    ]
    context: dict[str, Any] = {
        "case": case,
        "can_edit": can_edit_case(request.user, case),
        "parties": case.parties.select_related("worker", "contact", "user"),
        "instalments": instalments,
        "tasks": case.tasks.select_related("assignee"),
        "files": case.files.select_related("uploaded_by"),
        "status_moves": allowed_status_moves(case.status),
        "entry_form": EntryForm(
            initial={
                "occurred_at": timezone.localtime()
                .replace(second=0, microsecond=0)
                .strftime("%Y-%m-%dT%H:%M")
            }
        ),
        "task_form": TaskForm(user=request.user),
        "status_form": StatusForm(),
        "today": timezone.localdate(),
        **_triage_context(case, entries),
        **_plan_context(case),
        "report_instalments": instalments_of(case),
    }
    return render(request, "cases/case_detail.html", context)


@login_required
@require_POST
def case_next_instalment(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    try:
        case = actions.do_start_next_instalment(actor=request.user, case=case)
    except actions.ActionError:
        messages.error(request, _("Add an entry to the current instalment first."))
    else:
        messages.success(
            request,
            _("Instalment %(number)s started: new entries go into it.")
            % {"number": case.current_instalment},
        )
    return redirect(f"{case.get_absolute_url()}#timeline")


@login_required
@require_POST
def case_legal_hold(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id)
    if request.user.role != Role.HR_ADMIN:
        raise PermissionDenied
    hold = request.POST.get("hold") == "1"
    reason = request.POST.get("reason", "")
    if hold and not reason.strip():
        messages.error(request, _("Give the reason for the legal hold."))
    else:
        do_set_legal_hold(actor=request.user, case=case, hold=hold, reason=reason)
        messages.success(request, _("Legal hold set.") if hold else _("Legal hold lifted."))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_labels(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    form = LabelCorrectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        do_correct_labels(actor=request.user, case=case, labels=data, note=data["note"])
        messages.success(request, _("Labels saved."))
    else:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("Labels not saved: %(errors)s") % {"errors": errors})
    return redirect(f"{case.get_absolute_url()}#triage")


@login_required
def case_edit(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    form = CaseEditForm(request.POST or None, user=request.user, initial=case_initial(case))
    if request.method == "POST" and form.is_valid():
        actions.do_update_case(actor=request.user, case=case, changes=form.cleaned_data)
        messages.success(request, _("Case updated."))
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"case": case, "form": form})


@login_required
@require_POST
def case_status(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    form = StatusForm(request.POST)
    if form.is_valid() and form.cleaned_data["status"] in allowed_status_moves(case.status):
        actions.do_change_status(
            actor=request.user,
            case=case,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Status changed."))
    else:
        messages.error(request, _("This status change is not allowed."))
    return redirect("cases:detail", case_id=case.pk)


@login_required
def entry_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_add_timeline_entry(
            actor=request.user, case=case, entry=actions.EntryInput(**form.cleaned_data)
        )
        messages.success(request, _("Timeline entry added."))
        return redirect(f"{case.get_absolute_url()}#timeline")
    return render(request, "cases/entry_form.html", {"case": case, "form": form})


@login_required
def entry_edit(request: AuthenticatedRequest, case_id: int, entry_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    entry = get_object_or_404(TimelineEntry, pk=entry_id, case=case)
    initial = {
        "occurred_at": timezone.localtime(entry.occurred_at).strftime("%Y-%m-%dT%H:%M"),
        "channel": entry.channel,
        "direction": entry.direction,
        "participants": entry.participants,
        "summary": entry.summary,
        "quotes": entry.quotes,
        "instalment": entry.instalment,
    }
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        if changes["instalment"] is None:
            changes["instalment"] = entry.instalment
        actions.do_update_timeline_entry(actor=request.user, entry=entry, changes=changes)
        messages.success(request, _("Timeline entry updated."))
        return redirect(f"{case.get_absolute_url()}#timeline")
    return render(request, "cases/entry_form.html", {"case": case, "form": form, "entry": entry})


@login_required
def task_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    form = TaskForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.do_add_task(actor=request.user, case=case, **form.cleaned_data)
        messages.success(request, _("Task added."))
        return redirect(f"{case.get_absolute_url()}#tasks")
    return render(request, "cases/task_form.html", {"case": case, "form": form})


@login_required
@require_POST
def task_toggle(request: AuthenticatedRequest, case_id: int, task_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    task = get_object_or_404(Task, pk=task_id, case=case)
    actions.do_set_task_done(actor=request.user, task=task, done=not task.is_done)
    return redirect(f"{case.get_absolute_url()}#tasks")


@login_required
def party_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    form = PartyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["user"] = data.pop("staff")
        actions.do_add_party(actor=request.user, case=case, **data)
        messages.success(request, _("Party added."))
        return redirect(f"{case.get_absolute_url()}#parties")
    return render(request, "cases/party_form.html", {"case": case, "form": form})


@login_required
@require_POST
def party_remove(request: AuthenticatedRequest, case_id: int, party_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    party = get_object_or_404(CaseParty, pk=party_id, case=case)
    actions.do_remove_party(actor=request.user, party=party)
    messages.success(request, _("Party removed."))
    return redirect(f"{case.get_absolute_url()}#parties")


@login_required
def file_add(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            actions.do_attach_evidence(
                actor=request.user,
                case=case,
                file=actions.FileInput(
                    name=upload.name,
                    content=upload.read(),
                    description=form.cleaned_data["description"],
                ),
            )
        except UploadRejected as rejected:
            form.add_error("file", rejected.message_en if _lang() == "en" else rejected.message_ja)
        else:
            messages.success(request, _("File attached."))
            return redirect(f"{case.get_absolute_url()}#files")
    return render(request, "cases/file_form.html", {"case": case, "form": form})


@login_required
def file_download(request: AuthenticatedRequest, case_id: int, file_id: int) -> FileResponse:
    case = access_case_by_id(request.user, case_id)
    evidence = get_object_or_404(EvidenceFile, pk=file_id, case=case)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    with transaction.atomic():
        record_event(
            actor=request.user,
            event_type=EventType.FILE_DOWNLOADED,
            case=case,
            obj=evidence,
            data={"name": evidence.original_name, "sha256": evidence.sha256},
        )
    # Always a download, never rendered inline: an uploaded HTML file must not run here.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type="application/octet-stream",
    )
