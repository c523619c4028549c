from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mamori.triage import CATEGORIES, DEMAND_VALIDITIES, FLAGS, MEANS, TOPICS, VERDICTS, label_name
from mamori.widgets import FastCheckboxSelectMultiple, FastSelect


def _choices(ids: tuple[str, ...]) -> list[tuple[str, str]]:
    lang = "en" if (get_language() or "ja").startswith("en") else "ja"
    return [(label, label_name(label, lang)) for label in ids]


class LabelCorrectionForm(forms.Form):
    """Confirm or correct a case's labels; the triage contract's conventions are enforced."""

    verdict = forms.ChoiceField(label=_("Verdict"), widget=FastSelect)
    demand_validity = forms.ChoiceField(label=_("Validity of the demand"), widget=FastSelect)
    means = forms.ChoiceField(label=_("Acceptability of the means"), widget=FastSelect)
    categories = forms.MultipleChoiceField(
        label=_("Behaviour categories"), required=False, widget=FastCheckboxSelectMultiple
    )
    flags = forms.MultipleChoiceField(
        label=_("Red flags"), required=False, widget=FastCheckboxSelectMultiple
    )
    topics = forms.MultipleChoiceField(label=_("Topics"), widget=FastCheckboxSelectMultiple)
    note = forms.CharField(
        label=_("Why (kept with the correction)"), required=False, max_length=500
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, tuple[str, ...]] = {
            "verdict": VERDICTS,
            "demand_validity": DEMAND_VALIDITIES,
            "means": MEANS,
            "categories": CATEGORIES,
            "flags": FLAGS,
            "topics": TOPICS,
        }
        for name, ids in fields.items():
            self.fields[name].choices = _choices(ids)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        verdict = data.get("verdict")
        categories = data.get("categories") or []
        if verdict == "customer_harassment":
            if not categories:
                self.add_error("categories", _("Harassment needs at least one behaviour category."))
            if data.get("means") != "unacceptable":
                self.add_error("means", _("Harassment always has unacceptable means."))
        elif categories:
            self.add_error(
                "categories", _("Behaviour categories are only for a harassment verdict.")
            )
        if verdict == "legitimate_complaint":
            if data.get("flags"):
                self.add_error("flags", _("A legitimate complaint has no red flags."))
            if data.get("demand_validity") != "valid" or data.get("means") != "acceptable":
                self.add_error(
                    "verdict",
                    _("A legitimate complaint has a valid demand made by acceptable means."),
                )
        if verdict == "needs_review" and data.get("means") == "unacceptable":
            self.add_error("means", _("Unacceptable means make it harassment, not needs review."))
        return data
