from __future__ import annotations

import re

import pytest

from mamori.render import CaseReport, render_html
from mamori.render._sample import sample_report

JA_HEADINGS = [
    "クレーム経緯",
    "対応のポイント（お客様）",
    "対応のポイント（スタッフ）",
    "対応経緯",
    "次のアクション",
    "トリアージ所見",
    "証拠チェックリスト",
]
EN_HEADINGS = [
    "Background",
    "Points to handle (customer)",
    "Points to handle (staff)",
    "Course of events",
    "Next actions",
    "Triage findings",
    "Evidence checklist",
]


def headings(page: str) -> list[str]:
    return re.findall(r"<h2>(.*?)</h2>", page)


def test_it_shows_the_sections_in_order(report: CaseReport) -> None:
    assert headings(render_html(report)) == JA_HEADINGS


def test_it_follows_the_report_language_for_headings() -> None:
    page = render_html(sample_report(lang="en"))
    assert headings(page) == EN_HEADINGS
    assert '<html lang="en">' in page
    assert "<th>Report No.</th>" in page


def test_it_fills_the_business_form_header(report: CaseReport) -> None:
    page = render_html(report)
    for label in ("日付", "作成者", "派遣先・部署", "スタッフ", "件名", "報告No."):
        assert f"<th>{label}</th>" in page
    assert "2026年11月21日(土)" in page and "令和8年11月21日" in page
    assert "H株式会社 / カスタマーサポート部 第二課" in page
    assert "C-2026-0012（続編②）" in page
    assert "マモリスタッフ株式会社" in page


def test_it_has_an_approval_box(report: CaseReport) -> None:
    box = re.search(r'<table class="stamp-box">.*?</table>', render_html(report))
    assert box is not None
    assert re.findall(r"<th>(.*?)</th>", box.group(0)) == ["作成者", "上長", "確認"]


def test_it_shows_facts_quotes_and_findings(report: CaseReport) -> None:
    page = render_html(report)
    assert "H社でRさんを担当する課長が3か月前に交代。" in page
    assert '<blockquote class="quote pre">「総務には言っていません。' in page
    assert "解雇・処罰の要求" in page and "flag.dismissal_demand.kaiko" in page
    assert "共有フォルダのアクセスログ" in page and "□ 未入手" in page


def test_it_numbers_entries_and_groups_them_by_day(report: CaseReport) -> None:
    page = render_html(report)
    assert re.findall(r'<span class="entry-no">(\d+)</span>', page) == [str(n) for n in range(1, 7)]
    assert page.count("<h3>") == 1


def test_it_sorts_entries_by_time() -> None:
    base = sample_report()
    shuffled = CaseReport(**{**base.__dict__, "entries": list(reversed(base.entries))})
    times = re.findall(r'<span class="entry-time">(.*?)</span>', render_html(shuffled))
    assert times == sorted(times)


@pytest.mark.parametrize("masked", [True, False])
def test_it_marks_masked_reports(masked: bool) -> None:
    page = render_html(sample_report(masked=masked))
    assert ("個人情報マスキング済み" in page) is masked


def test_it_is_a_print_page_with_japanese_fonts_and_page_numbers(report: CaseReport) -> None:
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>")
    assert "size: A4" in page
    assert 'counter(page) " / " counter(pages)' in page
    assert 'font-family: "Noto Sans CJK JP", "Noto Serif CJK JP", sans-serif' in page
    assert not re.search(r"<(script|img|link|iframe)\b", page)


def test_it_says_when_a_section_is_empty() -> None:
    report = CaseReport(
        title="件名",
        case_number="C-1",
        kind_label="",
        status_label="",
        severity=1,
        report_date=sample_report().report_date,
        author="佐藤",
        company_name="当社",
        client_name="H社",
    )
    page = render_html(report)
    assert page.count('<p class="none">（なし）</p>') == 6
    assert "トリアージは未実施です。" in page
