"""The dashboard's filters: a period of at most three years and an optional client."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mamori.cases.forms import OrganisationScopedForm
from mamori.dashboards.charts import DashboardFilters
from mamori.orgs.models import ClientCompany
from mamori.widgets import FastSelect

MAX_DAYS = 3 * 366


class DashboardFilterForm(OrganisationScopedForm):
    start = forms.DateField(
        label=_("Opened from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Opened until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    client = forms.ModelChoiceField(
        label=_("Client"),
        required=False,
        queryset=ClientCompany.objects.none(),
        widget=FastSelect,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        default = DashboardFilters.default()
        start = data.get("start") or default.start
        end = data.get("end") or default.end
        if start > end:
            raise forms.ValidationError(
                _("The start date must not be after the end date."), code="date_order"
            )
        if (end - start).days > MAX_DAYS:
            raise forms.ValidationError(
                _("Choose a period of at most three years."), code="period_too_long"
            )
        data["start"], data["end"] = start, end
        return data

    def filters(self) -> DashboardFilters:
        data = self.cleaned_data
        return DashboardFilters(start=data["start"], end=data["end"], client=data["client"])
