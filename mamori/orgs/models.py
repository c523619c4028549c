"""Who is involved: our company (the tenant), its clients, their people, and our workers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A tenant: the company that runs this desk (e.g. a staffing agency)."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class ClientCompany(models.Model):
    """A customer company: for a staffing agency, the 派遣先."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="clients")
    name = models.CharField(_("name"), max_length=200)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("client company")
        verbose_name_plural = _("client companies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_client_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A department or site of a client company."""

    client = models.ForeignKey(ClientCompany, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["client__name", "name"]

    def __str__(self) -> str:
        return f"{self.client.name} {self.name}"


class ContactRole(models.TextChoices):
    LINE_MANAGER = "line_manager", _("Line manager")
    GENERAL_AFFAIRS = "general_affairs", _("General affairs")
    DISPATCH_SUPERVISOR = "dispatch_supervisor", _("Dispatch supervisor (派遣先責任者)")
    OTHER = "other", _("Other")


class ClientContact(models.Model):
    """A person at a client, with the role they hold and since when."""

    client = models.ForeignKey(ClientCompany, on_delete=models.CASCADE, related_name="contacts")
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    role = models.CharField(
        _("role"), max_length=32, choices=ContactRole.choices, default=ContactRole.OTHER
    )
    since = models.DateField(_("in this role since"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("client contact")
        verbose_name_plural = _("client contacts")
        ordering = ["client__name", "name"]

    def __str__(self) -> str:
        return f"{self.client.name} {self.name}"


class Employment(models.TextChoices):
    DISPATCHED = "dispatched", _("Dispatched worker")
    EMPLOYEE = "employee", _("Employee")


class Worker(models.Model):
    """One of our workers: a dispatched worker or an in-house employee."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="workers")
    name = models.CharField(_("name"), max_length=200)
    kana = models.CharField(_("kana"), max_length=200, blank=True)
    employment = models.CharField(
        _("employment"), max_length=16, choices=Employment.choices, default=Employment.DISPATCHED
    )
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="worker_profile",
        verbose_name=_("login"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["kana", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def current_assignment(self) -> Assignment | None:
        return self.assignments.filter(end__isnull=True).order_by("-start").first()


class Assignment(models.Model):
    """A dispatch of a worker to a client department from a start date."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="assignments")
    client = models.ForeignKey(ClientCompany, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True)
    job = models.CharField(_("job"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.worker} → {self.client} ({self.start})"


class Evaluation(models.Model):
    """A rating of a worker's performance on an assignment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="evaluations")
    date = models.DateField(_("date"))
    evaluator = models.CharField(_("evaluated by"), max_length=200, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating (1-5)"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="evaluation_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment.worker} {self.date} {self.rating}"
