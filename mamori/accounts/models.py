"""Our people and how much of the desk each may see."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    CASE_HANDLER = "case_handler", _("Case handler (sales rep)")
    MANAGER = "manager", _("Manager")
    RESPONSE_TEAM = "response_team", _("Response team")
    HR_ADMIN = "hr_admin", _("HR / legal admin")
    AUDITOR = "auditor", _("Auditor (read-only)")


# Roles that see every case of their organisation.
ORGANISATION_WIDE_ROLES = frozenset({Role.RESPONSE_TEAM, Role.HR_ADMIN, Role.AUDITOR})
# Roles that may open and handle cases.
HANDLING_ROLES = frozenset({Role.CASE_HANDLER, Role.MANAGER, Role.RESPONSE_TEAM, Role.HR_ADMIN})


class User(AbstractUser):
    """A person who signs in: one of our staff, or a worker reporting harassment."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.REPORTER)
    display_name = models.CharField(_("display name"), max_length=200, blank=True)
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("manager"),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_username()

    @property
    def label(self) -> str:
        return str(self)

    @property
    def can_handle_cases(self) -> bool:
        return self.role in HANDLING_ROLES

    @property
    def sees_whole_organisation(self) -> bool:
        return self.role in ORGANISATION_WIDE_ROLES

    @property
    def is_read_only(self) -> bool:
        return self.role == Role.AUDITOR
