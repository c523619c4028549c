"""Outgoing notifications (e-mail, webhooks) and the record of SLA escalations."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Webhook")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to send")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class NotificationEvent(models.TextChoices):
    """Events the desk itself notifies about; callers may pass other event names too."""

    SELF_REPORT = "consult.submitted", _("New self-report")
    CONSULT_MESSAGE = "consult.message", _("New message from a reporter")
    BECAME_HARASSMENT = "case.harassment", _("Case labelled customer harassment")
    SLA_OVERDUE = "sla.overdue", _("Response time limit overdue")


class WebhookFormat(models.TextChoices):
    SLACK = "slack", _("Slack incoming webhook")
    TEAMS = "teams", _("Microsoft Teams incoming webhook")
    GENERIC = "generic", _("Generic JSON")


class WebhookEndpoint(models.Model):
    """A chat channel or system the response team wants notified.

    With a secret, each request carries ``X-Mamori-Timestamp`` (Unix seconds)
    and ``X-Mamori-Signature: sha256=<hex>``, the HMAC-SHA256 under the secret
    of ``<timestamp>.<body>``; receivers should also reject old timestamps.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(
        _("URL"), max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    format = models.CharField(
        _("format"), max_length=16, choices=WebhookFormat.choices, default=WebhookFormat.SLACK
    )
    active = models.BooleanField(_("active"), default=True)
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        blank=True,
        help_text=_("Optional. When set, requests carry an HMAC-SHA256 signature header."),
    )

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """One message to one recipient, with its delivery state and attempts.

    Created inside the action that caused it; delivered afterwards by the task
    worker, so a slow or broken mail server never holds up a request.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("case"),
    )
    event = models.CharField(_("event"), max_length=40)
    channel = models.CharField(_("channel"), max_length=16, choices=NotificationChannel.choices)
    target = models.CharField(_("destination"), max_length=500)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("webhook endpoint"),
    )
    payload = models.JSONField(_("payload"), default=dict)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.target} ({self.status})"

    @property
    def subject(self) -> str:
        return str(self.payload.get("subject", ""))

    @property
    def can_retry(self) -> bool:
        return self.status != NotificationStatus.SENT and self.attempts > 0


class SlaTimerName(models.TextChoices):
    FIRST_CONTACT = "first_contact", _("First contact")
    FACT_FINDING = "fact_finding", _("Fact-finding")
    DECISION = "decision", _("Decision on measures")


class SlaEscalation(models.Model):
    """An overdue timer escalated to one level; each level is told once per timer."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="escalations")
    timer = models.CharField(_("timer"), max_length=16, choices=SlaTimerName.choices)
    level = models.PositiveSmallIntegerField(_("level"))
    due_at = models.DateTimeField(_("due at"))
    escalated_at = models.DateTimeField(_("escalated at"))
    recipients = models.JSONField(_("recipients"), default=list, blank=True)

    class Meta:
        verbose_name = _("SLA escalation")
        verbose_name_plural = _("SLA escalations")
        ordering = ["case", "timer", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "timer", "level"], name="unique_sla_escalation_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.timer} L{self.level}"
