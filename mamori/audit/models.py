"""The append-only audit log.

Rows are written only by action functions, inside the same transaction as the
change they record. Each row carries a SHA-256 over its own content and the
previous row's hash, so editing or deleting any row breaks the chain from that
row on (see ``mamori.audit.chain``).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    CASE_OPENED = "case.opened", _("Case opened")
    CASE_CHANGED = "case.changed", _("Case changed")
    CASE_STATUS = "case.status", _("Status changed")
    CASE_VIEWED = "case.viewed", _("Case viewed")
    PARTY_ADDED = "party.added", _("Party added")
    PARTY_REMOVED = "party.removed", _("Party removed")
    ENTRY_ADDED = "entry.added", _("Timeline entry added")
    ENTRY_CHANGED = "entry.changed", _("Timeline entry changed")
    TASK_ADDED = "task.added", _("Task added")
    TASK_CHANGED = "task.changed", _("Task changed")
    FILE_ADDED = "file.added", _("File attached")
    FILE_DOWNLOADED = "file.downloaded", _("File downloaded")
    EXPORTED = "case.exported", _("Exported")
    TRIAGED = "triage.run", _("Triage run")
    TRIAGE_CORRECTED = "triage.corrected", _("Triage corrected")
    PLAN_BUILT = "plan.built", _("Response plan built")
    PLAN_ITEM_CHANGED = "plan.item", _("Plan item changed")
    INSTALMENT_STARTED = "case.instalment", _("Next instalment started")
    REPORT_ISSUED = "report.issued", _("Report issued")
    POLICY_SAVED = "policy.saved", _("Policy version saved")
    POLICY_PUBLISHED = "policy.published", _("Policy published")
    POLICY_ACKNOWLEDGED = "policy.acknowledged", _("Policy acknowledged")
    SELF_REPORT_SUBMITTED = "consult.submitted", _("Self-report submitted")
    SELF_REPORT_MESSAGE = "consult.message", _("Consultation message")
    REPORTER_IDENTITY_VIEWED = "consult.identity_viewed", _("Reporter identity viewed")
    NOTIFICATION_SENT = "notify.sent", _("Notification sent")
    NOTIFICATION_FAILED = "notify.failed", _("Notification failed")
    SLA_ESCALATED = "sla.escalated", _("SLA escalated")
    INTERVIEW_RECORDED = "interview.recorded", _("Interview recorded")
    CARE_OPENED = "care.opened", _("Care plan opened")
    CARE_CHANGED = "care.changed", _("Care plan changed")
    CARE_NOTE_VIEWED = "care.note_viewed", _("Care note viewed")
    MEASURE_DECIDED = "measure.decided", _("Measure decided")
    LETTER_ISSUED = "measure.letter", _("Letter issued")
    COOPERATION_RECORDED = "cooperation.recorded", _("Cooperation request recorded")
    LOGIN_LOCKED = "auth.locked", _("Login locked")
    LOGIN_UNLOCKED = "auth.unlocked", _("Login unlocked")
    TWO_FACTOR_CHANGED = "auth.2fa", _("Two-factor authentication changed")
    API_TOKEN_CHANGED = "api.token", _("API token changed")
    RECORDS_IMPORTED = "import.records", _("Records imported")
    RETENTION_DELETED = "retention.deleted", _("Content deleted by retention")
    LEGAL_HOLD_CHANGED = "retention.hold", _("Legal hold changed")
    BACKUP_MADE = "backup.made", _("Backup made")
    BACKUP_RESTORED = "backup.restored", _("Backup restored")


class AuditEvent(models.Model):
    """One thing that happened, by whom and when, with the data before and after."""

    created_at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    event_type = models.CharField(_("event"), max_length=32, choices=EventType.choices)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.event_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("audit events are append-only")
