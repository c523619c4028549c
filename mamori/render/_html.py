"""The standalone, print-ready HTML report; also the source of the PDF.

Every piece of user text goes through :func:`_e` (clean + ``html.escape``);
markup is only ever built from our own constants.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime

from ._css import stylesheet
from ._model import CaseReport, Entry, InstalmentRef, Point
from ._text import (
    MARK_DISMISSED,
    MARK_DONE,
    MARK_OPEN,
    Labels,
    clean,
    date_parts,
    days_of,
    doc_title,
    fmt_time,
    join_names,
    labels_for,
    quoted,
    report_no,
    severity_text,
)
from ._wareki import instalment_label

__all__ = ["render_html", "safe_url"]


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _pre(text: str, cls: str = "") -> str:
    """A block that keeps the user's line breaks (``white-space: pre-wrap``)."""
    return f'<div class="pre {cls}">{_e(text.strip())}</div>'


def _date(value: date, report: CaseReport, at: datetime | None = None) -> str:
    """A date as two unbreakable pieces, so a narrow cell wraps before the era part."""
    main, era = date_parts(value, report.lang, report.wareki, at)
    out = f'<span class="nowrap">{_e(main)}</span>'
    if not era:
        return out
    # A Latin space is a break opportunity; before 「（」 Japanese text may break anyway.
    gap = " " if era.startswith(" ") else ""
    return f'{out}{gap}<span class="nowrap">{_e(era.strip())}</span>'


def _period(report: CaseReport) -> str:
    start, end = report.period_start, report.period_end
    if start is None and end is None:
        return ""
    left = _date(start.date(), report, start) if start is not None else ""
    right = _date(end.date(), report, end) if end is not None else ""
    return f"{left} 〜 {right}".strip()


def safe_url(url: str | None) -> str | None:
    """``url`` if it is http(s) or a same-site absolute path, else ``None``."""
    if not url:
        return None
    url = url.strip()
    lowered = url.lower()
    if lowered.startswith(("https://", "http://")) or (
        url.startswith("/") and not url.startswith("//")
    ):
        return url
    return None


