"""Letter templates (``mamori/policy/seed/letters.toml``) and how a letter is filled and laid out.

Each template is plain text for ``str.format`` with the placeholders listed in
``PLACEHOLDERS``; the values are inserted as they are (braces in a customer's
words are never parsed). ``layout`` turns the filled text into lines with
their alignment, following Japanese business-letter form: the date and the
sender on the right, the title centred, 敬具 and 以上 on the right, 記 centred.

This module imports no Django.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

PLACEHOLDERS = (
    "date",
    "customer_name",
    "customer_company",
    "company",
    "incident_date",
    "incident_summary",
    "measures",
    "contact_name",
    "contact_phone",
)
LETTER_KINDS = ("warning_letter", "service_suspension", "cooperation_request")
LANGS = ("ja", "en")

SEED = Path(__file__).resolve().parent.parent / "policy" / "seed" / "letters.toml"
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class LetterTemplateError(Exception):
    """The letters file lacks a letter, a language or a field, or names an unknown placeholder."""


@dataclass(frozen=True)
class LetterTemplate:
    kind: str
    lang: str
    subject: str
    body: str
    measure_options: tuple[str, ...]

    @property
    def title(self) -> str:
        """The letter's heading: its first non-empty line that holds no placeholder."""
        for line in self.body.splitlines():
            if line.strip() and "{" not in line:
                return line.strip()
        return self.subject


@cache
def _load(path: Path) -> dict[tuple[str, str], LetterTemplate]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    templates: dict[tuple[str, str], LetterTemplate] = {}
    for kind in LETTER_KINDS:
        section = data.get(kind)
        if not isinstance(section, dict):
            raise LetterTemplateError(f"{path.name}: no [{kind}] letter")
        for lang in LANGS:
            try:
                subject = str(section[f"subject_{lang}"]).strip()
                body = str(section[f"body_{lang}"]).strip("\n")
            except KeyError as exc:
                raise LetterTemplateError(f"{path.name}: [{kind}] lacks {exc.args[0]}") from None
            names = set(re.findall(r"\{([^{}]*)\}", body))
            unknown = names - set(PLACEHOLDERS)
            if unknown:
                raise LetterTemplateError(f"{path.name}: [{kind}] unknown {sorted(unknown)}")
            options = tuple(str(o) for o in section.get(f"measures_options_{lang}", ()))
            templates[(kind, lang)] = LetterTemplate(kind, lang, subject, body, options)
    return templates


def letter_template(kind: str, lang: str, path: Path = SEED) -> LetterTemplate:
    try:
        return _load(path)[(kind, lang)]
    except KeyError:
        raise LetterTemplateError(f"no letter {kind!r} in {lang!r}") from None


def fill(template: LetterTemplate, values: Mapping[str, str]) -> str:
    """The template's body with every placeholder replaced by its value (missing → error)."""
    missing = [name for name in PLACEHOLDERS if name not in values]
    if missing:
        raise LetterTemplateError(f"values missing for {missing}")

    def replace(match: re.Match[str]) -> str:
        return values[match[1]].replace("\r\n", "\n").strip("\n")

    return _PLACEHOLDER.sub(replace, template.body)


def leftover_placeholders(text: str) -> list[str]:
    """Placeholders still present in a letter text, e.g. after a hand edit went wrong."""
    return sorted(set(_PLACEHOLDER.findall(text)))


def letter_date(value: date, lang: str) -> str:
    """``2026年11月21日`` / ``21 November 2026``."""
    if lang == "en":
        return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"
    return f"{value.year}年{value.month}月{value.day}日"


def measure_lines(lines: list[str], lang: str) -> str:
    """The chosen measures, one per line, each with the bullet of the letter's language."""
    bullet = "- " if lang == "en" else "・"
    out = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        out.append(text if text.startswith(("・", "- ", "-", "•")) else f"{bullet}{text}")
    return "\n".join(out)


@dataclass(frozen=True)
class Line:
    text: str
    align: str = "left"  # left | right | center
    bold: bool = False
    title: bool = False


_RIGHT_CLOSERS = {"敬具", "以上", "草々"}


def layout(text: str, *, date_text: str, company: str, title: str) -> list[Line]:
    """Lines of a filled letter with their alignment; blank lines kept as spacing."""
    lines: list[Line] = []
    seen_date = seen_company = seen_title = False
    for raw in text.replace("\r\n", "\n").split("\n"):
        stripped = raw.strip()
        if not seen_title and not seen_date and stripped == date_text.strip() and stripped:
            lines.append(Line(stripped, "right"))
            seen_date = True
        elif (
            not seen_title
            and not seen_company
            and company.strip()
            and stripped in {company.strip(), f"From: {company.strip()}"}
        ):
            lines.append(Line(stripped, "right"))
            seen_company = True
        elif not seen_title and stripped == title:
            lines.append(Line(stripped, "center", bold=True, title=True))
            seen_title = True
        elif stripped in _RIGHT_CLOSERS:
            lines.append(Line(stripped, "right"))
        elif stripped == "記":
            lines.append(Line(stripped, "center"))
        else:
            lines.append(Line(raw.rstrip()))
    return lines
