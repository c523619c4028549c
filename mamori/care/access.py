"""Who may see an employee's care: the one rule, written once.

The care plan's details (health referral, leave wishes, check-in outcomes) and
above all its notes belong to the *care team*: the organisation's response
team and the plan's designated carer. Everyone else — the case owner, managers,
HR, the auditor, outsiders — gets 404 on every care page and sees only the
plan's non-sensitive status on the case page (open or closed, the carer, the
next check-in date).

The designated carer may not otherwise see the case (a manager from another
team, say); the care pages then still open for them, showing the case number
and title but nothing of the case file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from mamori.accounts.models import Role
from mamori.care.models import CareNote, CarePlan

if TYPE_CHECKING:
    from mamori.accounts.models import User


def is_care_team(user: User | Any, plan: CarePlan) -> bool:
    """The response team of the plan's organisation, and the plan's designated carer."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.organisation_id is None or user.organisation_id != plan.case.organisation_id:
        return False
    return bool(user.role == Role.RESPONSE_TEAM or plan.carer_id == user.pk)


def can_change_care(user: User | Any, plan: CarePlan) -> bool:
    return is_care_team(user, plan) and not user.is_read_only


def access_care_plan(user: User | Any, case_id: int, *, change: bool = False) -> CarePlan:
    """The case's care plan for a member of its care team; 404 for anyone else."""
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:
        raise Http404
    try:
        plan = CarePlan.objects.select_related(
            "case", "case__organisation", "carer", "worker", "employee", "first_interview_by"
        ).get(case_id=case_id, case__organisation_id=organisation_id)
    except (CarePlan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not is_care_team(user, plan):
        raise Http404
    if change and not can_change_care(user, plan):
        raise PermissionDenied
    return plan


def access_care_notes(user: User | Any, plan: CarePlan) -> QuerySet[CareNote]:
    """The plan's notes, for the care team only; every reader of notes goes through here."""
    if not is_care_team(user, plan):
        raise Http404
    return plan.notes.select_related("author").order_by("created_at", "id")
