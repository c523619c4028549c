"""The policy editor's forms: the title and note, and one form per section.

Sections are a formset with ordering and deletion, plus one blank form to add
a clause; the browser needs no JavaScript for any of it.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mamori.policy.actions import MAX_SECTIONS
from mamori.policy.sections import Section, clean_key, clean_text

MAX_BODY = 20_000


def _text_input(lang: str) -> forms.TextInput:
    return forms.TextInput(attrs={"lang": lang})


def _textarea(lang: str) -> forms.Textarea:
    return forms.Textarea(attrs={"lang": lang, "rows": 9})


class PolicyTextForm(forms.Form):
    title_ja = forms.CharField(
        label=_("Title (Japanese)"), max_length=200, widget=_text_input("ja")
    )
    title_en = forms.CharField(
        label=_("Title (English)"), max_length=200, required=False, widget=_text_input("en")
    )
    note = forms.CharField(
        label=_("What changed and why (shown in the version history)"),
        max_length=500,
        required=False,
    )
    # The latest version number when the editor was opened: a stale editor must not overwrite.
    base = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def clean_title_ja(self) -> str:
        return clean_text(self.cleaned_data["title_ja"])

    def clean_title_en(self) -> str:
        return clean_text(self.cleaned_data["title_en"])


def _category_choices() -> list[tuple[str, str]]:
    from mamori.triage import CATEGORIES, label_name

    english = (get_language() or "ja").startswith("en")
    return [
        (c, f"{label_name(c, 'ja')} ({label_name(c, 'en')})" if english else label_name(c, "ja"))
        for c in CATEGORIES
    ]


class SectionForm(forms.Form):
    key = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)
    heading_ja = forms.CharField(
        label=_("Heading (Japanese)"), max_length=200, widget=_text_input("ja")
    )
    heading_en = forms.CharField(
        label=_("Heading (English)"), max_length=200, required=False, widget=_text_input("en")
    )
    body_ja = forms.CharField(
        label=_("Text (Japanese)"), max_length=MAX_BODY, widget=_textarea("ja")
    )
    body_en = forms.CharField(
        label=_("Text (English)"), max_length=MAX_BODY, required=False, widget=_textarea("en")
    )
    categories = forms.MultipleChoiceField(
        label=_("Triage categories this clause covers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["categories"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - declared above
        field.choices = _category_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("heading_ja", "heading_en", "body_ja", "body_en"):
            if name in data:
                data[name] = clean_text(data[name])
        if "heading_ja" in data and not data["heading_ja"]:
            self.add_error("heading_ja", _("This field is required."))
        if "body_ja" in data and not data["body_ja"]:
            self.add_error("body_ja", _("This field is required."))
        return data

    def section(self) -> Section:
        data = self.cleaned_data
        return Section(
            key=clean_key(data.get("key") or ""),
            heading_ja=data["heading_ja"],
            heading_en=data["heading_en"],
            body_ja=data["body_ja"],
            body_en=data["body_en"],
            categories=tuple(data["categories"]),
        )


class BaseSectionFormSet(BaseFormSet[SectionForm]):
    def sections(self) -> list[Section]:
        """The kept sections in their new order; call only after ``is_valid()``."""
        return [form.section() for form in self.ordered_forms]


# The stubs type formset_factory's result as the plain BaseFormSet; ours adds sections().
SectionFormSet = cast(
    type[BaseSectionFormSet],
    formset_factory(
        SectionForm,
        formset=BaseSectionFormSet,
        extra=1,
        can_order=True,
        can_delete=True,
        min_num=1,
        validate_min=True,
        max_num=MAX_SECTIONS,
        validate_max=True,
    ),
)


def section_initial(sections: tuple[Section, ...]) -> list[dict[str, Any]]:
    return [section.to_dict() for section in sections]


class AcknowledgeForm(forms.Form):
    # The version the person read: if a newer one was published meanwhile, they read that first.
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
