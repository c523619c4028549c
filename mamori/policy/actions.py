"""Every change to a policy goes through these functions.

Each runs in one transaction and writes its audit row in it. Numbering and
publishing lock the policy row, so two editors saving at once get versions
n+1 and n+2 (or a clear refusal), never two versions with the same number.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mamori.audit.actions import record_event
from mamori.audit.models import EventType
from mamori.orgs.models import Organisation
from mamori.policy.models import Acknowledgement, Policy, PolicyVersion
from mamori.policy.sections import PolicyText, Section, load_template

if TYPE_CHECKING:
    from mamori.accounts.models import User

MAX_SECTIONS = 50


class PolicyError(Exception):
    """A change the policy rules refuse. ``str(error)`` is the message in the active language."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def _organisation_of(actor: User) -> Organisation:
    if actor.organisation is None:
        raise PolicyError(_("Your account does not belong to an organisation."))
    return actor.organisation


def _check_member(actor: User, policy: Policy) -> None:
    if actor.organisation_id != policy.organisation_id:
        raise PolicyError(_("This policy belongs to another organisation."))


def _check_text(text: PolicyText) -> None:
    from mamori.triage import CATEGORIES

    if not text.title_ja:
        raise PolicyError(_("The policy needs a Japanese title."))
    if not text.sections:
        raise PolicyError(_("The policy needs at least one section."))
    if len(text.sections) > MAX_SECTIONS:
        raise PolicyError(_("A policy can have at most 50 sections."))
    for section in text.sections:
        if not section.heading_ja or not section.body_ja:
            raise PolicyError(_("Every section needs a Japanese heading and text."))
        if set(section.categories) - set(CATEGORIES):
            raise PolicyError(_("Unknown triage category."))


def _snapshot(version: PolicyVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "title_ja": version.title_ja,
        "sections": len(version.sections),
        "note": version.note,
        "content_sha256": version.content_sha256(),
    }


def _changed_sections(old: PolicyText, new: PolicyText) -> list[int]:
    """1-based positions of the sections that differ, for the audit row."""
    size = max(len(old.sections), len(new.sections))
    return [
        index + 1
        for index in range(size)
        if index >= len(old.sections)
        or index >= len(new.sections)
        or old.sections[index] != new.sections[index]
    ]


def do_start_policy(*, actor: User) -> PolicyVersion:
    """Create the organisation's policy and its first draft from the Mamori template."""
    organisation = _organisation_of(actor)
    text = load_template(
        company_ja=organisation.name, company_en=organisation.name_en or organisation.name
    )
    with transaction.atomic():
        # The organisation row lock makes "create if missing" safe against a double click.
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        policy, _created = Policy.objects.get_or_create(
            organisation=organisation, defaults={"created_at": timezone.now()}
        )
        if policy.versions.exists():
            raise PolicyError(_("This organisation already has a policy."))
        version = PolicyVersion.objects.create(
            policy=policy,
            number=1,
            title_ja=text.title_ja,
            title_en=text.title_en,
            sections=text.sections_json(),
            note=gettext("Created from the Mamori template."),
            created_by=actor,
            created_at=timezone.now(),
        )
        record_event(
            actor=actor,
            event_type=EventType.POLICY_SAVED,
            obj=version,
            organisation_id=organisation.pk,
            data={"new": _snapshot(version), "from_template": True},
        )
    return version


def do_save_draft(
    *,
    actor: User,
    policy: Policy,
    base_number: int,
    title_ja: str,
    title_en: str,
    sections: Sequence[Section],
    note: str = "",
) -> PolicyVersion:
    """Save the edited text as the next version (a draft).

    ``base_number`` is the latest version the editor was showing: if someone
    saved in the meantime, the save is refused instead of silently dropping
    their changes.
    """
    _check_member(actor, policy)
    text = PolicyText.build(title_ja, title_en, sections)
    _check_text(text)
    with transaction.atomic():
        policy = Policy.objects.select_for_update().get(pk=policy.pk)
        latest = policy.latest_version()
        latest_number = latest.number if latest is not None else 0
        if base_number != latest_number:
            raise PolicyError(
                _(
                    "Version %(number)s was saved while you were editing. "
                    "Open the editor again and re-apply your changes."
                )
                % {"number": latest_number}
            )
        if latest is not None and latest.text() == text:
            raise PolicyError(
                _("Nothing has changed since version %(number)s.") % {"number": latest_number}
            )
        version = PolicyVersion.objects.create(
            policy=policy,
            number=latest_number + 1,
            title_ja=text.title_ja,
            title_en=text.title_en,
            sections=text.sections_json(),
            note=note.strip()[:500],
            created_by=actor,
            created_at=timezone.now(),
        )
        record_event(
            actor=actor,
            event_type=EventType.POLICY_SAVED,
            obj=version,
            organisation_id=policy.organisation_id,
            data={
                "new": _snapshot(version),
                "base": latest_number,
                "changed_sections": (
                    _changed_sections(latest.text(), text) if latest is not None else []
                ),
            },
        )
    return version


def do_publish(*, actor: User, version: PolicyVersion) -> PolicyVersion:
    """Make a draft the current policy: the public page and the staff page show it from now on."""
    _check_member(actor, version.policy)
    with transaction.atomic():
        policy = Policy.objects.select_for_update().get(pk=version.policy_id)
        version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
        if version.is_published:
            raise PolicyError(
                _("Version %(number)s is already published.") % {"number": version.number}
            )
        current = policy.current_version()
        if current is not None and current.number > version.number:
            raise PolicyError(
                _(
                    "A newer version (%(number)s) is already published. "
                    "Edit from this version and save it as a new one instead."
                )
                % {"number": current.number}
            )
        version.published_at = timezone.now()
        version.published_by = actor
        version.save(update_fields=["published_at", "published_by"])
        record_event(
            actor=actor,
            event_type=EventType.POLICY_PUBLISHED,
            obj=version,
            organisation_id=policy.organisation_id,
            data={
                "new": _snapshot(version),
                "previous": current.number if current is not None else None,
            },
        )
    return version


def do_acknowledge(*, actor: User, version: PolicyVersion) -> Acknowledgement:
    """Record that ``actor`` has read the current version; a second click changes nothing."""
    _check_member(actor, version.policy)
    with transaction.atomic():
        current = Policy.objects.select_for_update().get(pk=version.policy_id).current_version()
        if current is None or current.pk != version.pk:
            raise PolicyError(
                _("A newer version of the policy has been published. Please read it first.")
            )
        acknowledgement, created = Acknowledgement.objects.get_or_create(
            version=version, user=actor, defaults={"acknowledged_at": timezone.now()}
        )
        if created:
            record_event(
                actor=actor,
                event_type=EventType.POLICY_ACKNOWLEDGED,
                obj=acknowledgement,
                organisation_id=version.policy.organisation_id,
                data={"number": version.number, "content_sha256": version.content_sha256()},
            )
    return acknowledgement
