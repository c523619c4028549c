"""Who may read a self-report, its messages and its reporter's identity.

The report page is for the response team, and for the manager the reporter
chose as first contact. The reporter's identity is for the response team
alone: the chosen manager, HR, handlers and auditors get 404, like anyone
outside the organisation.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from mamori.accounts.models import Role
from mamori.consult.models import Route, SelfReport


def reports_visible_to(user: Any) -> QuerySet[SelfReport]:
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return SelfReport.objects.none()
    mine = SelfReport.objects.filter(organisation_id=user.organisation_id)
    if user.role == Role.RESPONSE_TEAM:
        return mine
    return mine.filter(route=Route.MANAGER, first_contact=user)


def access_report_by_id(user: Any, report_id: int) -> SelfReport:
    try:
        return (
            reports_visible_to(user)
            .select_related("case", "case__owner", "first_contact", "organisation")
            .get(pk=report_id)
        )
    except (SelfReport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_view_identity(user: Any, report: SelfReport) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.role == Role.RESPONSE_TEAM
        and user.organisation_id == report.organisation_id
    )


def access_identity_by_report_id(user: Any, report_id: int) -> SelfReport:
    report = access_report_by_id(user, report_id)
    if not can_view_identity(user, report):
        raise Http404
    return report


def own_reports(user: Any) -> QuerySet[SelfReport]:
    """Reports the signed-in user made themselves (named or anonymous toward others)."""
    if not getattr(user, "is_authenticated", False):
        return SelfReport.objects.none()
    return SelfReport.objects.filter(identity__user=user, signed_in=True)


def access_own_report(user: Any, report_id: int) -> SelfReport:
    try:
        return own_reports(user).select_related("case").get(pk=report_id)
    except (SelfReport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
