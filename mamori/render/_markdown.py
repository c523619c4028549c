"""The Markdown report (CommonMark with GitHub tables and task lists).

User text goes through :func:`_md`: ``& < >`` become entities, so no HTML from a
case survives a Markdown-to-HTML conversion, and Markdown punctuation is
backslash-escaped, so a case cannot inject links, emphasis, headings or tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from ._html import safe_url
from ._model import CaseReport, Point
from ._text import (
    MARK_DONE,
    MARK_OPEN,
    Labels,
    clean,
    days_of,
    fmt_date,
    fmt_period,
    fmt_time,
    join_names,
    labels_for,
    quoted,
    report_no,
    severity_text,
)
from ._wareki import instalment_label

__all__ = ["render_markdown"]

_INLINE = re.compile(r"([\\`*_\[\]|~#])")
_LIST_START = re.compile(r"^([-+=])")
_ORDERED_START = re.compile(r"^(\d+)([.)])")


def _md_line(line: str) -> str:
    line = line.strip(" \t")  # leading spaces could open an indented code block
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _INLINE.sub(r"\\\1", line)
    line = _LIST_START.sub(r"\\\1", line)
    return _ORDERED_START.sub(r"\1\\\2", line)


def _md(text: str, joiner: str = " ") -> str:
    """Escape user text; its line breaks become ``joiner`` (a hard break, ``<br>`` …)."""
    lines = [_md_line(line) for line in clean(text).strip().split("\n")]
    return joiner.join(line for line in lines if line)


def _block(text: str, prefix: str = "") -> str:
    """A paragraph of user text keeping its line breaks (CommonMark backslash breaks)."""
    return _md(text, f"\\\n{prefix}")


def _cell(text: str) -> str:
    return _md(text, "<br>")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GFM table; ``header`` is escaped here, ``rows`` must already be escaped."""
    lines = [
        "| " + " | ".join(_cell(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown(report: CaseReport) -> str:
    """Render one instalment as Markdown."""
    labels = labels_for(report.lang)
    parts = [
        _head(report, labels),
        f"## {_md(labels.background)}",
        _facts(report, labels),
        f"## {_md(labels.customer_points)}",
        _points(report.customer_points, labels),
        f"## {_md(labels.worker_points)}",
        _points(report.worker_points, labels),
        f"## {_md(labels.course)}",
        _course(report, labels),
        f"## {_md(labels.next_actions)}",
        _actions(report, labels),
        f"## {_md(labels.triage)}",
        _triage(report, labels),
        f"## {_md(labels.evidence)}",
        _evidence(report, labels),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _head(report: CaseReport, labels: Labels) -> str:
    lang, wareki = report.lang, report.wareki
    title = f"# {_md(report.title)} {_md(instalment_label(report.instalment, lang))}"
    kind = f"{_md(report.company_name)}　{_md(labels.doc_kind)}（{_md(labels.confidential)}）"
    if lang == "en":
        kind = f"{_md(report.company_name)} · {_md(labels.doc_kind)} ({_md(labels.confidential)})"
    client = " / ".join(_cell(x) for x in (report.client_name, report.department_name) if x)
    rows = [
        (labels.date, _cell(fmt_date(report.report_date, lang, wareki))),
        (labels.report_no, _cell(report_no(report))),
        (labels.author, _cell(report.author)),
        (labels.subject, _cell(report.title)),
        (labels.client_department, client),
        (labels.workers, _cell(join_names(report.worker_names, lang))),
        (labels.kind, _cell(report.kind_label)),
        (labels.status, _cell(report.status_label)),
        (labels.severity, _cell(severity_text(report.severity))),
        (labels.period, _cell(fmt_period(report.period_start, report.period_end, lang, wareki))),
    ]
    if report.previous_instalments:
        rows.append((labels.previous, _previous(report)))
    field_value = ("Field", "Value") if lang == "en" else ("項目", "内容")
    form = _table(field_value, [(_cell(a), b) for a, b in rows])
    stamps = _table(
        (labels.stamp_author, labels.stamp_manager, labels.stamp_check), [("　", "　", "　")]
    )
    parts = [title, kind, form, stamps]
    if report.masked:
        parts.insert(2, f"> **{_md(labels.masked)}**")
    return "\n\n".join(parts)


def _previous(report: CaseReport) -> str:
    items = []
    for ref in sorted(report.previous_instalments, key=lambda r: r.number):
        label = _cell(instalment_label(ref.number, report.lang))
        when = _cell(fmt_date(ref.date, report.lang, report.wareki))
        url = safe_url(ref.url_or_none)
        if url:
            # Percent-encode everything that could end the <…> destination.
            target = quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")
            label = f"[{label}](<{target}>)"
        items.append(f"{label} {when}")
    return labels_for(report.lang).list_sep.join(items)


def _facts(report: CaseReport, labels: Labels) -> str:
    if not report.background:
        return _md(labels.none)
    return "\n".join(f"- {_block(fact, '  ')}" for fact in report.background if fact.strip())


def _points(points: Sequence[Point], labels: Labels) -> str:
    if not points:
        return _md(labels.none)
    lines = []
    for point in points:
        box = "[ ]" if point.status == "open" else "[x]"
        text = _block(point.text, "  ")
        if point.status == "dismissed":
            text = f"~~{text}~~"
        line = f"- {box} {text} *（{_md(labels.point_status[point.status])}）*"
        if point.comment.strip():
            line += f" — {_block(point.comment, '  ')}"
        lines.append(line)
    return "\n".join(lines)


def _course(report: CaseReport, labels: Labels) -> str:
    if not report.entries:
        return _md(labels.none)
    out = []
    for day, numbered in days_of(report.entries):
        out.append(f"### {_md(fmt_date(day, report.lang, report.wareki))}")
        for number, entry in numbered:
            head = [f"**{number}. {fmt_time(entry.at)}**"]
            tags = "／".join(_md(t) for t in (entry.channel_label, entry.direction_label) if t)
            if tags:
                head.append(tags)
            people = join_names(entry.participants, report.lang)
            if people:
                head.append(f"{_md(labels.participants)}：{_md(people)}")
            out.append("　".join(head))
            if entry.summary.strip():
                out.append(_block(entry.summary))
            out.extend(f"> {_block(quoted(q), '> ')}" for q in entry.quotes if q.strip())
    return "\n\n".join(out)


def _actions(report: CaseReport, labels: Labels) -> str:
    if not report.next_actions:
        return _md(labels.none)
    rows = [
        (
            MARK_DONE if action.done else MARK_OPEN,
            _cell(action.title),
            _cell(action.assignee),
            _cell(fmt_date(action.due, report.lang, report.wareki)) if action.due else "",
        )
        for action in report.next_actions
    ]
    return _table((labels.done, labels.content, labels.assignee, labels.due), rows)


def _triage(report: CaseReport, labels: Labels) -> str:
    triage = report.triage
    if triage is None:
        return _md(labels.triage_missing)

    def listing(values: Sequence[str]) -> str:
        return _md(labels.list_sep.join(values)) if values else _md(labels.none)

    summary = "\n".join(
        [
            f"- {_md(labels.verdict)}: **{_md(triage.verdict_label)}**",
            f"- {_md(labels.severity)}: {_md(severity_text(triage.severity))}",
            f"- {_md(labels.categories)}: {listing(triage.categories)}",
            f"- {_md(labels.flags)}: {listing(triage.flags)}",
            f"- {_md(labels.topics)}: {listing(triage.topics)}",
        ]
    )
    if not triage.findings:
        return summary
    rows = [
        (
            _cell(f.label),
            _cell(quoted(f.quote)) if f.quote.strip() else "",
            _cell(f.explanation),
            _cell(f.rule),
        )
        for f in triage.findings
    ]
    table = _table((labels.finding_label, labels.quote, labels.explanation, labels.rule), rows)
    return f"{summary}\n\n{table}"


def _evidence(report: CaseReport, labels: Labels) -> str:
    if not report.evidence:
        return _md(labels.none)
    rows = [
        (
            f"{MARK_DONE if item.status == 'attached' else MARK_OPEN} "
            f"{_cell(labels.evidence_status[item.status])}",
            _cell(item.name),
            _cell(item.sha256 or ""),
        )
        for item in report.evidence
    ]
    return _table((labels.status, labels.evidence_name, labels.sha256), rows)
