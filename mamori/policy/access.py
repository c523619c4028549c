"""Who may read, review and edit the policy of their organisation.

Everyone signed in to an organisation reads its published policy. HR admins
and the response team write it; with auditors they also review drafts,
history and acknowledgement figures. Anything else answers 404, and nobody
ever reaches another organisation's policy: every lookup starts from the
user's own organisation.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from django.http import Http404

from mamori.accounts.models import Role
from mamori.policy.models import Policy, PolicyVersion

if TYPE_CHECKING:
    from mamori.accounts.models import User

EDITOR_ROLES = frozenset({Role.HR_ADMIN, Role.RESPONSE_TEAM})
REVIEWER_ROLES = EDITOR_ROLES | {Role.AUDITOR}


class PolicyAction(Enum):
    READ = "read"  # published versions only
    REVIEW = "review"  # every version, history, figures
    EDIT = "edit"


def _member(user: User | Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.organisation_id)


def can_edit_policy(user: User | Any) -> bool:
    return _member(user) and user.role in EDITOR_ROLES


def can_review_policy(user: User | Any) -> bool:
    return _member(user) and user.role in REVIEWER_ROLES


def can(user: User | Any, action: PolicyAction) -> bool:
    if action is PolicyAction.EDIT:
        return can_edit_policy(user)
    if action is PolicyAction.REVIEW:
        return can_review_policy(user)
    return _member(user)


def _organisation_id(user: User | Any) -> int:
    organisation_id: int | None = user.organisation_id
    if organisation_id is None:
        raise Http404
    return organisation_id


def policy_of(user: User | Any, action: PolicyAction = PolicyAction.READ) -> Policy | None:
    """The user's organisation's policy (None if not started yet); 404 without the right."""
    if not can(user, action):
        raise Http404
    return Policy.objects.filter(organisation_id=_organisation_id(user)).first()


def access_version_by_number(
    user: User | Any, number: int, action: PolicyAction = PolicyAction.READ
) -> PolicyVersion:
    if not can(user, action):
        raise Http404
    versions = PolicyVersion.objects.filter(policy__organisation_id=_organisation_id(user))
    if action is PolicyAction.READ and not can_review_policy(user):
        versions = versions.filter(published_at__isnull=False)
    try:
        return versions.select_related("policy__organisation", "created_by", "published_by").get(
            number=number
        )
    except (PolicyVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
