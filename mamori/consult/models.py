"""The consultation desk: employees' own reports of customer harassment.

A report opens a case. What the reporter wrote and the messages exchanged with
the desk live here; who the reporter is lives apart, in ``ReporterIdentity``,
so that it can be shown only to the response team; its free text is encrypted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mamori.crypto import EncryptedTextField


class Wish(models.TextChoices):
    """What the reporter would like the company to do."""

    BE_HEARD = "be_heard", _("Just be heard for now")
    SEPARATE = "separate", _("Be kept away from this customer")
    ACT = "act", _("Have the company take action toward the customer")
    OTHER = "other", _("Something else")


class Route(models.TextChoices):
    """Who should hear about the report first."""

    MANAGER = "manager", _("My manager")
    RESPONSE_TEAM = "response_team", _("The response team")


class ReportChannel(models.TextChoices):
    """How the customer's behaviour reached the reporter."""

    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    ONLINE = "online", _("Chat, video call or social media")
    OTHER = "other", _("Other")


class SelfReport(models.Model):
    """One report made by an employee or a dispatched worker through the desk.

    Anonymous reports made without signing in carry a report key (stored only
    as its SHA-256) and a passphrase hash; together they let the reporter
    follow up without an account.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="self_reports"
    )
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="self_report", verbose_name=_("case")
    )
    text = models.TextField(_("what happened"))
    happened_when = models.CharField(_("when"), max_length=200, blank=True)
    place = models.CharField(_("where"), max_length=200, blank=True)
    channel = models.CharField(
        _("how it reached the reporter"), max_length=16, choices=ReportChannel.choices, blank=True
    )
    customer_company = models.CharField(_("customer company"), max_length=200, blank=True)
    customer_person = models.CharField(_("customer person"), max_length=200, blank=True)
    wish = models.CharField(_("what you would like"), max_length=16, choices=Wish.choices)
    wish_other = models.CharField(_("other wish"), max_length=500, blank=True)
    in_danger = models.BooleanField(_("violence, threats or feeling unsafe"), default=False)
    route = models.CharField(_("who hears it first"), max_length=16, choices=Route.choices)
    first_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="first_contact_reports",
        verbose_name=_("manager chosen as first contact"),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("The reporter's identity is shown to the response team only."),
    )
    signed_in = models.BooleanField(_("made while signed in"), default=False)
    key_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    passphrase_hash = models.CharField(max_length=256, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("self-report")
        verbose_name_plural = _("self-reports")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(route="response_team") | Q(first_contact__isnull=False),
                name="self_report_manager_route_has_manager",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} ({self.get_route_display()})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("consult:report_detail", kwargs={"report_id": self.pk})

    @property
    def has_key(self) -> bool:
        return bool(self.key_digest)


class ReporterIdentity(models.Model):
    """Who made a report: kept apart so only the response team ever reads it.

    Every read through the desk is audited (``REPORTER_IDENTITY_VIEWED``).
    """

    report = models.OneToOneField(SelfReport, on_delete=models.CASCADE, related_name="identity")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed-in user"),
    )
    # Encrypted at rest: a database dump must not reveal who spoke up.
    name = EncryptedTextField(_("name"), blank=True)
    contact = EncryptedTextField(_("how to reach me"), blank=True)

    class Meta:
        verbose_name = _("reporter identity")
        verbose_name_plural = _("reporter identities")

    def __str__(self) -> str:
        return f"identity of report {self.report_id}"


class MessageSide(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    DESK = "desk", _("Desk")


class ConsultMessage(models.Model):
    """One message between the desk and the reporter of a self-report.

    Reporter messages never store the reporter's account: who they are is in
    ``ReporterIdentity`` alone.
    """

    report = models.ForeignKey(SelfReport, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(_("from"), max_length=16, choices=MessageSide.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff author"),
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("consultation message")
        verbose_name_plural = _("consultation messages")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(side="reporter", author__isnull=True)
                | Q(side="desk", author__isnull=False),
                name="consult_message_author_matches_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.side} {self.created_at:%Y-%m-%d %H:%M}"
