"""Care of the employee harmed by a customer, and the fact-finding interviews of a case.

A harassment case opens a care plan first (``ensure_care_plan``): the
employee's safety and separation from the customer, a first interview, a
referral to the occupational physician or a counsellor, leave or reassignment
if wished, and regular check-ins. Care notes are the most sensitive text in
the desk: only the response team and the plan's designated carer read them
(``mamori.care.access``).

Interviews record what each side said (customer, worker, witnesses, our own
staff), so the facts are confirmed from both sides before measures are taken.

Encrypted at rest (``mamori.crypto``): care notes, check-in outcomes, the
details of leave or reassignment wishes, and interview statements.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mamori.care.fields import EncryptedStatementsField
from mamori.cases.models import Channel
from mamori.crypto import EncryptedTextField


class CareStatus(models.TextChoices):
    OPEN = "open", _("Care ongoing")
    CLOSED = "closed", _("Care ended")


class Referral(models.TextChoices):
    NONE = "none", _("Not yet offered")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Wish(models.TextChoices):
    NONE = "none", _("No wish expressed")
    LEAVE = "leave", _("Leave")
    REASSIGNMENT = "reassignment", _("Reassignment")
    BOTH = "both", _("Leave and reassignment")


class WishDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    DECLINED = "declined", _("Declined")


class CarePlan(models.Model):
    """The care of the employee harmed in one case: who is cared for, by whom, and each step."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="care_plan", verbose_name=_("case")
    )
    worker = models.ForeignKey(
        "orgs.Worker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_plans",
        verbose_name=_("worker"),
    )
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_plans_as_employee",
        verbose_name=_("staff member"),
    )
    person_name = models.CharField(_("name"), max_length=200, blank=True)
    carer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_plans_as_carer",
        verbose_name=_("designated carer"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=CareStatus.choices, default=CareStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    safety_done = models.BooleanField(_("safety and separation ensured"), default=False)
    safety_done_at = models.DateTimeField(_("ensured at"), null=True, blank=True)
    safety_how = models.TextField(_("how"), blank=True)

    first_interview_at = models.DateTimeField(_("first interview held at"), null=True, blank=True)
    first_interview_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first interview by"),
    )

    referral = models.CharField(
        _("occupational physician or counsellor"),
        max_length=10,
        choices=Referral.choices,
        default=Referral.NONE,
    )
    referral_on = models.DateField(_("referral date"), null=True, blank=True)

    wish = models.CharField(
        _("leave or reassignment wished"), max_length=16, choices=Wish.choices, default=Wish.NONE
    )
    wish_decision = models.CharField(
        _("decision"), max_length=10, choices=WishDecision.choices, default=WishDecision.PENDING
    )
    wish_note = EncryptedTextField(_("details of the wish and decision"), blank=True)

    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("care plan")
        verbose_name_plural = _("care plans")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.person_label}"

    @property
    def person_label(self) -> str:
        if self.worker_id:
            return str(self.worker)
        if self.employee_id:
            return str(self.employee)
        return self.person_name

    @property
    def is_open(self) -> bool:
        return self.status == CareStatus.OPEN

    @property
    def referral_made(self) -> bool:
        return self.referral != Referral.NONE

    @property
    def has_wish(self) -> bool:
        return self.wish != Wish.NONE

    def pending_check_ins(self) -> models.QuerySet[CareCheckIn]:
        return self.check_ins.filter(done_at__isnull=True).order_by("due", "id")

    def next_check_in(self) -> CareCheckIn | None:
        return self.pending_check_ins().first()

    def overdue_check_ins(self, today: date | None = None) -> models.QuerySet[CareCheckIn]:
        return self.pending_check_ins().filter(due__lt=today or timezone.localdate())


class CareCheckIn(models.Model):
    """A planned conversation with the employee to see how they are, and what came of it."""

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="check_ins")
    due = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    outcome = EncryptedTextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("care check-in")
        verbose_name_plural = _("care check-ins")
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return f"{self.plan.case.number} {self.due:%Y-%m-%d}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: date | None = None) -> bool:
        return not self.is_done and self.due < (today or timezone.localdate())


class CareReminder(models.Model):
    """A reminder e-mail about a due check-in, sent to one person on one day.

    The unique row makes ``mamori care-reminders`` idempotent per day: running
    it twice, or from two machines, sends each person one reminder a day.
    """

    check_in = models.ForeignKey(CareCheckIn, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("care reminder")
        verbose_name_plural = _("care reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["check_in", "recipient", "sent_on"], name="one_care_reminder_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.check_in} → {self.recipient_id} {self.sent_on:%Y-%m-%d}"


class CareNote(models.Model):
    """A confidential note on the employee's care; only the response team and the carer read it."""

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField(_("care note text"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("care note")
        verbose_name_plural = _("care notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.plan.case.number} note {self.pk}"


class InterviewSide(models.TextChoices):
    CUSTOMER = "customer", _("Customer side")
    WORKER = "worker", _("Worker side")
    WITNESS = "witness", _("Witness")
    STAFF = "staff", _("Our staff")


class Interview(models.Model):
    """A fact-finding interview: who was heard, by whom, when and where, and what each said.

    ``statements`` is a list of ``{"speaker": str, "said": str}`` in the order spoken.
    ``interviewee_name`` is always filled (copied from the party when one is chosen),
    so the record keeps its meaning if the party is later removed from the case.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="interviews")
    side = models.CharField(_("side"), max_length=10, choices=InterviewSide.choices)
    interviewee_party = models.ForeignKey(
        "cases.CaseParty",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews",
        verbose_name=_("interviewee (party)"),
    )
    interviewee_name = models.CharField(_("interviewee (name)"), max_length=200, blank=True)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("interviewers")
    )
    other_interviewers = models.CharField(_("other interviewers"), max_length=300, blank=True)
    held_at = models.DateTimeField(_("held at"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    statements = EncryptedStatementsField(_("statements"), default=list, blank=True)
    summary = models.TextField(_("summary"))
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["held_at", "id"]
        indexes = [models.Index(fields=["case", "side"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(interviewee_name=""), name="interview_names_interviewee"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_side_display()} {self.interviewee_label}"

    @property
    def interviewee_label(self) -> str:
        return self.interviewee_name

    def statement_rows(self) -> list[dict[str, Any]]:
        return [s for s in self.statements if isinstance(s, dict)]
