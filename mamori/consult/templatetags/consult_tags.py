"""``{% consult_panel case %}``: on the case page, a link to the desk's report and thread."""

from __future__ import annotations

from typing import Any

from django import template

from mamori.consult.access import reports_visible_to
from mamori.consult.models import MessageSide

register = template.Library()


@register.inclusion_tag("consult/_case_panel.html", takes_context=True)
def consult_panel(context: dict[str, Any], case: Any) -> dict[str, Any]:
    user = context.get("user")
    report = reports_visible_to(user).filter(case=case).first()
    last = report.messages.order_by("-created_at", "-id").first() if report is not None else None
    return {
        "report": report,
        "awaiting_reply": last is not None and last.side == MessageSide.REPORTER,
        "message_count": report.messages.count() if report is not None else 0,
    }
