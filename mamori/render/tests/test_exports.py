from __future__ import annotations

from pathlib import Path

import mamori.render
from mamori.render import EngineUnavailable, FontUnavailable, InvalidReport, RenderError


def test_it_exports_exactly_the_public_api() -> None:
    assert sorted(mamori.render.__all__) == [
        "Action",
        "CaseReport",
        "EngineUnavailable",
        "Entry",
        "EvidenceItem",
        "FindingView",
        "FontUnavailable",
        "InstalmentRef",
        "InvalidReport",
        "Point",
        "RenderError",
        "TriageSummary",
        "apply_japanese_fonts",
        "html_to_pdf",
        "instalment_label",
        "render_case_list_xlsx",
        "render_docx",
        "render_html",
        "render_markdown",
        "render_pdf",
        "to_wareki",
    ]


def test_every_exported_name_exists_and_is_defined_in_the_package() -> None:
    for name in mamori.render.__all__:
        value = getattr(mamori.render, name)
        assert value.__module__.startswith("mamori.render."), name


def test_it_ships_a_py_typed_marker() -> None:
    assert (Path(mamori.render.__file__).parent / "py.typed").is_file()


def test_errors_form_the_documented_hierarchy() -> None:
    for cls in (InvalidReport, EngineUnavailable, FontUnavailable):
        assert issubclass(cls, RenderError)
    assert issubclass(InvalidReport, ValueError)
    error = FontUnavailable("font_unavailable", "フォントがありません", "No font")
    assert (error.code, error.message_ja, error.message_en) == (
        "font_unavailable",
        "フォントがありません",
        "No font",
    )
    assert "No font" in str(error) and "フォントがありません" in str(error)
