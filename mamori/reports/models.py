"""A record of every report or bundle issued, so a signed copy can be matched later."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    MARKDOWN = "md", "Markdown"
    HTML = "html", "HTML"
    BUNDLE = "zip", _("Evidence bundle (ZIP)")
    XLSX = "xlsx", "Excel (XLSX)"


class IssuedReport(models.Model):
    """One issued report file: which case and instalment, who, when, and its SHA-256."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="issued_reports", null=True
    )
    instalment = models.PositiveSmallIntegerField(null=True, blank=True)
    format = models.CharField(max_length=8, choices=ReportFormat.choices)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    options = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("issued report")
        verbose_name_plural = _("issued reports")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.instalment} {self.format} {self.sha256[:12]}"
