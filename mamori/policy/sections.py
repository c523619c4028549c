"""The policy's text as data: sections, the seed template and the company placeholder.

A version stores its sections as a JSON list of plain dicts; :class:`Section`
is the typed view of one of them. Section keys come from the seed and are not
unique (the seven "behaviours" clauses share one key), so a section is
identified by its position, and the key only says what kind of clause it is.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "COMPANY_PLACEHOLDER",
    "CUSTOM_KEY",
    "TEMPLATE_PATH",
    "PolicyText",
    "Section",
    "clean_key",
    "clean_text",
    "load_template",
]

TEMPLATE_PATH = Path(__file__).resolve().parent / "seed" / "policy_template.toml"
COMPANY_PLACEHOLDER = "{company}"
# Sections added in the editor have no seed key; this one marks them.
CUSTOM_KEY = "custom"

# Control characters other than tab and newline would break the PDF (XML) and
# have no business in a policy.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_KEY = re.compile(r"[^a-z0-9-]+")


def clean_text(text: str) -> str:
    """LF line ends, no control characters, no trailing spaces, no blank edges."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def clean_key(key: str) -> str:
    return _KEY.sub("-", key.strip().lower()).strip("-")[:40] or CUSTOM_KEY


@dataclass(frozen=True)
class Section:
    """One clause of the policy, in Japanese and English, with the triage categories it covers."""

    key: str
    heading_ja: str
    heading_en: str
    body_ja: str
    body_en: str
    categories: tuple[str, ...] = field(default=())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Section:
        return cls(
            key=clean_key(str(data.get("key", ""))),
            heading_ja=clean_text(str(data.get("heading_ja", ""))),
            heading_en=clean_text(str(data.get("heading_en", ""))),
            body_ja=clean_text(str(data.get("body_ja", ""))),
            body_en=clean_text(str(data.get("body_en", ""))),
            categories=tuple(str(c) for c in data.get("categories", ())),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "heading_ja": self.heading_ja,
            "heading_en": self.heading_en,
            "body_ja": self.body_ja,
            "body_en": self.body_en,
            "categories": list(self.categories),
        }

    def heading(self, lang: str) -> str:
        """The heading in ``lang``; English falls back to Japanese when it was left empty."""
        return (self.heading_en or self.heading_ja) if lang == "en" else self.heading_ja

    def body(self, lang: str) -> str:
        return (self.body_en or self.body_ja) if lang == "en" else self.body_ja


@dataclass(frozen=True)
class PolicyText:
    """The whole text of one version: the title and the sections in publication order."""

    title_ja: str
    title_en: str
    sections: tuple[Section, ...]

    @classmethod
    def build(cls, title_ja: str, title_en: str, sections: Iterable[Section]) -> PolicyText:
        return cls(clean_text(title_ja), clean_text(title_en), tuple(sections))

    def title(self, lang: str) -> str:
        return (self.title_en or self.title_ja) if lang == "en" else self.title_ja

    def sections_json(self) -> list[dict[str, Any]]:
        return [section.to_dict() for section in self.sections]


def load_template(*, company_ja: str, company_en: str, path: Path = TEMPLATE_PATH) -> PolicyText:
    """The seed policy with the company's name filled in.

    A plain replace, not ``str.format``: the seed promises no other braces, but
    a replace stays safe even if an edited seed ever holds one.
    """
    with path.open("rb") as handle:
        data = tomllib.load(handle)

    def fill(text: str, company: str) -> str:
        return text.replace(COMPANY_PLACEHOLDER, company)

    sections = [
        Section.from_dict(
            {
                **raw,
                "body_ja": fill(raw.get("body_ja", ""), company_ja),
                "body_en": fill(raw.get("body_en", ""), company_en),
                "heading_ja": fill(raw.get("heading_ja", ""), company_ja),
                "heading_en": fill(raw.get("heading_en", ""), company_en),
            }
        )
        for raw in data["section"]
    ]
    return PolicyText.build(
        fill(data["title_ja"], company_ja), fill(data["title_en"], company_en), sections
    )