def render_html(report: CaseReport) -> str:
    """Render one instalment as a standalone HTML page with embedded print CSS."""
    labels = labels_for(report.lang)
    body = [
        _head(report, labels),
        _section(labels.background, _facts(report.background, labels)),
        _section(labels.customer_points, _points(report.customer_points, labels)),
        _section(labels.worker_points, _points(report.worker_points, labels)),
        _section(labels.course, _course(report, labels)),
        _section(labels.next_actions, _actions(report, labels)),
        _section(labels.triage, _triage(report, labels)),
        _section(labels.evidence, _evidence(report, labels)),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{report.lang}">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{_e(doc_title(report))}</title>",
            f'<meta name="author" content="{_e(report.author)}">',
            '<meta name="generator" content="Mamori">',
            f"<style>{stylesheet(labels.confidential)}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _section(heading: str, inner: str) -> str:
    return f"<section>\n<h2>{_e(heading)}</h2>\n{inner}\n</section>"


def _none(labels: Labels) -> str:
    return f'<p class="none">{_e(labels.none)}</p>'


def _head(report: CaseReport, labels: Labels) -> str:
    lang = report.lang
    kind_line = f"{_e(report.company_name)}　{_e(labels.doc_kind)}"
    title = (
        f'<h1>{_e(report.title)}<span class="instalment">'
        f"{_e(instalment_label(report.instalment, lang))}</span></h1>"
    )
    stamps = (
        '<table class="stamp-box"><tr>'
        f"<th>{_e(labels.stamp_author)}</th><th>{_e(labels.stamp_manager)}</th>"
        f"<th>{_e(labels.stamp_check)}</th></tr><tr><td></td><td></td><td></td></tr></table>"
    )
    client = " / ".join(_e(x) for x in (report.client_name, report.department_name) if x)
    rows = [
        (
            labels.date,
            _date(report.report_date, report),
            labels.report_no,
            f'<span class="report-no">{_e(report_no(report))}</span>',
        ),
        (labels.author, _e(report.author), labels.subject, _e(report.title)),
        (
            labels.client_department,
            client,
            labels.workers,
            _e(join_names(report.worker_names, lang)),
        ),
        (labels.kind, _e(report.kind_label), labels.status, _e(report.status_label)),
        (labels.severity, _e(severity_text(report.severity)), labels.period, _period(report)),
    ]
    form = ['<table class="form">']
    form += [
        f"<tr><th>{_e(a)}</th><td>{b}</td><th>{_e(c)}</th><td>{d}</td></tr>" for a, b, c, d in rows
    ]
    if report.previous_instalments:
        form.append(
            f"<tr><th>{_e(labels.previous)}</th>"
            f'<td colspan="3">{_previous(report.previous_instalments, report)}</td></tr>'
        )
    form.append("</table>")
    masked = f'<div class="masked">{_e(labels.masked)}</div>' if report.masked else ""
    return (
        '<header>\n<table class="title-row"><tr>'
        f'<td><div class="doc-kind">{kind_line}</div>{title}</td>'
        f'<td class="stamps">{stamps}</td></tr></table>\n'
        + "\n".join(form)
        + f"\n{masked}\n</header>"
    )


def _previous(refs: Sequence[InstalmentRef], report: CaseReport) -> str:
    items = []
    for ref in sorted(refs, key=lambda r: r.number):
        text = f"{_e(instalment_label(ref.number, report.lang))} {_date(ref.date, report)}"
        url = safe_url(ref.url_or_none)
        items.append(f'<a href="{_e(url)}">{text}</a>' if url else text)
    return _e(labels_for(report.lang).list_sep).join(items)


def _facts(facts: Sequence[str], labels: Labels) -> str:
    if not facts:
        return _none(labels)
    items = "".join(f'<li class="pre">{_e(f.strip())}</li>' for f in facts)
    return f'<ul class="facts">{items}</ul>'


def _mark(status: str) -> str:
    return {"done": MARK_DONE, "dismissed": MARK_DISMISSED}.get(status, MARK_OPEN)


def _points(points: Sequence[Point], labels: Labels) -> str:
    if not points:
        return _none(labels)
    rows = [
        f'<tr class="{p.status}"><td class="c-no">{n}</td>'
        f'<td class="text pre">{_e(p.text.strip())}</td>'
        f'<td class="c-status">{_mark(p.status)} {_e(labels.point_status[p.status])}</td>'
        f'<td class="pre">{_e(p.comment.strip())}</td></tr>'
        for n, p in enumerate(points, start=1)
    ]
    return (
        '<table class="grid"><colgroup><col class="c-no"><col style="width:45%">'
        '<col class="c-status"><col></colgroup>'
        f'<thead><tr><th class="c-no">{_e(labels.no)}</th><th>{_e(labels.content)}</th>'
        f'<th class="c-status">{_e(labels.status)}</th><th>{_e(labels.comment)}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _entry(number: int, entry: Entry, labels: Labels, lang: str) -> str:
    tags = "".join(
        f'<span class="tag">{_e(t)}</span>'
        for t in (entry.channel_label, entry.direction_label)
        if t
    )
    people = join_names(entry.participants, lang)
    participants = (
        f'<span class="participants">{_e(labels.participants)}：{_e(people)}</span>'
        if people
        else ""
    )
    head = (
        f'<div class="entry-head"><span class="entry-no">{number}</span>'
        f'<span class="entry-time">{_e(fmt_time(entry.at))}</span>{tags}{participants}</div>'
    )
    summary = _pre(entry.summary, "summary") if entry.summary.strip() else ""
    quotes = "".join(
        f'<blockquote class="quote pre">{_e(quoted(q))}</blockquote>'
        for q in entry.quotes
        if q.strip()
    )
    return f'<article class="entry">{head}{summary}{quotes}</article>'


def _course(report: CaseReport, labels: Labels) -> str:
    if not report.entries:
        return _none(labels)
    out = []
    for day, numbered in days_of(report.entries):
        out.append(f"<h3>{_date(day, report)}</h3>")
        out.extend(_entry(n, entry, labels, report.lang) for n, entry in numbered)
    return "\n".join(out)


def _actions(report: CaseReport, labels: Labels) -> str:
    if not report.next_actions:
        return _none(labels)
    rows = []
    for action in report.next_actions:
        due = _date(action.due, report) if action.due else ""
        mark = MARK_DONE if action.done else MARK_OPEN
        rows.append(
            f'<tr><td class="c-done">{mark}</td><td class="pre">{_e(action.title.strip())}</td>'
            f"<td>{_e(action.assignee)}</td><td>{due}</td></tr>"
        )
    return (
        '<table class="grid"><colgroup><col class="c-done"><col><col class="c-person">'
        '<col class="c-date"></colgroup>'
        f'<thead><tr><th class="c-done">{_e(labels.done)}</th><th>{_e(labels.content)}</th>'
        f"<th>{_e(labels.assignee)}</th><th>{_e(labels.due)}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _chips(values: Sequence[str], labels: Labels) -> str:
    if not values:
        return f'<span class="muted">{_e(labels.none)}</span>'
    return "".join(f'<span class="chip">{_e(v)}</span>' for v in values)


def _triage(report: CaseReport, labels: Labels) -> str:
    triage = report.triage
    if triage is None:
        return f'<p class="none">{_e(labels.triage_missing)}</p>'
    head = (
        '<table class="form triage-head">'
        f"<tr><th>{_e(labels.verdict)}</th><td><strong>{_e(triage.verdict_label)}</strong></td>"
        f"<th>{_e(labels.severity)}</th><td>{_e(severity_text(triage.severity))}</td></tr>"
        f'<tr><th>{_e(labels.categories)}</th><td colspan="3">'
        f"{_chips(triage.categories, labels)}</td></tr>"
        f'<tr><th>{_e(labels.flags)}</th><td colspan="3">{_chips(triage.flags, labels)}</td></tr>'
        f'<tr><th>{_e(labels.topics)}</th><td colspan="3">{_chips(triage.topics, labels)}</td></tr>'
        "</table>"
    )
    if not triage.findings:
        return head
    rows = [
        f'<tr><td>{_e(f.label)}</td><td class="pre">{_e(quoted(f.quote)) if f.quote else ""}'
        f'</td><td class="pre">{_e(f.explanation.strip())}</td>'
        f'<td class="mono">{_e(f.rule)}</td></tr>'
        for f in triage.findings
    ]
    return (
        f'{head}<table class="grid" style="margin-top:2mm"><colgroup><col class="c-person">'
        '<col style="width:32%"><col><col class="c-rule"></colgroup>'
        f"<thead><tr><th>{_e(labels.finding_label)}</th><th>{_e(labels.quote)}</th>"
        f"<th>{_e(labels.explanation)}</th><th>{_e(labels.rule)}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _evidence(report: CaseReport, labels: Labels) -> str:
    if not report.evidence:
        return _none(labels)
    rows = []
    for item in report.evidence:
        mark = MARK_DONE if item.status == "attached" else MARK_OPEN
        rows.append(
            f'<tr><td class="c-status">{mark} {_e(labels.evidence_status[item.status])}</td>'
            f"<td>{_e(item.name)}</td>"
            f'<td class="mono">{_e(item.sha256 or "")}</td></tr>'
        )
    return (
        '<table class="grid"><colgroup><col class="c-status"><col><col class="c-hash">'
        "</colgroup>"
        f'<thead><tr><th class="c-status">{_e(labels.status)}</th>'
        f"<th>{_e(labels.evidence_name)}</th><th>{_e(labels.sha256)}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
