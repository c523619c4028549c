"""The input model of the renderers: plain frozen dataclasses.

The web layer builds a :class:`CaseReport` from the database (labels already
translated, datetimes already converted to the desk's time zone, personal data
already masked when ``masked`` is set) and hands it to a ``render_*`` function.
Nothing here touches Django or the database.

Preconditions, checked on construction (:class:`InvalidReport` otherwise):

* every ``datetime`` is timezone-aware; it is printed in the zone it carries;
* ``CaseReport.instalment`` and ``InstalmentRef.number`` are ≥ 1;
* ``Point.status`` is ``open``, ``done`` or ``dismissed``;
  ``EvidenceItem.status`` is ``attached`` or ``missing``;
* ``CaseReport.lang`` is ``ja`` or ``en``.

Sequences may be lists or tuples; the renderers never modify them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from ._errors import InvalidReport

__all__ = [
    "Action",
    "CaseReport",
    "Entry",
    "EvidenceItem",
    "FindingView",
    "InstalmentRef",
    "Point",
    "TriageSummary",
]

PointStatus = Literal["open", "done", "dismissed"]
EvidenceStatus = Literal["attached", "missing"]
Lang = Literal["ja", "en"]

_POINT_STATUSES = ("open", "done", "dismissed")
_EVIDENCE_STATUSES = ("attached", "missing")
_LANGS = ("ja", "en")


def _require_aware(value: datetime | None, field: str) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise InvalidReport(
            "naive_datetime",
            f"{field} にタイムゾーンがありません。",
            f"{field} must be timezone-aware.",
        )


@dataclass(frozen=True, kw_only=True)
class InstalmentRef:
    """An earlier instalment of the same case (① for number 1, 続編② …)."""

    number: int
    date: date
    url_or_none: str | None = None

    def __post_init__(self) -> None:
        if self.number < 1:
            raise InvalidReport(
                "invalid_instalment",
                "報告の回数は1以上でなければなりません。",
                "An instalment number must be at least 1.",
            )


@dataclass(frozen=True, kw_only=True)
class Point:
    """One point to handle (対応のポイント), on the customer or the worker side."""

    text: str
    status: PointStatus = "open"
    comment: str = ""

    def __post_init__(self) -> None:
        if self.status not in _POINT_STATUSES:
            raise InvalidReport(
                "invalid_point_status",
                f"対応のポイントの状態が不正です: {self.status!r}",
                f"Unknown point status: {self.status!r}",
            )


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One dated entry of the course of events (対応経緯)."""

    at: datetime
    channel_label: str = ""
    direction_label: str = ""
    participants: Sequence[str] = ()
    summary: str = ""
    quotes: Sequence[str] = ()

    def __post_init__(self) -> None:
        _require_aware(self.at, "Entry.at")


@dataclass(frozen=True, kw_only=True)
class Action:
    """A next action (次のアクション)."""

    title: str
    assignee: str = ""
    due: date | None = None
    done: bool = False


@dataclass(frozen=True, kw_only=True)
class FindingView:
    """One triage finding, as shown to a reader: label, quoted text, why, which rule."""

    label: str
    quote: str = ""
    explanation: str = ""
    rule: str = ""


@dataclass(frozen=True, kw_only=True)
class TriageSummary:
    """The triage result, with every label already translated."""

    verdict_label: str
    categories: Sequence[str] = ()
    flags: Sequence[str] = ()
    topics: Sequence[str] = ()
    severity: int = 1
    findings: Sequence[FindingView] = ()


@dataclass(frozen=True, kw_only=True)
class EvidenceItem:
    """One line of the evidence checklist."""

    name: str
    status: EvidenceStatus = "missing"
    sha256: str | None = None

    def __post_init__(self) -> None:
        if self.status not in _EVIDENCE_STATUSES:
            raise InvalidReport(
                "invalid_evidence_status",
                f"証拠の状態が不正です: {self.status!r}",
                f"Unknown evidence status: {self.status!r}",
            )


@dataclass(frozen=True, kw_only=True)
class CaseReport:
    """Everything one instalment of a case report (営業日報) shows."""

    title: str
    case_number: str
    kind_label: str
    status_label: str
    severity: int
    report_date: date
    author: str
    company_name: str
    client_name: str
    department_name: str = ""
    worker_names: Sequence[str] = ()
    instalment: int = 1
    previous_instalments: Sequence[InstalmentRef] = ()
    period_start: datetime | None = None
    period_end: datetime | None = None
    background: Sequence[str] = ()
    customer_points: Sequence[Point] = ()
    worker_points: Sequence[Point] = ()
    entries: Sequence[Entry] = ()
    next_actions: Sequence[Action] = ()
    triage: TriageSummary | None = None
    evidence: Sequence[EvidenceItem] = ()
    lang: Lang = "ja"
    wareki: bool = False
    masked: bool = False

    def __post_init__(self) -> None:
        if self.instalment < 1:
            raise InvalidReport(
                "invalid_instalment",
                "報告の回数は1以上でなければなりません。",
                "The instalment number must be at least 1.",
            )
        if self.lang not in _LANGS:
            raise InvalidReport(
                "invalid_lang",
                f"対応していない言語です: {self.lang!r}",
                f"Unsupported language: {self.lang!r}",
            )
        _require_aware(self.period_start, "CaseReport.period_start")
        _require_aware(self.period_end, "CaseReport.period_end")
