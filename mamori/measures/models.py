"""What the employer does toward a harassing customer, and with other employers.

``MeasureDecision`` records each measure decided on a case (a warning, a single
point of contact, recorded calls only, suspension of service, a police report,
legal counsel …), with its reason, its target and whether it is in effect.
``IssuedLetter`` keeps every letter generated from the templates (warning,
service suspension, request for cooperation) with its text and SHA-256.
``CooperationRequest`` records a request for cooperation sent to, or received
from, another employer (a staffing agency and its client).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MeasureKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    SINGLE_POINT_OF_CONTACT = "single_point_of_contact", _("Single point of contact")
    RECORDED_CALLS_ONLY = "recorded_calls_only", _("Recorded calls only")
    SUSPENSION_OF_SERVICE = "suspension_of_service", _("Suspension of service")
    POLICE_REPORT = "police_report", _("Report to the police")
    LEGAL_COUNSEL = "legal_counsel", _("Legal counsel")
    OTHER = "other", _("Other measure")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_EFFECT = "in_effect", _("In effect")
    LIFTED = "lifted", _("Lifted")


# Planned → in effect → lifted; a planned measure may also be dropped (lifted) directly.
MEASURE_MOVES: dict[str, tuple[MeasureStatus, ...]] = {
    MeasureStatus.PLANNED: (MeasureStatus.IN_EFFECT, MeasureStatus.LIFTED),
    MeasureStatus.IN_EFFECT: (MeasureStatus.LIFTED,),
    MeasureStatus.LIFTED: (),
}


class MeasureDecision(models.Model):
    """A measure decided toward a customer on one case, with its reason and its status.

    The target is a party of the case, a client contact, or a free name;
    ``target_name`` always holds the name as shown, and ``target_key`` the
    customer-register key (``contact:<id>`` or ``name:<normalised name>``) so
    that measures follow the customer across cases.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("measure"), max_length=32, choices=MeasureKind.choices)
    detail = models.CharField(_("details"), max_length=300, blank=True)
    reason = models.TextField(_("reason"))
    target_party = models.ForeignKey(
        "cases.CaseParty",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("target (party)"),
    )
    target_contact = models.ForeignKey(
        "orgs.ClientContact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("target (client contact)"),
    )
    target_name = models.CharField(_("target"), max_length=200)
    target_key = models.CharField(max_length=220, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"))
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("measure decision")
        verbose_name_plural = _("measure decisions")
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="measure_has_reason"),
            models.CheckConstraint(condition=~Q(target_name=""), name="measure_has_target"),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_kind_display()} → {self.target_name}"

    @property
    def label(self) -> str:
        if self.kind == MeasureKind.OTHER and self.detail:
            return self.detail
        return str(self.get_kind_display())

    def allowed_moves(self) -> tuple[MeasureStatus, ...]:
        return MEASURE_MOVES[self.status]


class LetterKind(models.TextChoices):
    WARNING_LETTER = "warning_letter", _("Warning letter")
    SERVICE_SUSPENSION = "service_suspension", _("Notice of suspension of service")
    COOPERATION_REQUEST = "cooperation_request", _("Request for cooperation")


class LetterFormat(models.TextChoices):
    DOCX = "docx", "Word (DOCX)"
    PDF = "pdf", "PDF"


class IssuedLetter(models.Model):
    """One letter generated from a template: its final text, who issued it, and its SHA-256."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("letter"), max_length=24, choices=LetterKind.choices)
    lang = models.CharField(_("language"), max_length=2)
    format = models.CharField(_("format"), max_length=4, choices=LetterFormat.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    fields = models.JSONField(_("filled fields"), default=dict)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("issued letter")
        verbose_name_plural = _("issued letters")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.kind} {self.sha256[:12]}"


class CooperationDirection(models.TextChoices):
    SENT = "sent", _("Sent: we asked another employer")
    RECEIVED = "received", _("Received: another employer asked us")


class CooperationStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CooperationRequest(models.Model):
    """A request for cooperation between employers on one case, sent or received, and its answer.

    Employers are to cooperate when another employer asks for help in
    establishing the facts or preventing a recurrence (for instance a staffing
    agency and its client): this keeps what was asked, when, and what came back.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="cooperation_requests"
    )
    direction = models.CharField(
        _("sent or received"), max_length=10, choices=CooperationDirection.choices
    )
    counterpart_company = models.ForeignKey(
        "orgs.ClientCompany",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperation_requests",
        verbose_name=_("company (client)"),
    )
    counterpart_name = models.CharField(_("company (other)"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    requested_at = models.DateTimeField(_("requested at"))
    request = models.TextField(_("what was asked"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CooperationStatus.choices,
        default=CooperationStatus.WAITING,
    )
    letter = models.ForeignKey(
        IssuedLetter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cooperation_requests",
        verbose_name=_("letter"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(counterpart_company__isnull=False) | ~Q(counterpart_name=""),
                name="cooperation_names_company",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} {self.direction} {self.counterpart_label}"

    @property
    def counterpart_label(self) -> str:
        if self.counterpart_company_id and self.counterpart_company is not None:
            return self.counterpart_company.name
        return self.counterpart_name

    @property
    def is_waiting(self) -> bool:
        return self.status == CooperationStatus.WAITING
