"""The one place that decides who may see or change a case.

A case the user may not see answers 404 (never 403), so nobody learns that a
harassment case exists.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mamori.cases.models import Case

if TYPE_CHECKING:
    from mamori.accounts.models import User


class CaseAction(Enum):
    VIEW = "view"
    EDIT = "edit"


def access_case_by_id(user: User | Any, case_id: int, action: CaseAction = CaseAction.VIEW) -> Case:
    try:
        case = (
            Case.objects.visible_to(user)
            .select_related("owner", "client", "department", "organisation")
            .get(pk=case_id)
        )
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if action is CaseAction.EDIT and not can_edit_case(user, case):
        raise PermissionDenied
    # The panels of the case page ask again; this instance already answered.
    setattr(case, _SEEN_BY, user.pk)
    return case


_SEEN_BY = "_mamori_visible_to_user"


def may_see_case(user: User | Any, case: Case) -> bool:
    """Whether the user may see the case (no query for a case fetched for them above)."""
    if user.pk is not None and getattr(case, _SEEN_BY, None) == user.pk:
        return True
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def can_edit_case(user: User | Any, case: Case) -> bool:
    if user.is_read_only:
        return False
    return bool(
        user.can_handle_cases
        or case.owner_id == user.pk
        or case.assignees.filter(pk=user.pk).exists()
    )


def can_open_cases(user: User | Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.organisation_id and user.can_handle_cases
    )
