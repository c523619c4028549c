"""A select widget that renders its options in Python.

Django renders every ``<option>`` through a template; with a hundred clients
and a few dozen owners that was half the search page's time. Same markup,
same escaping (``format_html``), a fraction of the cost.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class FastSelect(forms.Select):
    """``forms.Select`` with the same HTML, built without per-option templates."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        selected = {"" if v is None else str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    str(option_value),
                    SafeString(" selected") if str(option_value) in selected else "",
                    label,
                )
                for option_value, label in self._plain_choices()
            ),
        )
        attributes = SafeString(
            "".join(
                format_html(" {}", key) if val is True else format_html(' {}="{}"', key, val)
                for key, val in final.items()
                if val is not None and val is not False
            )
        )
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)

    def _plain_choices(self) -> list[tuple[Any, Any]]:
        plain: list[tuple[Any, Any]] = []
        for option_value, label in self.choices:
            value = getattr(option_value, "value", option_value)
            plain.append(("" if value is None else value, label))
        return plain
