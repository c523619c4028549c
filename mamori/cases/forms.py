"""Forms: every input is checked and normalised here, before any action runs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import HANDLING_ROLES, User
from mamori.cases.models import (
    Case,
    CaseKind,
    CaseParty,
    CaseStatus,
    Channel,
    Direction,
    PartyRole,
    Topic,
)
from mamori.orgs.models import ClientCompany, ClientContact, Department, Worker
from mamori.widgets import FastSelect


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class LinesField(forms.CharField):
    """A textarea edited as one item per line and stored as a list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return _lines(super().to_python(value) or "")


class OrganisationScopedForm(forms.Form):
    """Limits every choice of client, worker or person to the user's organisation."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        org = user.organisation_id or 0
        for name, bound in self.fields.items():
            if not isinstance(bound, forms.ModelChoiceField) or bound.queryset is None:
                continue
            model = bound.queryset.model
            if model is ClientCompany:
                bound.queryset = ClientCompany.objects.filter(organisation_id=org)
            elif model is Department:
                bound.queryset = Department.objects.filter(client__organisation_id=org)
            elif model is ClientContact:
                bound.queryset = ClientContact.objects.filter(
                    client__organisation_id=org
                ).select_related("client")
            elif model is Worker:
                bound.queryset = Worker.objects.filter(organisation_id=org)
            elif model is User:
                bound.queryset = User.objects.filter(organisation_id=org, is_active=True)
                if name in {"owner", "assignee"}:
                    bound.queryset = bound.queryset.filter(role__in=HANDLING_ROLES)


class CaseFilterForm(OrganisationScopedForm):
    q = forms.CharField(label=_("Keyword"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All open")), ("all", _("All")), *CaseStatus.choices],
        widget=FastSelect,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *CaseKind.choices],
        widget=FastSelect,
    )
    client = forms.ModelChoiceField(
        label=_("Client"),
        required=False,
        queryset=ClientCompany.objects.none(),
        widget=FastSelect,
    )
    # A name, not a list: a staffing agency has thousands of workers.
    worker = forms.CharField(label=_("Worker name"), required=False, max_length=100, strip=True)
    owner = forms.ModelChoiceField(
        label=_("Owner"), required=False, queryset=User.objects.none(), widget=FastSelect
    )

    def filter(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        """The cases this form selects; open cases only when nothing valid was asked."""
        if not self.is_valid():
            return cases.exclude(status=CaseStatus.CLOSED)
        data = self.cleaned_data
        if data["status"] == "":
            cases = cases.exclude(status=CaseStatus.CLOSED)
        elif data["status"] != "all":
            cases = cases.filter(status=data["status"])
        for key in ("kind", "client", "owner"):
            if data[key]:
                cases = cases.filter(**{key: data[key]})
        if data["worker"]:
            cases = cases.filter(
                pk__in=CaseParty.objects.filter(worker__name__icontains=data["worker"]).values(
                    "case_id"
                )
            )
        if data["q"]:
            q = data["q"]
            cases = cases.filter(
                Q(title__icontains=q) | Q(number__icontains=q) | Q(entries__summary__icontains=q)
            ).distinct()
        return cases


class IntakeForm(OrganisationScopedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the mail subject or the first line."),
    )
    client = forms.ModelChoiceField(
        label=_("Client"), required=False, queryset=ClientCompany.objects.none()
    )
    text = forms.CharField(
        label=_("Complaint text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=100_000,
        help_text=_("Paste the e-mail, chat or call memo as received."),
    )
    eml = forms.FileField(
        label=_("Or upload an e-mail (.eml)"),
        required=False,
    )

    def clean_eml(self) -> Any:
        upload = self.cleaned_data.get("eml")
        if upload is not None and upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large (limit %(limit)s MB)."),
                code="too_large",
                params={"limit": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_text = bool((data.get("text") or "").strip())
        has_file = data.get("eml") is not None
        if not has_text and not has_file:
            raise forms.ValidationError(
                _("Paste the complaint text or upload an .eml file."), code="no_input"
            )
        if has_text and has_file:
            raise forms.ValidationError(
                _("Give either pasted text or an .eml file, not both."), code="both_inputs"
            )
        return data


class CaseEditForm(OrganisationScopedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    severity = forms.TypedChoiceField(
        label=_("Severity"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        help_text=_("1 = low, 5 = danger to body or life"),
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    client = forms.ModelChoiceField(
        label=_("Client"), required=False, queryset=ClientCompany.objects.none()
    )
    department = forms.ModelChoiceField(
        label=_("Department"), required=False, queryset=Department.objects.none()
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        required=False,
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    background = LinesField(
        label=_("Background facts"),
        required=False,
        help_text=_("One fact per line, in order (クレーム経緯)."),
        max_length=20_000,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        department = data.get("department")
        client = data.get("client")
        if department is not None and department.client_id != getattr(client, "pk", None):
            self.add_error("department", _("The department must belong to the selected client."))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=CaseStatus.choices, widget=FastSelect)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class EntryForm(forms.Form):
    occurred_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"],
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, widget=FastSelect)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, widget=FastSelect
    )
    participants = LinesField(
        label=_("Participants"), required=False, help_text=_("One per line."), max_length=2000
    )
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 8}), max_length=50_000
    )
    quotes = LinesField(
        label=_("Verbatim quotes"),
        required=False,
        help_text=_("One quote per line, exactly as said."),
        max_length=20_000,
    )
    instalment = forms.IntegerField(
        label=_("Instalment"),
        min_value=1,
        max_value=99,
        required=False,
        help_text=_("Report number this entry belongs to (①, 続編②, …). Empty = latest."),
    )

    def clean_occurred_at(self) -> Any:
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("The time cannot be in the future."), code="future")
        return value


class TaskForm(OrganisationScopedForm):
    title = forms.CharField(label=_("Next action"), max_length=300)
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), required=False, queryset=User.objects.none(), widget=FastSelect
    )
    due = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PartyForm(OrganisationScopedForm):
    role = forms.ChoiceField(label=_("Role in case"), choices=PartyRole.choices)
    worker = forms.ModelChoiceField(
        label=_("Worker"), required=False, queryset=Worker.objects.none()
    )
    contact = forms.ModelChoiceField(
        label=_("Client contact"), required=False, queryset=ClientContact.objects.none()
    )
    staff = forms.ModelChoiceField(
        label=_("Our staff"), required=False, queryset=User.objects.none()
    )
    name = forms.CharField(label=_("Other person (name)"), required=False, max_length=200)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [k for k in ("worker", "contact", "staff") if data.get(k)]
        if (data.get("name") or "").strip():
            chosen.append("name")
        if not chosen:
            raise forms.ValidationError(
                _("Choose a worker, a client contact or a staff member, or type a name."),
                code="no_party",
            )
        if len(chosen) > 1:
            raise forms.ValidationError(_("Choose only one person per party."), code="many")
        return data


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), required=False, max_length=300)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large (limit %(limit)s MB)."),
                code="too_large",
                params={"limit": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        return upload


def case_initial(case: Case) -> dict[str, Any]:
    return {
        "title": case.title,
        "kind": case.kind,
        "severity": case.severity,
        "owner": case.owner_id,
        "client": case.client_id,
        "department": case.department_id,
        "topics": case.topics,
        "background": case.background,
    }
