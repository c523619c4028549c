"""A case and everything recorded on it: parties, background facts, timeline and tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import Role
from mamori.cases.customers import CUSTOMER_KEY_MAX, customer_key

if TYPE_CHECKING:
    from mamori.accounts.models import User


class CaseKind(models.TextChoices):
    CLIENT_COMPLAINT = "client_complaint", _("Client complaint")
    CUSTOMER_HARASSMENT = "customer_harassment", _("Customer harassment")
    CONSULTATION = "consultation", _("Consultation")


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    INVESTIGATING = "investigating", _("Investigating")
    RESPONDING = "responding", _("Responding")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")


# The lifecycle: forward one or more steps, back one step, close from anywhere,
# and reopen a closed case into investigation.
STATUS_ORDER = [
    CaseStatus.NEW,
    CaseStatus.INVESTIGATING,
    CaseStatus.RESPONDING,
    CaseStatus.MONITORING,
    CaseStatus.CLOSED,
]


def allowed_status_moves(current: str) -> list[CaseStatus]:
    if current == CaseStatus.CLOSED:
        return [CaseStatus.INVESTIGATING]
    index = STATUS_ORDER.index(CaseStatus(current))
    moves = STATUS_ORDER[index + 1 :]
    if index > 0:
        moves = [STATUS_ORDER[index - 1], *moves]
    return moves


class Topic(models.TextChoices):
    ATTENDANCE = "attendance", _("Attendance")
    CONDUCT = "conduct", _("Conduct")
    SKILL = "skill", _("Skill / performance")
    SECURITY = "security", _("Information security")
    CONTRACT = "contract", _("Contract / conditions")
    BILLING = "billing", _("Billing")
    QUALITY = "quality", _("Quality / service")
    OTHER = "other", _("Other")


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: User | Any) -> CaseQuerySet:
        """Cases this user has a need to know about; every view starts here."""
        if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
            return self.none()
        mine = self.filter(organisation_id=user.organisation_id)
        if user.sees_whole_organisation:
            return mine
        if user.role == Role.REPORTER:
            # Reporters follow their own reports through the consultation desk,
            # never through the case file (it holds other people's statements).
            return self.none()
        return mine.filter(
            Q(owner=user) | Q(assignees=user) | Q(created_by=user) | Q(owner__manager=user)
        ).distinct()


class Case(models.Model):
    """One complaint, harassment incident or consultation, carried from intake to close."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField(_("case number"), max_length=20)
    kind = models.CharField(_("kind"), max_length=24, choices=CaseKind.choices)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    severity = models.PositiveSmallIntegerField(_("severity"), default=2)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_cases",
        verbose_name=_("owner"),
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("assigned people"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="created_cases",
    )
    client = models.ForeignKey(
        "orgs.ClientCompany",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("client"),
    )
    department = models.ForeignKey(
        "orgs.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("department"),
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    background = models.JSONField(_("background facts"), default=list, blank=True)
    custom_fields = models.JSONField(_("custom fields"), default=dict, blank=True)
    current_instalment = models.PositiveSmallIntegerField(
        _("current report instalment"),
        default=1,
        help_text=_("New timeline entries go into this instalment (①, 続編②, …)."),
    )
    legal_hold = models.BooleanField(
        _("legal hold"), default=False, help_text=_("A held case is never deleted by retention.")
    )
    legal_hold_reason = models.CharField(_("reason for the hold"), max_length=300, blank=True)
    purged_at = models.DateTimeField(_("content deleted at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="unique_case_number"),
            models.CheckConstraint(
                condition=Q(severity__gte=1, severity__lte=5), name="case_severity_1_5"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "-opened_at"]),
            models.Index(fields=["organisation", "-opened_at"]),
            models.Index(fields=["owner", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases:detail", kwargs={"case_id": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    def topic_labels(self) -> list[str]:
        names = dict(Topic.choices)
        return [str(names.get(t, t)) for t in self.topics]


class PartyRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    SUBJECT = "subject", _("Subject")
    VICTIM = "victim", _("Victim")
    WITNESS = "witness", _("Witness")
    STAKEHOLDER = "stakeholder", _("Stakeholder")


class CaseParty(models.Model):
    """A person involved in a case, with the role they play in it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role in case"), max_length=16, choices=PartyRole.choices)
    worker = models.ForeignKey(
        "orgs.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="case_roles"
    )
    contact = models.ForeignKey(
        "orgs.ClientContact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_roles",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_roles",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Derived from the fields above on every save (see mamori.cases.customers).
    customer_key = models.CharField(
        _("customer key"), max_length=CUSTOMER_KEY_MAX, blank=True, editable=False
    )
    # Copied from the case (neither changes once a case is opened) so that a
    # customer's history is one index range over parties, not a lookup of
    # every case the customer was ever on.
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="+", editable=False
    )
    case_opened_at = models.DateTimeField(_("case opened at"), editable=False)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["organisation", "customer_key", "role", "-case_opened_at", "-case"],
                name="party_customer_history",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(worker__isnull=False)
                | Q(contact__isnull=False)
                | Q(user__isnull=False)
                | ~Q(name=""),
                name="party_identifies_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_role_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_derived()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "customer_key" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "customer_key"]
        super().save(*args, **kwargs)

    def fill_derived(self) -> None:
        """Set the register key and copy the case's facts; bulk inserts must call it."""
        self.fill_customer_key()
        if self.organisation_id is None or self.case_opened_at is None:
            self.organisation_id = self.case.organisation_id
            self.case_opened_at = self.case.opened_at

    def fill_customer_key(self) -> None:
        """Set the register key alone (for a party not yet on a case)."""
        self.customer_key = (
            customer_key(
                contact_id=self.contact_id,
                worker_id=self.worker_id,
                user_id=self.user_id,
                name=self.name,
            )
            or ""
        )

    @property
    def display_name(self) -> str:
        if self.worker_id:
            return str(self.worker)
        if self.contact_id:
            return str(self.contact)
        if self.user_id:
            return str(self.user)
        return self.name

    @property
    def kind_label(self) -> str:
        if self.worker_id:
            return str(_("Worker"))
        if self.contact_id:
            return str(_("Client contact"))
        if self.user_id:
            return str(_("Our staff"))
        return ""


class Channel(models.TextChoices):
    MAIL = "mail", _("E-mail")
    PHONE = "phone", _("Phone")
    MEETING = "meeting", _("Meeting")
    VISIT = "visit", _("Visit")
    CHAT = "chat", _("Chat")
    NOTE = "note", _("Note")


class Direction(models.TextChoices):
    INBOUND = "inbound", _("Inbound")
    OUTBOUND = "outbound", _("Outbound")
    INTERNAL = "internal", _("Internal")


class TimelineEntry(models.Model):
    """One contact or event in the course of a case (対応経緯)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entries")
    occurred_at = models.DateTimeField(_("when"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    direction = models.CharField(
        _("direction"), max_length=16, choices=Direction.choices, default=Direction.INBOUND
    )
    participants = models.JSONField(_("participants"), default=list, blank=True)
    summary = models.TextField(_("summary"))
    quotes = models.JSONField(_("verbatim quotes"), default=list, blank=True)
    instalment = models.PositiveSmallIntegerField(_("instalment"), default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="timeline_entries"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["case", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.case.number} {self.occurred_at:%Y-%m-%d %H:%M} {self.get_channel_display()}"


class Task(models.Model):
    """A next action on a case, with who does it and by when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("title"), max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("assignee"),
    )
    due = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="created_tasks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_at", "due", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


def evidence_path(instance: EvidenceFile, filename: str) -> str:
    # Stored under the content hash, never the user's file name, so a name
    # cannot traverse directories or collide.
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}"


class EvidenceFile(models.Model):
    """A file attached to a case: an original e-mail, an attachment, a log, a pledge."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="files")
    entry = models.ForeignKey(
        TimelineEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="files"
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file = models.FileField(upload_to=evidence_path)
    description = models.CharField(_("description"), max_length=300, blank=True)
    inert = models.BooleanField(
        _("stored as inert download"),
        default=False,
        help_text=_("Active content (HTML, SVG, macros) is only ever served as a download."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="uploaded_files"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
