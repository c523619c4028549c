from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table

from mamori.render import CaseReport, render_docx

from .test_html import JA_HEADINGS


@pytest.fixture
def document(report: CaseReport) -> Document:
    return docx.Document(io.BytesIO(render_docx(report)))


def table_texts(tables: list[Table]) -> list[str]:
    out = []
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                out.append(cell.text)
                out += table_texts(cell.tables)
    return out


def all_text(document: Document) -> str:
    return "\n".join([p.text for p in document.paragraphs] + table_texts(document.tables))


def test_it_uses_real_headings_for_the_sections(document: Document) -> None:
    level1 = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert level1 == JA_HEADINGS
    level2 = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"
    ]
    assert level2 == ["2026年11月20日(金)（令和8年11月20日）"]


def test_it_holds_the_case_facts_and_quotes(document: Document) -> None:
    text = all_text(document)
    for expected in (
        "派遣先課長からのスタッフ解雇要求（情報セキュリティ）",
        "H社でRさんを担当する課長が3か月前に交代。",
        "「御社は雇用主としてRさんをどう処分するつもりですか。」",
        "Rさんから事情を聴取（上長同席）",
        "flag.business_leverage.torihiki",
        "【個人情報マスキング済み】",
    ):
        assert expected in text


def test_it_fills_the_header_form_and_approval_box(document: Document) -> None:
    cells = table_texts(document.tables)
    for label in ("日付", "作成者", "派遣先・部署", "スタッフ", "件名", "報告No.", "上長", "確認"):
        assert label in cells
    assert "C-2026-0012（続編②）" in cells


def test_it_tabulates_next_actions(document: Document) -> None:
    actions = next(t for t in document.tables if t.rows[0].cells[0].text == "完了")
    assert [c.text for c in actions.rows[1].cells] == [
        "□",
        "H社総務部へ取り決めどおり報告",
        "営業 佐藤",
        "2026年11月24日(火)（令和8年11月24日）",
    ]


def test_it_is_a4(document: Document) -> None:
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)


def test_it_sets_the_east_asian_font_everywhere(document: Document) -> None:
    styles = document.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults is not None
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts is not None and fonts.get(qn("w:eastAsia")) == "Noto Sans CJK JP"
    for rfonts in styles.iter(qn("w:rFonts")):
        assert rfonts.get(qn("w:eastAsiaTheme")) is None
        assert rfonts.get(qn("w:eastAsia")) == "Noto Sans CJK JP"


def test_it_declares_a_japanese_fallback_font(report: CaseReport) -> None:
    with zipfile.ZipFile(io.BytesIO(render_docx(report))) as package:
        font_table = package.read("word/fontTable.xml").decode()
    assert '<w:font w:name="Noto Sans CJK JP"><w:altName w:val="ＭＳ 明朝"/>' in font_table
    assert '<w:charset w:val="80"/>' in font_table


def test_it_numbers_pages_in_the_footer(document: Document) -> None:
    footer = document.sections[0].footer.paragraphs[0]._p
    instructions = [el.text.strip() for el in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_it_records_title_and_author(document: Document) -> None:
    props = document.core_properties
    assert props.title == "派遣先課長からのスタッフ解雇要求（情報セキュリティ） 続編②"
    assert props.author == "営業 佐藤"
    assert "python-docx" not in (props.comments + props.last_modified_by)
