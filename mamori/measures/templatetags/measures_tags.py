"""Case-page panel of the measures app: ``{% measures_panel case %}``.

Renders nothing for a user who may not see the case. The repeat-customer
warning counts every earlier case of the organisation with the same
complainant but links only to the cases this user may see.
"""

from __future__ import annotations

from typing import Any

from django import template

from mamori.cases.access import can_edit_case, may_see_case
from mamori.cases.models import Case
from mamori.measures.models import LetterKind
from mamori.measures.register import customer_histories

register = template.Library()


def measures_context(user: Any, case: Case) -> dict[str, Any]:
    """What the panel and the measures page show; the caller has checked ``user`` sees ``case``."""
    found = customer_histories(case)
    measures = list(case.measures.select_related("decided_by"))
    # Only the cases shown here are checked, not every case of the organisation.
    shown = {c.pk for h in found for c in h.latest} | {m.case_id for h in found for m in h.measures}
    visible = set(Case.objects.visible_to(user).filter(pk__in=shown).values_list("pk", flat=True))
    histories = [
        {
            "name": h.name,
            "count": h.count,
            "links": [c for c in h.latest if c.pk in visible],
            "measures": h.measures,
        }
        for h in found
    ]
    return {
        "histories": histories,
        "measures": measures,
        "letters": list(case.letters.select_related("issued_by")),
        "cooperation": list(
            case.cooperation_requests.select_related("counterpart_company", "letter")
        ),
        "letter_kinds": LetterKind.choices,
        "can_edit": can_edit_case(user, case),
        "visible": visible,
    }


@register.inclusion_tag("measures/_measures_panel.html", takes_context=True)
def measures_panel(context: template.Context, case: Case) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not isinstance(case, Case):
        return {"show": False}
    if not may_see_case(user, case):
        return {"show": False}
    return {
        "show": True,
        "case": case,
        "csrf_token": context.get("csrf_token"),
        **measures_context(user, case),
    }
