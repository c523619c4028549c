"""Forms of the consultation desk: every input is checked here, before any action runs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import User
from mamori.consult.actions import ReportInput, first_response_team_member, managers_of
from mamori.consult.keys import normalise_key
from mamori.consult.models import ReportChannel, Route, Wish
from mamori.orgs.models import Organisation

TEXT_MAX = 20_000
MESSAGE_MAX = 10_000
PASSPHRASE_MIN = 8
PASSPHRASE_MAX = 128


class ManagerChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class ReportForm(forms.Form):
    """What every reporter fills in, signed in or not."""

    text = forms.CharField(
        label=_("What happened?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "In your own words. What was said or done, and how it affected you. "
            "You can add more later."
        ),
    )
    happened_when = forms.CharField(
        label=_("When did it happen?"),
        required=False,
        max_length=200,
        help_text=_("A date and time, or roughly (e.g. “last Tuesday afternoon”, “since May”)."),
    )
    place = forms.CharField(
        label=_("Where?"),
        required=False,
        max_length=200,
        help_text=_("E.g. at the client's office, at the reception desk."),
    )
    channel = forms.ChoiceField(
        label=_("How did it reach you?"),
        required=False,
        choices=[("", "—"), *ReportChannel.choices],
    )
    customer_company = forms.CharField(
        label=_("Customer company (optional)"), required=False, max_length=200
    )
    customer_person = forms.CharField(
        label=_("Customer person (optional)"), required=False, max_length=200
    )
    in_danger = forms.BooleanField(
        label=_("There was violence or a threat, or I feel unsafe"),
        required=False,
    )
    wish = forms.ChoiceField(
        label=_("What would you like?"),
        choices=Wish.choices,
        widget=forms.RadioSelect,
        initial=Wish.BE_HEARD,
    )
    wish_other = forms.CharField(
        label=_("If something else, what?"), required=False, max_length=500
    )
    route = forms.ChoiceField(
        label=_("Who should hear it first?"),
        choices=Route.choices,
        widget=forms.RadioSelect,
        initial=Route.RESPONSE_TEAM,
    )
    first_contact = ManagerChoiceField(
        label=_("Your manager"),
        required=False,
        queryset=User.objects.none(),
        help_text=_("Only if you chose your manager above."),
    )
    contact = forms.CharField(
        label=_("How can we reach you? (optional)"),
        required=False,
        max_length=300,
        help_text=_("A phone number or e-mail address. Only the response team can see it."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        managers = managers_of(organisation)
        self.fields["first_contact"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=[m.pk for m in managers]
        ).order_by("display_name", "username")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        route = data.get("route")
        if route == Route.MANAGER and data.get("first_contact") is None:
            self.add_error(
                "first_contact", forms.ValidationError(_("Choose your manager."), code="required")
            )
        if route == Route.RESPONSE_TEAM and first_response_team_member(self.organisation) is None:
            self.add_error(
                "route",
                forms.ValidationError(
                    _("There is no response team to receive reports yet. Choose your manager."),
                    code="no_response_team",
                ),
            )
        if data.get("wish") == Wish.OTHER and not (data.get("wish_other") or "").strip():
            self.add_error(
                "wish_other",
                forms.ValidationError(_("Tell us what you would like."), code="required"),
            )
        if route != Route.MANAGER:
            data["first_contact"] = None
        return data

    def report_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            text=data["text"],
            wish=data["wish"],
            route=data["route"],
            first_contact=data["first_contact"],
            happened_when=data["happened_when"],
            place=data["place"],
            channel=data["channel"],
            customer_company=data["customer_company"],
            customer_person=data["customer_person"],
            wish_other=data["wish_other"],
            in_danger=data["in_danger"],
            anonymous=data.get("anonymous", True),
            name=data.get("name", ""),
            contact=data["contact"],
            passphrase=data.get("passphrase", ""),
        )


class SignedInReportForm(ReportForm):
    anonymous = forms.BooleanField(
        label=_("Keep my name from everyone except the response team"),
        required=False,
        help_text=_(
            "Your manager and the other staff handling the case will see "
            "“Identity protected” instead of your name."
        ),
    )

    field_order = [
        "text",
        "happened_when",
        "place",
        "channel",
        "customer_company",
        "customer_person",
        "in_danger",
        "wish",
        "wish_other",
        "route",
        "first_contact",
        "anonymous",
        "contact",
    ]


class PublicReportForm(ReportForm):
    """Without signing in: the reporter sets a passphrase that goes with the report key."""

    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to stay anonymous. Only the response team can see it."),
    )
    passphrase = forms.CharField(
        label=_("Passphrase"),
        min_length=PASSPHRASE_MIN,
        max_length=PASSPHRASE_MAX,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 8 characters. With the report key shown after sending, "
            "it lets you read replies and add information."
        ),
    )
    passphrase_confirm = forms.CharField(
        label=_("Passphrase again"),
        max_length=PASSPHRASE_MAX,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        passphrase = data.get("passphrase")
        if passphrase and passphrase != data.get("passphrase_confirm"):
            self.add_error(
                "passphrase_confirm",
                forms.ValidationError(_("The two passphrases differ."), code="mismatch"),
            )
        return data


class FollowForm(forms.Form):
    key = forms.CharField(
        label=_("Report key"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "placeholder": "XXXX-XXXX-XXXX-XXXX",
            }
        ),
    )
    passphrase = forms.CharField(
        label=_("Passphrase"),
        max_length=PASSPHRASE_MAX,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "current-password"}),
    )

    def clean_key(self) -> str:
        canonical = normalise_key(self.cleaned_data["key"])
        if canonical is None:
            raise forms.ValidationError(
                _("A report key has 16 letters and digits, like ABCD-EFGH-JKMN-PQRS."),
                code="format",
            )
        return canonical


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
