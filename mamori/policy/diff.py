"""What changed between two versions, section by section, as escaped inline HTML.

Sections are matched by their key sequence (keys repeat, so equal runs pair
up by position); within a field, lines are compared first and a changed line
is then compared token by token: English by word, Japanese (no spaces) by
character. Deleted text is wrapped in ``<del>``, inserted text in ``<ins>``;
everything else is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db import models
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from mamori.policy.sections import PolicyText, Section

__all__ = ["ChangeKind", "FieldDiff", "SectionDiff", "VersionDiff", "diff_texts", "inline_diff"]

_TOKEN = re.compile(r"[A-Za-z0-9_'’-]+|\s+|.", re.DOTALL)
# Below this similarity a token diff is noise; show the old line struck out and the new one.
_MIN_RATIO = 0.35
_EMPTY_LINE = "↵"


class ChangeKind(models.TextChoices):
    ADDED = "added", _("Section added")
    REMOVED = "removed", _("Section removed")
    CHANGED = "changed", _("Section changed")
    UNCHANGED = "unchanged", _("Section unchanged")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _del(text: str) -> str:
    return f"<del>{_e(text) or _EMPTY_LINE}</del>"


def _ins(text: str) -> str:
    return f"<ins>{_e(text) or _EMPTY_LINE}</ins>"


def _token_diff(old: str, new: str) -> str:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < _MIN_RATIO:
        return _del(old) + _ins(new)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(_e("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(_del("".join(a[i1:i2])))
        if j2 > j1:
            out.append(_ins("".join(b[j1:j2])))
    return "".join(out)


def inline_diff(old: str, new: str) -> SafeString:
    """``old`` → ``new`` as one escaped text with ``<del>``/``<ins>`` marks, line breaks kept."""
    a, b = old.split("\n"), new.split("\n")
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(_e(line) for line in a[i1:i2])
        elif tag == "delete":
            out.extend(_del(line) for line in a[i1:i2])
        elif tag == "insert":
            out.extend(_ins(line) for line in b[j1:j2])
        else:
            pairs = min(i2 - i1, j2 - j1)
            out.extend(_token_diff(a[i1 + k], b[j1 + k]) for k in range(pairs))
            out.extend(_del(line) for line in a[i1 + pairs : i2])
            out.extend(_ins(line) for line in b[j1 + pairs : j2])
    return mark_safe("\n".join(out))  # noqa: S308 - every piece of text is escaped above


@dataclass(frozen=True)
class FieldDiff:
    """One field of a section (or the title) before and after."""

    name: str
    label: str
    html: SafeString
    changed: bool


@dataclass(frozen=True)
class SectionDiff:
    """One section's fate between two versions."""

    kind: ChangeKind
    old_number: int | None
    new_number: int | None
    heading: str
    fields: tuple[FieldDiff, ...]
    categories_added: tuple[str, ...] = ()
    categories_removed: tuple[str, ...] = ()
    categories_kept: tuple[str, ...] = ()

    @property
    def changed_fields(self) -> tuple[FieldDiff, ...]:
        return tuple(f for f in self.fields if f.changed)


@dataclass(frozen=True)
class VersionDiff:
    """Every difference between two versions; ``old`` is None for the first version."""

    title: tuple[FieldDiff, ...]
    sections: tuple[SectionDiff, ...] = field(default=())

    @property
    def has_changes(self) -> bool:
        return any(f.changed for f in self.title) or any(
            s.kind != ChangeKind.UNCHANGED for s in self.sections
        )

    @property
    def unchanged_count(self) -> int:
        return sum(1 for s in self.sections if s.kind == ChangeKind.UNCHANGED)


def _field_labels() -> dict[str, str]:
    return {
        "title_ja": str(_("Title (Japanese)")),
        "title_en": str(_("Title (English)")),
        "heading_ja": str(_("Heading (Japanese)")),
        "heading_en": str(_("Heading (English)")),
        "body_ja": str(_("Text (Japanese)")),
        "body_en": str(_("Text (English)")),
    }


def _field(name: str, old: str, new: str) -> FieldDiff:
    return FieldDiff(
        name=name, label=_field_labels()[name], html=inline_diff(old, new), changed=old != new
    )


_SECTION_FIELDS = ("heading_ja", "heading_en", "body_ja", "body_en")


def _section_diff(
    old: Section | None, new: Section | None, old_number: int | None, new_number: int | None
) -> SectionDiff:
    empty = Section("", "", "", "", "", ())
    before, after = old or empty, new or empty
    fields = tuple(
        _field(name, getattr(before, name), getattr(after, name)) for name in _SECTION_FIELDS
    )
    if old is None:
        kind = ChangeKind.ADDED
    elif new is None:
        kind = ChangeKind.REMOVED
    elif old == new:
        # Renumbering alone (a section inserted above) is not worth showing.
        kind = ChangeKind.UNCHANGED
    else:
        kind = ChangeKind.CHANGED
    return SectionDiff(
        kind=kind,
        old_number=old_number,
        new_number=new_number,
        heading=(new or old or empty).heading_ja,
        fields=fields,
        categories_added=tuple(c for c in after.categories if c not in before.categories),
        categories_removed=tuple(c for c in before.categories if c not in after.categories),
        categories_kept=tuple(c for c in after.categories if c in before.categories),
    )


def diff_texts(old: PolicyText | None, new: PolicyText) -> VersionDiff:
    before = old or PolicyText("", "", ())
    title = (
        _field("title_ja", before.title_ja, new.title_ja),
        _field("title_en", before.title_en, new.title_en),
    )
    a, b = before.sections, new.sections
    matcher = SequenceMatcher(None, [s.key for s in a], [s.key for s in b], autojunk=False)
    sections: list[SectionDiff] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = min(i2 - i1, j2 - j1) if tag in {"equal", "replace"} else 0
        for k in range(pairs):
            sections.append(_section_diff(a[i1 + k], b[j1 + k], i1 + k + 1, j1 + k + 1))
        for i in range(i1 + pairs, i2):
            sections.append(_section_diff(a[i], None, i + 1, None))
        for j in range(j1 + pairs, j2):
            sections.append(_section_diff(None, b[j], None, j + 1))
    return VersionDiff(title=title, sections=tuple(sections))
