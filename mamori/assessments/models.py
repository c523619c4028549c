"""Stored triage results and the labels people confirmed or corrected.

The engine's output is kept as it was given, with the engine version, so a
later model never silently rewrites what the desk showed at the time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Assessment(models.Model):
    """One run of the triage engine over one timeline entry's text."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assessments")
    entry = models.OneToOneField(
        "cases.TimelineEntry",
        on_delete=models.CASCADE,
        related_name="assessment",
        null=True,
        blank=True,
    )
    text = models.TextField(_("text assessed"))
    engine_name = models.CharField(max_length=64)
    engine_version = models.CharField(max_length=32)
    verdict = models.CharField(_("verdict"), max_length=32)
    demand_validity = models.CharField(max_length=16)
    means = models.CharField(max_length=16)
    categories = models.JSONField(default=list)
    flags = models.JSONField(default=list)
    topics = models.JSONField(default=list)
    severity = models.PositiveSmallIntegerField(default=1)
    findings = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("triage assessment")
        verbose_name_plural = _("triage assessments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.verdict} ({self.engine_version})"

    def labels(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "demand_validity": self.demand_validity,
            "means": self.means,
            "categories": list(self.categories),
            "flags": list(self.flags),
            "topics": list(self.topics),
        }


class LabelCorrection(models.Model):
    """A person's confirmation or correction of a case's triage labels (who, when, old → new)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="label_corrections"
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    old = models.JSONField()
    new = models.JSONField()
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("label correction")
        verbose_name_plural = _("label corrections")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.old.get('verdict')} → {self.new.get('verdict')}"

    @property
    def is_confirmation(self) -> bool:
        return bool(self.old == self.new)
