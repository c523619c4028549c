"""User text is data, never markup: every field is escaped in every format."""

from __future__ import annotations

import html
import io
from datetime import date, datetime
from itertools import count

import docx
import pytest

from mamori.render import (
    Action,
    CaseReport,
    Entry,
    EvidenceItem,
    FindingView,
    InstalmentRef,
    Point,
    TriageSummary,
    render_docx,
    render_html,
    render_markdown,
    render_pdf,
)
from mamori.render._sample import JST

from .conftest import pdf_pages_text

FIELDS = 31


def hostile(i: int) -> str:
    return f"\"'><script>alert({i:02d})</script>要注意{i:02d}号"


def hostile_report() -> CaseReport:
    n = count(1)

    def h() -> str:
        return hostile(next(n))

    report = CaseReport(
        title=h(),
        case_number=h(),
        kind_label=h(),
        status_label=h(),
        severity=4,
        report_date=date(2026, 11, 21),
        author=h(),
        company_name=h(),
        client_name=h(),
        department_name=h(),
        worker_names=[h()],
        instalment=2,
        previous_instalments=[
            InstalmentRef(number=1, date=date(2026, 11, 14), url_or_none="javascript:alert(1)")
        ],
        background=[h()],
        customer_points=[Point(text=h(), status="open", comment=h())],
        worker_points=[Point(text=h(), status="done", comment=h())],
        entries=[
            Entry(
                at=datetime(2026, 11, 20, 9, 0, tzinfo=JST),
                channel_label=h(),
                direction_label=h(),
                participants=[h()],
                summary=h(),
                quotes=[h()],
            )
        ],
        next_actions=[Action(title=h(), assignee=h(), due=date(2026, 11, 24))],
        triage=TriageSummary(
            verdict_label=h(),
            categories=[h()],
            flags=[h()],
            topics=[h()],
            severity=4,
            findings=[FindingView(label=h(), quote=h(), explanation=h(), rule=h())],
        ),
        evidence=[EvidenceItem(name=h(), status="attached", sha256=h())],
    )
    assert next(n) == FIELDS + 1
    return report


def test_it_escapes_every_field_in_html() -> None:
    page = render_html(hostile_report())
    assert "<script" not in page.lower()
    assert "javascript:" not in page
    for i in range(1, FIELDS + 1):
        assert html.escape(hostile(i), quote=True) in page, f"field {i} missing or unescaped"


def test_it_escapes_every_field_in_markdown() -> None:
    text = render_markdown(hostile_report())
    assert "<script" not in text.lower()
    assert "javascript:" not in text
    for i in range(1, FIELDS + 1):
        assert f"&lt;script&gt;alert({i:02d})&lt;/script&gt;要注意{i:02d}号" in text, i


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        ("[押して](javascript:alert(1))", "\\[押して\\](javascript:alert(1))"),
        ("# 見出しではない", "\\# 見出しではない"),
        ("- 箇条書きではない", "\\- 箇条書きではない"),
        ("1. 番号ではない", "1\\. 番号ではない"),
        ("**強調**と_斜体_と`コード`", "\\*\\*強調\\*\\*と\\_斜体\\_と\\`コード\\`"),
        ("表|の|区切り", "表\\|の\\|区切り"),
        ("    字下げ", "字下げ"),
        ("&lt;は文字", "&amp;lt;は文字"),
    ],
)
def test_it_neutralises_markdown_syntax_in_user_text(fact: str, expected: str) -> None:
    report = CaseReport(
        title="件名",
        case_number="C-1",
        kind_label="",
        status_label="",
        severity=1,
        report_date=date(2026, 11, 21),
        author="佐藤",
        company_name="当社",
        client_name="H社",
        background=[fact],
    )
    assert f"\n- {expected}\n" in render_markdown(report)


def test_it_keeps_hostile_text_literal_in_docx() -> None:
    document = docx.Document(io.BytesIO(render_docx(hostile_report())))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert hostile(1) in text  # the title
    assert hostile(21) in text  # a quote


def test_it_keeps_hostile_text_literal_in_pdf() -> None:
    text = "".join(pdf_pages_text(render_pdf(hostile_report())))
    assert "<script>alert(01)</script>要注意01号" in text


def test_it_drops_control_characters_that_xml_forbids() -> None:
    report = CaseReport(
        title="件名\x00\x0bです",
        case_number="C-1",
        kind_label="",
        status_label="",
        severity=1,
        report_date=date(2026, 11, 21),
        author="佐藤\x1f",
        company_name="当社",
        client_name="H社",
    )
    assert "件名です" in render_html(report)
    assert "件名です" in render_markdown(report)
    document = docx.Document(io.BytesIO(render_docx(report)))
    assert any("件名です" in c.text for t in document.tables for r in t.rows for c in r.cells)
