"""Forms of the care pages and interviews: every input is checked here before an action runs."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import Role, User
from mamori.care.models import CarePlan, CareStatus, InterviewSide, Referral, Wish, WishDecision
from mamori.cases.forms import OrganisationScopedForm
from mamori.cases.models import Case, CaseParty, Channel
from mamori.orgs.models import Worker

# People who may care for an employee or hold an interview: our staff, not
# reporters (workers with a login) and not the read-only auditor.
STAFF_ROLES = (Role.CASE_HANDLER, Role.MANAGER, Role.RESPONSE_TEAM, Role.HR_ADMIN)

_DATETIME_INPUTS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"]


def _datetime_field(label: Any, required: bool = False) -> forms.DateTimeField:
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


def _staff(user: User) -> Any:
    return User.objects.filter(
        organisation_id=user.organisation_id or 0, is_active=True, role__in=STAFF_ROLES
    ).order_by("display_name", "username")


class CarePlanForm(OrganisationScopedForm):
    worker = forms.ModelChoiceField(
        label=_("Employee cared for: worker"), required=False, queryset=Worker.objects.none()
    )
    employee = forms.ModelChoiceField(
        label=_("or our staff member"), required=False, queryset=User.objects.none()
    )
    person_name = forms.CharField(label=_("or name"), required=False, max_length=200)
    carer = forms.ModelChoiceField(
        label=_("Designated carer"),
        required=False,
        queryset=User.objects.none(),
        help_text=_("Reads the care notes with the response team."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=CareStatus.choices)
    safety_done = forms.BooleanField(
        label=_("Safety and separation from the customer ensured"), required=False
    )
    safety_done_at = _datetime_field(_("Ensured at"))
    safety_how = forms.CharField(
        label=_("How"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. moved off the customer's account, no visits alone, calls recorded."),
    )
    first_interview_at = _datetime_field(_("First interview with the employee held at"))
    first_interview_by = forms.ModelChoiceField(
        label=_("First interview by"), required=False, queryset=User.objects.none()
    )
    referral = forms.ChoiceField(
        label=_("Occupational physician (産業医) or counsellor"), choices=Referral.choices
    )
    referral_on = forms.DateField(
        label=_("Referral date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    wish = forms.ChoiceField(label=_("Leave or reassignment wished"), choices=Wish.choices)
    wish_decision = forms.ChoiceField(label=_("Decision"), choices=WishDecision.choices)
    wish_note = forms.CharField(
        label=_("Details of the wish and decision"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        for name in ("carer", "first_interview_by"):
            self.fields[name].queryset = _staff(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [k for k in ("worker", "employee", "person_name") if data.get(k)]
        if len(chosen) > 1:
            raise forms.ValidationError(
                _("Name the employee once: a worker, a staff member or a name."),
                code="many_people",
            )
        if data.get("safety_done") and data.get("safety_done_at") is None:
            self.add_error("safety_done_at", _("Give when the employee's safety was ensured."))
        if data.get("first_interview_by") and data.get("first_interview_at") is None:
            self.add_error("first_interview_at", _("Give when the first interview was held."))
        if data.get("referral", Referral.NONE) != Referral.NONE and not data.get("referral_on"):
            self.add_error("referral_on", _("Give the date of the referral."))
        if data.get("wish") == Wish.NONE and data.get("wish_decision") != WishDecision.PENDING:
            self.add_error("wish_decision", _("Record the employee's wish before a decision."))
        for name in ("safety_done_at", "first_interview_at"):
            _not_future(self, name)
        return data


def plan_initial(plan: CarePlan) -> dict[str, Any]:
    return {
        "worker": plan.worker_id,
        "employee": plan.employee_id,
        "person_name": plan.person_name,
        "carer": plan.carer_id,
        "status": plan.status,
        "safety_done": plan.safety_done,
        "safety_done_at": plan.safety_done_at and timezone.localtime(plan.safety_done_at),
        "safety_how": plan.safety_how,
        "first_interview_at": plan.first_interview_at
        and timezone.localtime(plan.first_interview_at),
        "first_interview_by": plan.first_interview_by_id,
        "referral": plan.referral,
        "referral_on": plan.referral_on,
        "wish": plan.wish,
        "wish_decision": plan.wish_decision,
        "wish_note": plan.wish_note,
    }


class CheckInForm(forms.Form):
    due = forms.DateField(
        label=_("Next check-in on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_due(self) -> Any:
        value = self.cleaned_data["due"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The check-in date cannot be in the past."), code="past")
        return value


class CheckInDoneForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CareNoteForm(forms.Form):
    body = forms.CharField(
        label=_("New care note"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 5})
    )


_STATEMENT = re.compile(r"^(?P<speaker>[^:：]{1,60})[:：]\s*(?P<said>.*)$")


def parse_statements(text: str) -> list[dict[str, str]]:
    """``speaker：said`` per line; a line without a colon continues the statement above.

    Raises ``ValidationError`` when the first line names no speaker.
    """
    rows: list[dict[str, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _STATEMENT.match(line)
        if match:
            rows.append({"speaker": match["speaker"].strip(), "said": match["said"].strip()})
        elif rows:
            rows[-1]["said"] = f"{rows[-1]['said']}\n{line}".strip()
        else:
            raise forms.ValidationError(
                _("Start with the speaker's name and a colon, e.g. “M課長：…”."),
                code="no_speaker",
            )
    return [row for row in rows if row["said"]]


class StatementsField(forms.CharField):
    """What each person said, typed one ``speaker：said`` per line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 8})

    def to_python(self, value: Any) -> list[dict[str, str]]:  # type: ignore[override]
        return parse_statements(super().to_python(value) or "")


class InterviewForm(OrganisationScopedForm):
    side = forms.ChoiceField(label=_("Side"), choices=InterviewSide.choices)
    interviewee_party = forms.ModelChoiceField(
        label=_("Interviewee (party of the case)"),
        required=False,
        queryset=CaseParty.objects.none(),
    )
    interviewee_name = forms.CharField(
        label=_("or interviewee's name"), required=False, max_length=200
    )
    interviewers = forms.ModelMultipleChoiceField(
        label=_("Interviewers"),
        required=False,
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    other_interviewers = forms.CharField(
        label=_("Other interviewers"),
        required=False,
        max_length=300,
        help_text=_("People from outside the desk, e.g. the client's general affairs."),
    )
    held_at = _datetime_field(_("Held at"), required=True)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    statements = StatementsField(
        label=_("What each said"),
        required=False,
        max_length=50_000,
        help_text=_(
            "One statement per line: the speaker, a colon, then what they said. "
            "A line without a colon continues the statement above."
        ),
    )
    summary = forms.CharField(
        label=_("Summary"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_steps = forms.CharField(
        label=_("Agreed next steps"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: User, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        party_field = self.fields["interviewee_party"]
        party_field.queryset = case.parties.select_related(  # type: ignore[attr-defined]
            "worker", "contact__client", "user"
        )
        party_field.label_from_instance = str  # type: ignore[attr-defined]
        self.fields["interviewers"].queryset = _staff(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_party = data.get("interviewee_party") is not None
        has_name = bool((data.get("interviewee_name") or "").strip())
        if has_party == has_name:
            raise forms.ValidationError(
                _("Choose the interviewee among the parties or type a name (one of the two)."),
                code="interviewee",
            )
        if not data.get("interviewers") and not (data.get("other_interviewers") or "").strip():
            self.add_error("interviewers", _("Say who held the interview."))
        _not_future(self, "held_at")
        return data
