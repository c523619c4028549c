"""Forms of measures, letters and cooperation requests: input is checked here, before any action."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import User
from mamori.cases.forms import LinesField, OrganisationScopedForm
from mamori.cases.models import Case, CaseParty
from mamori.measures.letters import LetterTemplate, fill, leftover_placeholders, measure_lines
from mamori.measures.models import (
    CooperationDirection,
    CooperationStatus,
    MeasureKind,
    MeasureStatus,
)
from mamori.orgs.models import ClientCompany, ClientContact

_DATETIME_INPUTS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"]


def _datetime_field(label: Any, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=_DATETIME_INPUTS,
    )


def _not_future(form: forms.Form, name: str) -> None:
    value = form.cleaned_data.get(name)
    if value is not None and value > timezone.now() + timedelta(minutes=5):
        form.add_error(name, _("The time cannot be in the future."))


class MeasureForm(OrganisationScopedForm):
    kind = forms.ChoiceField(label=_("Measure"), choices=MeasureKind.choices)
    detail = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=300,
        help_text=_("Required for “Other measure”: say what is done."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Give the reason for this measure: it must be justified by the facts.")
        },
        help_text=_("The facts that justify it: what was said or done, when, how often."),
    )
    target_party = forms.ModelChoiceField(
        label=_("Toward (party of the case)"), required=False, queryset=CaseParty.objects.none()
    )
    target_contact = forms.ModelChoiceField(
        label=_("or client contact"), required=False, queryset=ClientContact.objects.none()
    )
    target_name = forms.CharField(label=_("or name"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in (MeasureStatus.PLANNED, MeasureStatus.IN_EFFECT)],
    )

    def __init__(self, *args: Any, user: User, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        # Measures are taken toward customers: our workers and staff are not targets.
        field = self.fields["target_party"]
        field.queryset = case.parties.filter(  # type: ignore[attr-defined]
            worker__isnull=True, user__isnull=True
        ).select_related("contact__client")
        field.label_from_instance = str  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        targets = [k for k in ("target_party", "target_contact") if data.get(k) is not None]
        if (data.get("target_name") or "").strip():
            targets.append("target_name")
        if len(targets) != 1:
            self.add_error(
                None,
                forms.ValidationError(
                    _("Name the customer the measure is toward: a party, a contact or a name."),
                    code="target",
                ),
            )
        if data.get("kind") == MeasureKind.OTHER and not (data.get("detail") or "").strip():
            self.add_error("detail", _("Say what the other measure is."))
        return data


class MeasureStatusForm(forms.Form):
    status = forms.ChoiceField(choices=MeasureStatus.choices)


_PHONE = re.compile(r"^[0-9０-９+＋()（）\-‐－ー―\s]{6,30}$")


class LetterForm(forms.Form):
    """The placeholders of a letter, pre-filled from the case, then the final text."""

    date = forms.CharField(label=_("Date of the letter"), max_length=40)
    customer_company = forms.CharField(
        label=_("Addressee's company"),
        required=False,
        max_length=200,
        help_text=_("Leave empty for an individual customer."),
    )
    customer_name = forms.CharField(label=_("Addressee"), max_length=200)
    company = forms.CharField(label=_("Our company"), max_length=200)
    incident_date = forms.CharField(label=_("Date(s) of the incident"), max_length=200)
    incident_summary = forms.CharField(
        label=_("What happened"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Facts only: who, what, when, how. Quote the words used."),
    )
    measures = forms.MultipleChoiceField(
        label=_("Measures"), required=False, widget=forms.CheckboxSelectMultiple
    )
    extra_measures = LinesField(
        label=_("Other measures"),
        required=False,
        max_length=3000,
        help_text=_("One measure per line."),
    )
    contact_name = forms.CharField(label=_("Our contact person"), max_length=100)
    contact_phone = forms.CharField(
        label=_("Contact telephone"),
        max_length=30,
        error_messages={"required": _("Give the telephone number of our contact person.")},
    )
    subject = forms.CharField(label=_("Letter subject"), max_length=300)
    body = forms.CharField(
        label=_("Letter text"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 16, "class": "letter-body"}),
        help_text=_(
            "Filled in by “Preview” from the fields above; edit it here if needed. "
            "Preview again to start over from the fields."
        ),
    )
    record_cooperation = forms.BooleanField(
        label=_("Record this letter as a cooperation request sent"), required=False
    )

    def __init__(self, *args: Any, template: LetterTemplate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        self.fields["measures"].choices = [  # type: ignore[attr-defined]
            (str(i), text) for i, text in enumerate(template.measure_options)
        ]
        if template.kind != "cooperation_request":
            del self.fields["record_cooperation"]

    def clean_contact_phone(self) -> str:
        value = str(self.cleaned_data["contact_phone"]).strip()
        if not _PHONE.match(value):
            raise forms.ValidationError(
                _("Give a telephone number, e.g. 03-1234-5678."), code="phone"
            )
        return value

    def clean_body(self) -> str:
        value = str(self.cleaned_data.get("body") or "")
        left = leftover_placeholders(value)
        if left:
            raise forms.ValidationError(
                _("The letter still contains placeholders: %(names)s. Replace them first."),
                code="placeholders",
                params={"names": ", ".join("{" + name + "}" for name in left)},
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("measures") and not data.get("extra_measures"):
            self.add_error("measures", _("Choose or write at least one measure."))
        return data

    def values(self) -> dict[str, str]:
        """The placeholder values from the cleaned fields."""
        data = self.cleaned_data
        chosen = [self.template.measure_options[int(i)] for i in data.get("measures", [])]
        lines = chosen + list(data.get("extra_measures") or [])
        return {
            "date": data["date"].strip(),
            "customer_company": data.get("customer_company", "").strip(),
            "customer_name": data["customer_name"].strip(),
            "company": data["company"].strip(),
            "incident_date": data["incident_date"].strip(),
            "incident_summary": data["incident_summary"].strip(),
            "measures": measure_lines(lines, self.template.lang),
            "contact_name": data["contact_name"].strip(),
            "contact_phone": data["contact_phone"],
        }

    def filled_text(self) -> str:
        return fill(self.template, self.values())

    def final_text(self) -> str:
        """The hand-edited text when there is one, else the template filled from the fields."""
        body = self.cleaned_data.get("body") or ""
        return body if body.strip() else self.filled_text()


class CooperationForm(OrganisationScopedForm):
    direction = forms.ChoiceField(label=_("Sent or received"), choices=CooperationDirection.choices)
    counterpart_company = forms.ModelChoiceField(
        label=_("Company (client)"), required=False, queryset=ClientCompany.objects.none()
    )
    counterpart_name = forms.CharField(label=_("or other company"), required=False, max_length=200)
    contact_person = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    requested_at = _datetime_field(_("Requested at"))
    request = forms.CharField(
        label=_("What was asked"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_company = data.get("counterpart_company") is not None
        has_name = bool((data.get("counterpart_name") or "").strip())
        if has_company == has_name:
            raise forms.ValidationError(
                _("Choose the client company or type the other company's name (one of the two)."),
                code="company",
            )
        _not_future(self, "requested_at")
        return data


class CooperationAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (s.value, s.label)
            for s in (
                CooperationStatus.ANSWERED,
                CooperationStatus.DECLINED,
                CooperationStatus.WITHDRAWN,
            )
        ],
    )
    answer = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    answered_at = _datetime_field(_("Answered at"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("status") != CooperationStatus.WITHDRAWN
            and not (data.get("answer") or "").strip()
        ):
            self.add_error("answer", _("Write what the answer was."))
        _not_future(self, "answered_at")
        return data
