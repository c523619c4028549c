"""Playbooks (editable response knowledge) and the plan each case assembles from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    POINT = "point", _("Point to handle")
    EVIDENCE = "evidence", _("Evidence")
    STAKEHOLDER = "stakeholder", _("Stakeholder")
    AVOID = "avoid", _("To avoid")
    ACTION = "action", _("Next action")


class Side(models.TextChoices):
    CUSTOMER = "customer", _("Customer side")
    WORKER = "worker", _("Worker side")
    NONE = "", _("—")


class AssigneeRole(models.TextChoices):
    OWNER = "owner", _("Case owner")
    MANAGER = "manager", _("Owner's manager")
    RESPONSE_TEAM = "response_team", _("Response team")
    HR_ADMIN = "hr_admin", _("HR / legal admin")


class BilingualText(models.Model):
    """Text kept in Japanese and English; shown in the reader's language."""

    text_ja = models.TextField(_("text (Japanese)"))
    text_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        abstract = True

    @property
    def text(self) -> str:
        if (get_language() or "ja").startswith("en") and self.text_en:
            return self.text_en
        return self.text_ja


class Playbook(models.Model):
    """What to do for one label or case kind: ``flag:dismissal_demand``, ``kind:consultation``."""

    applies_to = models.CharField(_("applies to"), max_length=64, unique=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_ja = models.TextField(_("summary (Japanese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    basis = models.JSONField(_("basis"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("playbook")
        verbose_name_plural = _("playbooks")
        ordering = ["applies_to"]

    def __str__(self) -> str:
        return f"{self.applies_to} {self.title_ja}"

    @property
    def title(self) -> str:
        if (get_language() or "ja").startswith("en") and self.title_en:
            return self.title_en
        return self.title_ja


class PlaybookItem(BilingualText):
    """One point, evidence item, stakeholder, thing to avoid or action of a playbook."""

    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    key = models.SlugField(_("key"), max_length=64)
    side = models.CharField(_("side"), max_length=16, choices=Side.choices, blank=True)
    due_days = models.PositiveSmallIntegerField(_("due in days"), null=True, blank=True)
    assignee_role = models.CharField(
        _("assignee"), max_length=16, choices=AssigneeRole.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("playbook item")
        verbose_name_plural = _("playbook items")
        ordering = ["playbook", "kind", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["playbook", "kind", "key"], name="unique_item_key"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DISMISSED = "dismissed", _("Dismissed")


class CasePlan(models.Model):
    """The response plan of a case, assembled from the playbooks its labels call for."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="plan")
    sources = models.JSONField(_("built from"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("response plan")
        verbose_name_plural = _("response plans")

    def __str__(self) -> str:
        return f"plan of case {self.case_id}"


class PlanItem(BilingualText):
    """A point, evidence item, stakeholder, caution or action on one case's plan."""

    plan = models.ForeignKey(CasePlan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    key = models.SlugField(max_length=64)
    side = models.CharField(_("side"), max_length=16, choices=Side.choices, blank=True)
    sources = models.JSONField(default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.OPEN
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    due_days = models.PositiveSmallIntegerField(null=True, blank=True)
    assignee_role = models.CharField(max_length=16, choices=AssigneeRole.choices, blank=True)
    task = models.OneToOneField(
        "cases.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_item"
    )
    evidence_file = models.ForeignKey(
        "cases.EvidenceFile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
    )
    missing = models.BooleanField(_("marked missing"), default=False)
    order = models.PositiveSmallIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["kind", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "key"], name="unique_plan_item"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
