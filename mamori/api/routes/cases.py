"""Cases and what is recorded on them: parties, timeline entries and tasks.

Reads start from ``Case.objects.visible_to`` / ``access_case_by_id``, so a
case the token's user may not see is 404 here as on the desk. Writes go
through the desk's forms (the same rules as the web pages) and actions.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.responses import codes_4xx
from pydantic import Field

from mamori.accounts.models import User
from mamori.api.auth import need_scope
from mamori.api.errors import ApiError, form_error
from mamori.api.models import Scope
from mamori.api.pagination import Paging, paginate
from mamori.api.schemas import (
    CaseCreateIn,
    CaseOut,
    CaseSummaryOut,
    EntryCreateIn,
    EntryOut,
    ErrorOut,
    Id,
    Page,
    PartyCreateIn,
    PartyOut,
    StatusChangeIn,
    TaskCreateIn,
    TaskOut,
)
from mamori.assessments.actions import current_labels
from mamori.cases import actions
from mamori.cases.access import CaseAction, access_case_by_id, can_open_cases
from mamori.cases.forms import EntryForm, IntakeForm, PartyForm, StatusForm, TaskForm
from mamori.cases.intake import IntakeError, intake_text
from mamori.cases.models import (
    Case,
    CaseKind,
    CaseParty,
    CaseStatus,
    Task,
    TimelineEntry,
    allowed_status_moves,
)

router = Router(tags=["cases"])

ERRORS: dict[Any, Any] = {codes_4xx: ErrorOut}


def user_ref(user: User) -> dict[str, Any]:
    return {"id": user.pk, "name": str(user)}


def case_summary(request: HttpRequest, case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "kind": case.kind,
        "title": case.title,
        "status": case.status,
        "severity": case.severity,
        "owner": user_ref(case.owner),
        "client": {"id": case.client.pk, "name": case.client.name} if case.client else None,
        "opened_at": case.opened_at,
        "closed_at": case.closed_at,
        "updated_at": case.updated_at,
        "url": request.build_absolute_uri(case.get_absolute_url()),
    }


def case_detail(request: HttpRequest, case: Case) -> dict[str, Any]:
    labels, correction = current_labels(case)
    department = case.department
    return {
        **case_summary(request, case),
        "department": {"id": department.pk, "name": department.name} if department else None,
        "topics": list(case.topics),
        "background": list(case.background),
        "assignees": [user_ref(u) for u in case.assignees.order_by("id")],
        "current_instalment": case.current_instalment,
        "allowed_status_moves": allowed_status_moves(case.status),
        "labels": {**labels, "confirmed": correction is not None} if labels else None,
    }


def party_out(party: CaseParty) -> dict[str, Any]:
    if party.worker_id:
        kind = "worker"
    elif party.contact_id:
        kind = "contact"
    elif party.user_id:
        kind = "user"
    else:
        kind = "name"
    return {
        "id": party.pk,
        "role": party.role,
        "kind": kind,
        "name": party.display_name,
        "note": party.note,
        "worker_id": party.worker_id,
        "contact_id": party.contact_id,
        "user_id": party.user_id,
    }


def entry_out(entry: TimelineEntry) -> dict[str, Any]:
    assessment = getattr(entry, "assessment", None)
    return {
        "id": entry.pk,
        "occurred_at": entry.occurred_at,
        "channel": entry.channel,
        "direction": entry.direction,
        "participants": list(entry.participants),
        "summary": entry.summary,
        "quotes": list(entry.quotes),
        "instalment": entry.instalment,
        "author": user_ref(entry.author),
        "created_at": entry.created_at,
        "assessment": {
            "verdict": assessment.verdict,
            "severity": assessment.severity,
            "categories": list(assessment.categories),
            "flags": list(assessment.flags),
            "topics": list(assessment.topics),
            "engine_version": assessment.engine_version,
        }
        if assessment is not None
        else None,
    }


def task_out(task: Task) -> dict[str, Any]:
    return {
        "id": task.pk,
        "title": task.title,
        "assignee": user_ref(task.assignee) if task.assignee else None,
        "due": task.due,
        "done_at": task.done_at,
        "is_done": task.is_done,
        "created_at": task.created_at,
    }


class CaseFilters(Paging):
    status: CaseStatus | None = None
    kind: CaseKind | None = None
    client: Id | None = Field(None, description="Client company id.")
    owner: Id | None = Field(None, description="Owner's user id.")


@router.get(
    "/cases",
    response={200: Page[CaseSummaryOut], **ERRORS},
    url_name="case_list",
    summary="List cases",
    description="Scope `cases:read`. Newest first; filter by status, kind, client, owner.",
)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    user = need_scope(request, Scope.CASES_READ)
    cases = Case.objects.visible_to(user).select_related("owner", "client")
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.client:
        cases = cases.filter(client_id=filters.client)
    if filters.owner:
        cases = cases.filter(owner_id=filters.owner)
    return paginate(
        cases.order_by("-opened_at", "-id"), filters, lambda c: case_summary(request, c)
    )


@router.post(
    "/cases",
    response={201: CaseOut, **ERRORS},
    url_name="case_create",
    summary="Open a case from a text (intake)",
    description="Scope `cases:write`. The text becomes the first timeline entry and is triaged.",
)
def create_case(request: HttpRequest, payload: CaseCreateIn) -> Status[dict[str, Any]]:
    user = need_scope(request, Scope.CASES_WRITE)
    if not can_open_cases(user):
        raise ApiError(403, "forbidden")
    form = IntakeForm(
        data={
            "kind": payload.kind,
            "title": payload.title,
            "client": payload.client_id or "",
            "text": payload.text,
        },
        files={},
        user=user,
    )
    if not form.is_valid():
        raise form_error(form, {"client": "client_id", "eml": "text"})
    data = form.cleaned_data
    try:
        case = intake_text(
            actor=user,
            text=data["text"],
            kind=data["kind"],
            title=data["title"],
            channel=payload.channel,
            client=data["client"],
        )
    except IntakeError as error:
        raise ApiError(
            400, error.code, message_ja=error.message_ja, message_en=error.message_en
        ) from error
    return Status(201, case_detail(request, case))


@router.get(
    "/cases/{case_id}",
    response={200: CaseOut, **ERRORS},
    url_name="case_detail",
    summary="One case",
    description="Scope `cases:read`. Reading a harassment case or consultation is audited.",
)
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    user = need_scope(request, Scope.CASES_READ)
    case = access_case_by_id(user, case_id)
    actions.do_record_view(actor=user, case=case)
    return case_detail(request, case)


@router.post(
    "/cases/{case_id}/status",
    response={200: CaseOut, **ERRORS},
    url_name="case_status",
    summary="Change a case's status",
    description="Scope `cases:write`. Allowed moves are listed in `allowed_status_moves`.",
)
def change_status(request: HttpRequest, case_id: int, payload: StatusChangeIn) -> dict[str, Any]:
    user = need_scope(request, Scope.CASES_WRITE)
    case = access_case_by_id(user, case_id, CaseAction.EDIT)
    form = StatusForm(data={"status": payload.status, "reason": payload.reason})
    if not form.is_valid():
        raise form_error(form)
    new = form.cleaned_data["status"]
    if new != case.status and new not in allowed_status_moves(case.status):
        raise ApiError(400, "status_change_not_allowed", params={"old": case.status, "new": new})
    case = actions.do_change_status(
        actor=user, case=case, status=new, reason=form.cleaned_data["reason"]
    )
    return case_detail(request, access_case_by_id(user, case.pk))


@router.get(
    "/cases/{case_id}/parties",
    response={200: Page[PartyOut], **ERRORS},
    url_name="party_list",
    summary="People involved in a case",
    description="Scope `cases:read`.",
)
def list_parties(request: HttpRequest, case_id: int, paging: Query[Paging]) -> dict[str, Any]:
    user = need_scope(request, Scope.CASES_READ)
    case = access_case_by_id(user, case_id)
    parties = case.parties.select_related("worker", "contact__client", "user").order_by("id")
    return paginate(parties, paging, party_out)


@router.post(
    "/cases/{case_id}/parties",
    response={201: PartyOut, **ERRORS},
    url_name="party_create",
    summary="Add a person to a case",
    description="Scope `cases:write`. Give exactly one of worker_id, contact_id, user_id, name.",
)
def add_party(request: HttpRequest, case_id: int, payload: PartyCreateIn) -> Status[dict[str, Any]]:
    user = need_scope(request, Scope.CASES_WRITE)
    case = access_case_by_id(user, case_id, CaseAction.EDIT)
    form = PartyForm(
        data={
            "role": payload.role,
            "worker": payload.worker_id or "",
            "contact": payload.contact_id or "",
            "staff": payload.user_id or "",
            "name": payload.name,
            "note": payload.note,
        },
        user=user,
    )
    if not form.is_valid():
        raise form_error(form, {"worker": "worker_id", "contact": "contact_id", "staff": "user_id"})
    data = dict(form.cleaned_data)
    data["user"] = data.pop("staff")
    party = actions.do_add_party(actor=user, case=case, **data)
    return Status(201, party_out(party))


@router.get(
    "/cases/{case_id}/entries",
    response={200: Page[EntryOut], **ERRORS},
    url_name="entry_list",
    summary="The case's timeline (対応経緯)",
    description="Scope `cases:read`. Oldest first, each with its triage assessment.",
)
def list_entries(request: HttpRequest, case_id: int, paging: Query[Paging]) -> dict[str, Any]:
    user = need_scope(request, Scope.CASES_READ)
    case = access_case_by_id(user, case_id)
    entries = case.entries.select_related("author", "assessment").order_by("occurred_at", "id")
    return paginate(entries, paging, entry_out)


@router.post(
    "/cases/{case_id}/entries",
    response={201: EntryOut, **ERRORS},
    url_name="entry_create",
    summary="Add a timeline entry",
    description="Scope `cases:write`. The entry is triaged at once.",
)
def add_entry(request: HttpRequest, case_id: int, payload: EntryCreateIn) -> Status[dict[str, Any]]:
    user = need_scope(request, Scope.CASES_WRITE)
    case = access_case_by_id(user, case_id, CaseAction.EDIT)
    form = EntryForm(
        data={
            "occurred_at": payload.occurred_at or timezone.now(),
            "channel": payload.channel,
            "direction": payload.direction,
            "participants": "\n".join(payload.participants),
            "summary": payload.summary,
            "quotes": "\n".join(payload.quotes),
            "instalment": payload.instalment or "",
        }
    )
    if not form.is_valid():
        raise form_error(form)
    entry = actions.do_add_timeline_entry(
        actor=user, case=case, entry=actions.EntryInput(**form.cleaned_data)
    )
    entry = TimelineEntry.objects.select_related("author", "assessment").get(pk=entry.pk)
    return Status(201, entry_out(entry))


@router.get(
    "/cases/{case_id}/tasks",
    response={200: Page[TaskOut], **ERRORS},
    url_name="task_list",
    summary="The case's next actions",
    description="Scope `cases:read`. Open tasks first, by due date.",
)
def list_tasks(request: HttpRequest, case_id: int, paging: Query[Paging]) -> dict[str, Any]:
    user = need_scope(request, Scope.CASES_READ)
    case = access_case_by_id(user, case_id)
    return paginate(case.tasks.select_related("assignee"), paging, task_out)


@router.post(
    "/cases/{case_id}/tasks",
    response={201: TaskOut, **ERRORS},
    url_name="task_create",
    summary="Add a task",
    description="Scope `cases:write`. The assignee must be a case handler of your organisation.",
)
def add_task(request: HttpRequest, case_id: int, payload: TaskCreateIn) -> Status[dict[str, Any]]:
    user = need_scope(request, Scope.CASES_WRITE)
    case = access_case_by_id(user, case_id, CaseAction.EDIT)
    form = TaskForm(
        data={
            "title": payload.title,
            "assignee": payload.assignee_id or "",
            "due": payload.due or "",
        },
        user=user,
    )
    if not form.is_valid():
        raise form_error(form, {"assignee": "assignee_id"})
    task = actions.do_add_task(actor=user, case=case, **form.cleaned_data)
    return Status(201, task_out(task))


@router.post(
    "/cases/{case_id}/tasks/{task_id}/complete",
    response={200: TaskOut, **ERRORS},
    url_name="task_complete",
    summary="Mark a task done",
    description="Scope `cases:write`. Completing a done task changes nothing.",
)
def complete_task(request: HttpRequest, case_id: int, task_id: int) -> dict[str, Any]:
    user = need_scope(request, Scope.CASES_WRITE)
    case = access_case_by_id(user, case_id, CaseAction.EDIT)
    task = case.tasks.filter(pk=task_id).first()
    if task is None:
        raise ApiError(404, "not_found")
    task = actions.do_set_task_done(actor=user, task=task, done=True)
    return task_out(Task.objects.select_related("assignee").get(pk=task.pk))
