from __future__ import annotations

import re

from mamori.render import CaseReport, render_markdown
from mamori.render._sample import sample_report

from .test_html import EN_HEADINGS, JA_HEADINGS


def test_it_shows_the_sections_in_order(report: CaseReport) -> None:
    text = render_markdown(report)
    assert re.findall(r"^## (.*)$", text, flags=re.M) == JA_HEADINGS
    assert re.findall(r"^## (.*)$", render_markdown(sample_report(lang="en")), flags=re.M) == (
        EN_HEADINGS
    )


def test_it_starts_with_the_title_and_a_header_table(report: CaseReport) -> None:
    text = render_markdown(report)
    assert text.startswith("# 派遣先課長からのスタッフ解雇要求（情報セキュリティ） 続編②\n")
    for row in (
        "| 日付 | 2026年11月21日(土)（令和8年11月21日） |",
        "| 報告No. | C-2026-0012（続編②） |",
        "| 作成者 | 営業 佐藤 |",
        "| 派遣先・部署 | H株式会社 / カスタマーサポート部 第二課 |",
        "| スタッフ | Rさん |",
    ):
        assert row in text
    assert "| 作成者 | 上長 | 確認 |" in text
    assert "> **個人情報マスキング済み**" in text


def test_it_writes_points_as_task_lists(report: CaseReport) -> None:
    text = render_markdown(report)
    assert "- [ ] 「セキュリティ事故」とは具体的に何か。 *（未対応）*" in text
    assert "- [x] ~~本来は会社の管理で防ぐべきことを個人に負わせていないか。~~ *（見送り）*" in text


def test_it_writes_entries_with_quotes_and_line_breaks(report: CaseReport) -> None:
    text = render_markdown(report)
    assert "### 2026年11月20日(金)（令和8年11月20日）" in text
    assert "**3. 14:00**　面談／訪問　参加者：H社 新任課長、営業 佐藤" in text
    assert "> 「御社は雇用主としてRさんをどう処分するつもりですか。」" in text
    assert "主張は次のとおり。\\\n・共有フォルダから" in text


def test_it_tabulates_actions_and_evidence(report: CaseReport) -> None:
    text = render_markdown(report)
    assert "| 完了 | 内容 | 担当 | 期限 |" in text
    assert (
        "| □ | H社総務部へ取り決めどおり報告 | 営業 佐藤 | 2026年11月24日(火)（令和8年11月24日） |"
    ) in text
    assert "| ■ 添付済 | 派遣契約書（インシデント条項） | 07aa5e2f" in text
