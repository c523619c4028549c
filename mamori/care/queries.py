"""Questions the compliance board asks of a case's care and fact-finding.

None of these reveals care notes or other sensitive text; each answers yes or no.
"""

from __future__ import annotations

from django.db.models import Q

from mamori.care.models import CarePlan, InterviewSide, Referral
from mamori.cases.models import Case


def care_started(case: Case) -> bool:
    """A care plan exists and at least one care step was taken.

    A step is: safety ensured, the first interview held, a referral offered,
    a check-in done or a care note written. A plan opened automatically on a
    harassment case, with nothing done yet, does not count.
    """
    return (
        CarePlan.objects.filter(case_id=case.pk)
        .filter(
            Q(safety_done=True)
            | Q(first_interview_at__isnull=False)
            | ~Q(referral=Referral.NONE)
            | Q(check_ins__done_at__isnull=False)
            | Q(notes__isnull=False)
        )
        .exists()
    )


def facts_confirmed_from_both_sides(case: Case) -> bool:
    """At least one interview on the customer side and one on the worker side."""
    sides = set(case.interviews.values_list("side", flat=True).distinct())
    return {InterviewSide.CUSTOMER, InterviewSide.WORKER} <= sides
