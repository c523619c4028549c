"""Questions the compliance board asks about measures toward customers."""

from __future__ import annotations

from django.db.models import QuerySet

from mamori.measures.models import MeasureDecision, MeasureStatus
from mamori.orgs.models import Organisation


def deterrence_measures(
    organisation: Organisation | int, *, active_only: bool = False
) -> QuerySet[MeasureDecision]:
    """Measures decided toward customers on the organisation's cases, newest first.

    With ``active_only``, only those planned or in effect (not lifted). The
    rows carry no care information; ``select_related`` covers the case and
    who decided, so the board can list them without further queries.
    """
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    measures = MeasureDecision.objects.filter(case__organisation_id=organisation_id)
    if active_only:
        measures = measures.exclude(status=MeasureStatus.LIFTED)
    return measures.select_related("case", "decided_by").order_by("-decided_at", "-id")
