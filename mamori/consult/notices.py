"""The short notices of the policy seed (``policy/seed/notices.toml``) in the user's language."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

NOTICES_PATH = Path(__file__).resolve().parent.parent / "policy" / "seed" / "notices.toml"
NOTICE_NAMES = ("no_adverse_treatment", "report_form_intro", "anonymous_key_help", "care_first")


@cache
def _load() -> dict[str, str]:
    with NOTICES_PATH.open("rb") as handle:
        data = tomllib.load(handle)
    return {key: str(value) for key, value in data.items()}


def notice(name: str, language: str | None = None) -> list[str]:
    """The notice as a list of paragraphs; Japanese unless the user reads English."""
    if name not in NOTICE_NAMES:
        raise KeyError(name)
    lang = "en" if (language or get_language() or "ja").startswith("en") else "ja"
    text = _load()[f"{name}_{lang}"]
    # Japanese wraps without spaces; English lines join with one.
    sep = " " if lang == "en" else ""
    return [sep.join(p.split("\n")).strip() for p in text.strip().split("\n\n") if p.strip()]


def notices(*names: str) -> dict[str, list[str]]:
    return {name: notice(name) for name in names}
