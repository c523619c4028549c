"""Case-page panels of the care app: ``{% care_panel case %}`` and ``{% interviews_panel case %}``.

Both render nothing for a user who may not see the case. The care panel shows
only the plan's non-sensitive status (open or closed, the carer, the next
check-in date and whether safety is ensured) to everyone who sees the case;
the link to the plan and its notes appears only for the care team.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from mamori.care.access import is_care_team
from mamori.care.models import CarePlan
from mamori.care.queries import facts_confirmed_from_both_sides
from mamori.cases.access import can_edit_case, may_see_case
from mamori.cases.models import Case

register = template.Library()


def _viewer(context: template.Context, case: Case) -> Any:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not isinstance(case, Case):
        return None
    if not may_see_case(user, case):
        return None
    return user


@register.inclusion_tag("care/_care_panel.html", takes_context=True)
def care_panel(context: template.Context, case: Case) -> dict[str, Any]:
    user = _viewer(context, case)
    if user is None:
        return {"show": False}
    plan = CarePlan.objects.filter(case_id=case.pk).select_related("carer", "case").first()
    today = timezone.localdate()
    next_check_in = plan.next_check_in() if plan is not None else None
    return {
        "show": True,
        "case": case,
        "plan": plan,
        "next_check_in": next_check_in,
        "overdue": plan.overdue_check_ins(today).count() if plan is not None else 0,
        "today": today,
        "care_team": plan is not None and is_care_team(user, plan),
        "can_open": plan is None and can_edit_case(user, case),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("care/_interviews_panel.html", takes_context=True)
def interviews_panel(context: template.Context, case: Case) -> dict[str, Any]:
    user = _viewer(context, case)
    if user is None:
        return {"show": False}
    return {
        "show": True,
        "case": case,
        "interviews": list(case.interviews.all()),
        "both_sides": facts_confirmed_from_both_sides(case),
        "can_edit": can_edit_case(user, case),
    }
