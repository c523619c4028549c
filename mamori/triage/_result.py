"""The result of one triage: labels, evidence and severity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._version import ENGINE_NAME, ENGINE_VERSION

__all__ = ["Finding", "Result"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of evidence: a quote of the text that supports a label.

    ``start``/``end`` index the text as given to :func:`triage`, so
    ``text[start:end] == quote`` always holds.
    """

    label: str
    kind: str  # "category", "flag" or "topic"
    start: int
    end: int
    quote: str
    rule: str
    confidence: float
    explanation: str  # Japanese, as in the contract JSON
    explanation_en: str = ""
    basis: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The finding as in the contract JSON."""
        return {
            "label": self.label,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
            "explanation": self.explanation,
        }

    def explanation_in(self, lang: str) -> str:
        """The explanation in ``lang`` ("ja" or "en")."""
        return self.explanation_en if lang == "en" and self.explanation_en else self.explanation


@dataclass(frozen=True, slots=True)
class Result:
    """The triage of one text (see the contract in docs/triage.md)."""

    verdict: str
    demand_validity: str
    means: str
    categories: tuple[str, ...]
    flags: tuple[str, ...]
    topics: tuple[str, ...]
    findings: tuple[Finding, ...]
    severity: int
    engine: tuple[str, str] = (ENGINE_NAME, ENGINE_VERSION)

    def to_dict(self) -> dict[str, Any]:
        """Exactly the contract JSON object."""
        return {
            "verdict": self.verdict,
            "demand_validity": self.demand_validity,
            "means": self.means,
            "categories": list(self.categories),
            "flags": list(self.flags),
            "topics": list(self.topics),
            "findings": [f.to_dict() for f in self.findings],
            "severity": self.severity,
            "engine": {"name": self.engine[0], "version": self.engine[1]},
        }

    def findings_for(self, label: str) -> tuple[Finding, ...]:
        """The findings that support ``label``."""
        return tuple(f for f in self.findings if f.label == label)
