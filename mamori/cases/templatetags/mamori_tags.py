from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """Look a key up in a dict from a template (``names|get_item:label``)."""
    if not isinstance(mapping, dict):
        return ""
    return mapping.get(key, key)
