"""``{% sla_panel case %}``: the case's response time limits, for the case page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from mamori.notify.sla import limits_for, sla_status

register = template.Library()


@register.inclusion_tag("notify/_sla_panel.html")
def sla_panel(case: Any) -> dict[str, Any]:
    timers = sla_status(case)
    return {
        "case": case,
        "timers": timers,
        "limits": limits_for(case.severity) if timers else None,
        "now": timezone.now(),
    }
