"""The customer-harassment policy (行動指針): one per organisation, in numbered versions.

Every save of the editor creates a new version, so the history is the list of
versions and a diff is always between two rows that never change. Publishing
only stamps a version (``published_at``/``published_by``); the current policy
is the published version with the highest number. Employees acknowledge a
version, so a revision asks everyone to read it again.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mamori.policy.sections import PolicyText, Section

# The only fields a saved version may still change: publishing stamps it once.
_PUBLISH_FIELDS = frozenset({"published_at", "published_by"})


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CURRENT = "current", _("Published (current)")
    SUPERSEDED = "superseded", _("Published (superseded)")


class Policy(models.Model):
    """An organisation's customer-harassment policy; its text lives in :class:`PolicyVersion`."""

    organisation = models.OneToOneField(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="harassment_policy",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("customer-harassment policy")
        verbose_name_plural = _("customer-harassment policies")

    def __str__(self) -> str:
        return str(self.organisation)

    def latest_version(self) -> PolicyVersion | None:
        return self.versions.order_by("-number").first()

    def current_version(self) -> PolicyVersion | None:
        """The version the public and the staff read now, or None before the first publication."""
        return (
            self.versions.filter(published_at__isnull=False)
            .select_related("published_by", "created_by")
            .order_by("-number")
            .first()
        )


class PolicyVersion(models.Model):
    """One saved text of the policy. Never changed after saving, except to stamp publication."""

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    sections = models.JSONField(_("sections"), default=list)
    note = models.CharField(_("change note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="unique_policy_version"),
            models.CheckConstraint(condition=Q(number__gte=1), name="policy_version_from_1"),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True, published_by__isnull=True)
                | Q(published_at__isnull=False, published_by__isnull=False),
                name="policy_version_published_by_whom",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= _PUBLISH_FIELDS:
                raise PermissionError("policy versions are immutable: save a new version")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("policy:version", kwargs={"number": self.number})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def text(self) -> PolicyText:
        return PolicyText(
            self.title_ja,
            self.title_en,
            tuple(Section.from_dict(raw) for raw in self.sections),
        )

    def content_sha256(self) -> str:
        """A digest of the text, written to the audit log so a later edit of the row shows."""
        content = {"title_ja": self.title_ja, "title_en": self.title_en, "sections": self.sections}
        canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def state(self, current_number: int | None) -> VersionState:
        if not self.is_published:
            return VersionState.DRAFT
        if self.number == current_number:
            return VersionState.CURRENT
        return VersionState.SUPERSEDED


class Acknowledgement(models.Model):
    """A person's statement that they have read and understood one published version."""

    version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="policy_acknowledgements",
        verbose_name=_("user"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"))

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["acknowledged_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="unique_acknowledgement"),
        ]

    def __str__(self) -> str:
        return f"{self.user} v{self.version.number}"
