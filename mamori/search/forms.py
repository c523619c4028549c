"""The search form: words plus filters, each checked against the user's organisation."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import User
from mamori.cases.forms import OrganisationScopedForm
from mamori.cases.models import CaseKind, CaseStatus
from mamori.orgs.models import ClientCompany
from mamori.search.query import OPEN, SearchFilters
from mamori.widgets import FastSelect


def label_choices(labels: tuple[str, ...]) -> list[tuple[str, str]]:
    from mamori.triage import label_name

    lang = "en" if (get_language() or "ja").startswith("en") else "ja"
    return [("", str(_("All"))), *((label, label_name(label, lang)) for label in labels)]


class SearchForm(OrganisationScopedForm):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=100,
        help_text=_("Separate words with spaces: every word must appear. One character is enough."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), (OPEN, _("All open")), *CaseStatus.choices],
        widget=FastSelect,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *CaseKind.choices],
        widget=FastSelect,
    )
    verdict = forms.ChoiceField(label=_("Verdict"), required=False, widget=FastSelect)
    category = forms.ChoiceField(label=_("Category"), required=False, widget=FastSelect)
    flag = forms.ChoiceField(label=_("Flag"), required=False, widget=FastSelect)
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
    opened_from = forms.DateField(
        label=_("Opened from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    opened_to = forms.DateField(
        label=_("Opened until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        from mamori.triage import CATEGORIES, FLAGS, VERDICTS

        for name, labels in (("verdict", VERDICTS), ("category", CATEGORIES), ("flag", FLAGS)):
            cast(forms.ChoiceField, self.fields[name]).choices = label_choices(labels)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("opened_from"), data.get("opened_to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The start date must not be after the end date."), code="date_order"
            )
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            status=data["status"],
            kind=data["kind"],
            verdict=data["verdict"],
            category=data["category"],
            flag=data["flag"],
            client=data["client"],
            worker=data["worker"],
            owner=data["owner"],
            opened_from=data["opened_from"],
            opened_to=data["opened_to"],
        )
