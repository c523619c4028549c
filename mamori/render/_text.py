"""Headings, fixed labels and the date and text formatting shared by all formats."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from ._model import CaseReport, Entry
from ._wareki import instalment_label, to_wareki

__all__ = [
    "Labels",
    "clean",
    "date_parts",
    "days_of",
    "doc_title",
    "fmt_date",
    "fmt_datetime",
    "fmt_period",
    "fmt_time",
    "join_names",
    "labels_for",
    "quoted",
    "report_no",
    "severity_text",
]


@dataclass(frozen=True)
class Labels:
    """Every fixed string a report prints, in one language."""

    doc_kind: str
    confidential: str
    masked: str
    date: str
    author: str
    company: str
    client_department: str
    workers: str
    subject: str
    report_no: str
    kind: str
    status: str
    severity: str
    period: str
    previous: str
    stamp_author: str
    stamp_manager: str
    stamp_check: str
    background: str
    customer_points: str
    worker_points: str
    course: str
    next_actions: str
    triage: str
    evidence: str
    none: str
    no: str
    content: str
    comment: str
    participants: str
    done: str
    assignee: str
    due: str
    verdict: str
    categories: str
    flags: str
    topics: str
    finding_label: str
    quote: str
    explanation: str
    rule: str
    triage_missing: str
    evidence_name: str
    sha256: str
    point_status: dict[str, str]
    evidence_status: dict[str, str]
    weekdays: tuple[str, ...]
    list_sep: str


_JA = Labels(
    doc_kind="営業日報（クレーム対応報告）",
    confidential="社外秘・取扱注意",
    masked="個人情報マスキング済み",
    date="日付",
    author="作成者",
    company="会社",
    client_department="派遣先・部署",
    workers="スタッフ",
    subject="件名",
    report_no="報告No.",
    kind="種別",
    status="状況",
    severity="重要度",
    period="対応期間",
    previous="前回までの報告",
    stamp_author="作成者",
    stamp_manager="上長",
    stamp_check="確認",
    background="クレーム経緯",
    customer_points="対応のポイント（お客様）",
    worker_points="対応のポイント（スタッフ）",
    course="対応経緯",
    next_actions="次のアクション",
    triage="トリアージ所見",
    evidence="証拠チェックリスト",
    none="（なし）",
    no="No.",
    content="内容",
    comment="コメント",
    participants="参加者",
    done="完了",
    assignee="担当",
    due="期限",
    verdict="判定",
    categories="行為類型",
    flags="注意フラグ",
    topics="テーマ",
    finding_label="区分",
    quote="該当箇所",
    explanation="説明",
    rule="ルール",
    triage_missing="トリアージは未実施です。",
    evidence_name="資料",
    sha256="SHA-256",
    point_status={"open": "未対応", "done": "対応済", "dismissed": "見送り"},
    evidence_status={"attached": "添付済", "missing": "未入手"},
    weekdays=("月", "火", "水", "木", "金", "土", "日"),
    list_sep="、",
)

_EN = Labels(
    doc_kind="Sales daily report (complaint handling)",
    confidential="Confidential",
    masked="Personal data masked (個人情報マスキング済み)",
    date="Date",
    author="Author",
    company="Company",
    client_department="Client / department",
    workers="Staff",
    subject="Subject",
    report_no="Report No.",
    kind="Kind",
    status="Status",
    severity="Severity",
    period="Period",
    previous="Earlier reports",
    stamp_author="Author",
    stamp_manager="Manager",
    stamp_check="Checked",
    background="Background",
    customer_points="Points to handle (customer)",
    worker_points="Points to handle (staff)",
    course="Course of events",
    next_actions="Next actions",
    triage="Triage findings",
    evidence="Evidence checklist",
    none="(none)",
    no="No.",
    content="Item",
    comment="Comment",
    participants="Participants",
    done="Done",
    assignee="Assignee",
    due="Due",
    verdict="Verdict",
    categories="Categories",
    flags="Flags",
    topics="Topics",
    finding_label="Label",
    quote="Quoted text",
    explanation="Explanation",
    rule="Rule",
    triage_missing="No triage has been run.",
    evidence_name="Document",
    sha256="SHA-256",
    point_status={"open": "Open", "done": "Done", "dismissed": "Dismissed"},
    evidence_status={"attached": "Attached", "missing": "Missing"},
    weekdays=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    list_sep=", ",
)

# Status marks drawn from glyphs Noto Sans CJK JP has (it lacks ☐ and ☑).
MARK_DONE = "■"
MARK_OPEN = "□"
MARK_DISMISSED = "－"


def labels_for(lang: str) -> Labels:
    return _EN if lang == "en" else _JA


# XML 1.0 forbids most C0 controls; lxml (python-docx), WeasyPrint and Excel
# all reject or mangle them, so they are dropped from user text everywhere.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """User text made safe for every format: XML-invalid controls dropped, LF line ends."""
    return _XML_INVALID.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def date_parts(value: date, lang: str, wareki: bool, at: datetime | None = None) -> tuple[str, str]:
    """The Western date (with weekday, and time when ``at`` is given) and the era part.

    ``("2026年11月21日(土) 09:12", "（令和8年11月21日）")`` or, in English,
    ``("2026-11-21 (Sat) 09:12", " [令和8年11月21日]")``. The era part is ``""``
    unless ``wareki`` is set and the date falls in 平成 or 令和.
    """
    labels = labels_for(lang)
    weekday = labels.weekdays[value.weekday()]
    if lang == "en":
        main = f"{value:%Y-%m-%d} ({weekday})"
    else:
        main = f"{value.year}年{value.month}月{value.day}日({weekday})"
    if at is not None:
        main += f" {fmt_time(at)}"
    era = to_wareki(value) if wareki else None
    if era is None:
        return main, ""
    return main, (f" [{era}]" if lang == "en" else f"（{era}）")


def fmt_date(value: date, lang: str, wareki: bool) -> str:
    """``2026年11月21日(土)`` / ``2026-11-21 (Sat)``, plus the era date when asked."""
    return "".join(date_parts(value, lang, wareki))


def fmt_time(value: datetime) -> str:
    return f"{value:%H:%M}"


def fmt_datetime(value: datetime, lang: str, wareki: bool) -> str:
    """``2026年11月21日(土) 09:12（令和8年11月21日）``."""
    return "".join(date_parts(value.date(), lang, wareki, value))


def fmt_period(start: datetime | None, end: datetime | None, lang: str, wareki: bool) -> str:
    """``start 〜 end``; an open end is left blank; no period gives ``""``."""
    if start is None and end is None:
        return ""
    left = fmt_datetime(start, lang, wareki) if start is not None else ""
    right = fmt_datetime(end, lang, wareki) if end is not None else ""
    return f"{left} 〜 {right}".strip()


def severity_text(severity: int) -> str:
    """``●●●○○ 3/5``; out-of-range values are shown as given, dots clamped."""
    dots = max(0, min(5, severity))
    return f"{'●' * dots}{'○' * (5 - dots)} {severity}/5"


def join_names(names: Iterable[str], lang: str) -> str:
    return labels_for(lang).list_sep.join(clean(n) for n in names if n)


def quoted(text: str) -> str:
    """Wrap a verbatim quote in 「…」 unless it is already bracketed."""
    text = clean(text).strip()
    if (text.startswith("「") and text.endswith("」")) or (
        text.startswith("『") and text.endswith("』")
    ):
        return text
    return f"「{text}」"


def doc_title(report: CaseReport) -> str:
    """``title ①`` / ``title 続編②``: the heading of one instalment."""
    return f"{clean(report.title)} {instalment_label(report.instalment, report.lang)}"


def report_no(report: CaseReport) -> str:
    """The case number and the instalment, e.g. ``C-2026-0012（続編②）``."""
    label = instalment_label(report.instalment, report.lang)
    if report.lang == "en":
        return f"{clean(report.case_number)} ({label})"
    return f"{clean(report.case_number)}（{label}）"


def days_of(entries: Sequence[Entry]) -> list[tuple[date, list[tuple[int, Entry]]]]:
    """Entries in time order, numbered from 1 and grouped by their local calendar day."""
    ordered = list(enumerate(sorted(entries, key=lambda e: e.at), start=1))
    return [
        (day, list(group)) for day, group in groupby(ordered, key=lambda pair: pair[1].at.date())
    ]
