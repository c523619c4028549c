"""Working through a case's response plan from the case page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.accounts.http import AuthenticatedRequest
from mamori.cases.access import CaseAction, access_case_by_id
from mamori.cases.models import EvidenceFile
from mamori.plans import actions
from mamori.plans.models import ItemStatus, PlanItem


def _back(case_url: str) -> HttpResponse:
    return redirect(f"{case_url}#plan")


@login_required
@require_POST
def plan_build(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    actions.do_build_plan(actor=request.user, case=case)
    messages.success(request, _("Response plan updated from the case's labels."))
    return _back(case.get_absolute_url())


def _item(request: AuthenticatedRequest, case_id: int, item_id: int) -> tuple[str, PlanItem]:
    case = access_case_by_id(request.user, case_id, CaseAction.EDIT)
    item = get_object_or_404(PlanItem, pk=item_id, plan__case=case)
    return case.get_absolute_url(), item


@login_required
@require_POST
def item_update(request: AuthenticatedRequest, case_id: int, item_id: int) -> HttpResponse:
    url, item = _item(request, case_id, item_id)
    status = request.POST.get("status")
    if status is not None and status not in ItemStatus.values:
        messages.error(request, _("Unknown status."))
        return _back(url)
    comment = request.POST.get("comment")
    if comment is not None and len(comment) > 500:
        messages.error(request, _("The comment is too long (500 characters at most)."))
        return _back(url)
    actions.do_update_plan_item(actor=request.user, item=item, status=status, comment=comment)
    return _back(url)


@login_required
@require_POST
def item_to_task(request: AuthenticatedRequest, case_id: int, item_id: int) -> HttpResponse:
    url, item = _item(request, case_id, item_id)
    task = actions.do_item_to_task(actor=request.user, item=item)
    messages.success(request, _("Task created: %(title)s") % {"title": task.title})
    return _back(url)


@login_required
@require_POST
def item_evidence(request: AuthenticatedRequest, case_id: int, item_id: int) -> HttpResponse:
    url, item = _item(request, case_id, item_id)
    choice = request.POST.get("file", "")
    if choice == "missing":
        actions.do_link_evidence(actor=request.user, item=item, evidence=None, missing=True)
    elif choice == "":
        actions.do_link_evidence(actor=request.user, item=item, evidence=None)
    else:
        try:
            evidence = EvidenceFile.objects.get(pk=int(choice), case_id=item.plan.case_id)
        except (ValueError, EvidenceFile.DoesNotExist):
            messages.error(request, _("Choose a file attached to this case."))
            return _back(url)
        actions.do_link_evidence(actor=request.user, item=item, evidence=evidence)
    return _back(url)
