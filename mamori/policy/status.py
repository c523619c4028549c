"""Where an organisation stands with its policy: published or not, and who has read it.

``policy_status`` is the read-only summary other parts of the desk (the
compliance board) use; ``acknowledgement_figures`` adds the list of people
who have not acknowledged yet, for HR and the response team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from django.urls import reverse

from mamori.accounts.models import User
from mamori.policy.models import Policy, PolicyVersion

if TYPE_CHECKING:
    from mamori.orgs.models import Organisation

__all__ = ["AcknowledgementFigures", "PolicyStatus", "acknowledgement_figures", "policy_status"]


@dataclass(frozen=True)
class AcknowledgementFigures:
    """Acknowledgements of one version among the organisation's active users."""

    acknowledged: int
    total: int
    missing: tuple[User, ...]

    @property
    def percent(self) -> int:
        # Rounded down: 100 % only when everyone has really acknowledged.
        return self.acknowledged * 100 // self.total if self.total else 0


def acknowledgement_figures(version: PolicyVersion) -> AcknowledgementFigures:
    """Counts active users only: people who left do not hold the figure down or up."""
    users = list(
        User.objects.filter(
            organisation_id=version.policy.organisation_id, is_active=True
        ).order_by("display_name", "username")
    )
    acknowledged_ids = set(version.acknowledgements.values_list("user_id", flat=True))
    missing = tuple(user for user in users if user.pk not in acknowledged_ids)
    return AcknowledgementFigures(
        acknowledged=len(users) - len(missing), total=len(users), missing=missing
    )


class PolicyStatus(TypedDict):
    started: bool  # a policy exists (at least one version, draft or published)
    published: bool
    version: int | None  # number of the current published version
    title: str | None  # its Japanese title
    published_at: datetime | None
    draft_pending: bool  # a version newer than the published one awaits publication
    acknowledged: int
    total: int  # active users of the organisation
    percent: int  # acknowledged * 100 // total, rounded down; 0 when total is 0
    public_url: str | None  # path of the public page, when published
    internal_url: str


def policy_status(organisation: Organisation) -> PolicyStatus:
    """The organisation's policy at a glance, for dashboards and compliance checks."""
    policy = Policy.objects.filter(organisation=organisation).first()
    latest = policy.latest_version() if policy is not None else None
    current = policy.current_version() if policy is not None else None
    if current is not None:
        figures = acknowledgement_figures(current)
        acknowledged, percent = figures.acknowledged, figures.percent
        total = figures.total
    else:
        acknowledged, percent = 0, 0
        total = User.objects.filter(organisation=organisation, is_active=True).count()
    return {
        "started": latest is not None,
        "published": current is not None,
        "version": current.number if current is not None else None,
        "title": current.title_ja if current is not None else None,
        "published_at": current.published_at if current is not None else None,
        "draft_pending": latest is not None and (current is None or latest.number > current.number),
        "acknowledged": acknowledged,
        "total": total,
        "percent": percent,
        "public_url": reverse("policy:public", kwargs={"slug": organisation.slug})
        if current is not None
        else None,
        "internal_url": reverse("policy:internal"),
    }
