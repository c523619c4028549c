"""Marking the engine's quoted spans inside the text a person reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def highlight(
    text: str, findings: Sequence[dict[str, Any]], label_names: dict[str, str]
) -> SafeString:
    """Escape ``text`` and wrap each finding's span in <mark>, explaining it on hover.

    Spans past the end of ``text`` (they point into the quotes appended for
    triage) are left for the findings list. Overlapping spans merge into the
    first, so the output is always well-formed.
    """
    spans: list[tuple[int, int, list[dict[str, Any]]]] = []
    for finding in sorted(findings, key=lambda f: (f["start"], -f["end"])):
        start, end = int(finding["start"]), int(finding["end"])
        if not 0 <= start < end <= len(text):
            continue
        if spans and start < spans[-1][1]:
            last_start, last_end, group = spans[-1]
            spans[-1] = (last_start, max(last_end, end), [*group, finding])
            continue
        spans.append((start, end, [finding]))
    out: list[str] = []
    cursor = 0
    for start, end, group in spans:
        out.append(escape(text[cursor:start]))
        labels = " ".join(f"label-{f['label']}" for f in group)
        title = "\n".join(
            f"{label_names.get(f['label'], f['label'])}: {f.get('explanation', '')}" for f in group
        )
        out.append(
            format_html('<mark class="{}" title="{}">{}</mark>', labels, title, text[start:end])
        )
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(str(part) for part in out).replace("\n", "<br>"))  # noqa: S308
