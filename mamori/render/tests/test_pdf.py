from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from mamori.render import EngineUnavailable, FontUnavailable, render_pdf
from mamori.render import _pdf as pdf_module
from mamori.render._sample import sample_report

from .conftest import pdf_pages_text
from .test_html import JA_HEADINGS

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_it_writes_headings_facts_and_quotes(sample_pdf: bytes) -> None:
    text = re.sub(r"\s+", "", "".join(pdf_pages_text(sample_pdf)))
    for expected in [
        *JA_HEADINGS,
        "派遣先・部署",
        "C-2026-0012（続編②）",
        "令和8年11月21日",
        "新任課長はH社社員2名と派遣スタッフ5名（Rさんを含む）を管理。",
        "「総務には言っていません。表に出たら御社との取引もなくなりますよ。」",
        "個人情報マスキング済み",
    ]:
        assert re.sub(r"\s+", "", expected) in text, expected


def test_it_numbers_every_page(sample_pdf: bytes) -> None:
    pages = pdf_pages_text(sample_pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"\b{number}\s*/\s*{len(pages)}\b", text), (number, text[-80:])


def test_a_long_timeline_spans_several_pages(long_pdf: bytes) -> None:
    pages = pdf_pages_text(long_pdf)
    assert len(pages) > 1
    assert "フォローアップ44回目" in "".join(pages)
    # The running header repeats the report number on every page.
    assert all("C-2026-0012" in page for page in pages)


def test_its_text_is_japanese(sample_pdf: bytes) -> None:
    text = "".join(pdf_pages_text(sample_pdf))
    assert len(JAPANESE.findall(text)) > 500


def embedded_font_names(pdf: bytes) -> set[str]:
    """Names of fonts whose descriptor carries a font program (checked independently)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            parts = [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]
            for part in parts:
                descriptor = part.get("/FontDescriptor")
                if descriptor is not None and {"/FontFile", "/FontFile2", "/FontFile3"} & set(
                    descriptor.get_object().keys()
                ):
                    names.add(str(font["/BaseFont"]))
    return names


def test_it_embeds_noto_cjk(sample_pdf: bytes) -> None:
    names = embedded_font_names(sample_pdf)
    assert any(re.search(r"\+Noto-?Sans-?CJK-?JP", name) for name in names), names


def test_it_renders_visible_ink(sample_pdf: bytes, tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: cannot rasterise the PDF")
    source = tmp_path / "report.pdf"
    source.write_bytes(sample_pdf)
    subprocess.run(  # noqa: S603 - fixed binary, our own file
        [
            pdftoppm,
            "-gray",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=60,
    )
    width, height, pixels = read_pgm((tmp_path / "page.pgm").read_bytes())
    assert abs(width - 413) <= 1 and abs(height - 585) <= 1  # A4 at 50 dpi
    dark = sum(1 for value in pixels if value < 128)
    assert 0.01 < dark / len(pixels) < 0.4, dark / len(pixels)


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """Parse a binary (P5) 8-bit PGM, as pdftoppm -gray writes it."""
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos : pos + 1].isspace():
            pos += 1
        if data[pos : pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    magic, width, height, maxval = fields
    assert magic == b"P5" and maxval == b"255"
    w, h = int(width), int(height)
    pixels = data[pos + 1 : pos + 1 + w * h]
    assert len(pixels) == w * h
    return w, h, pixels


def test_it_refuses_a_pdf_without_the_japanese_font(monkeypatch: pytest.MonkeyPatch) -> None:
    # What a machine without fonts-noto-cjk produces: only a Western fallback face.
    monkeypatch.setattr(
        pdf_module,
        "render_html",
        lambda report: '<html><body style="font-family: DejaVu Sans">abc</body></html>',
    )
    with pytest.raises(FontUnavailable) as raised:
        render_pdf(sample_report())
    assert raised.value.code == "font_unavailable"
    assert "fonts-noto-cjk" in raised.value.message_ja
    assert "fonts-noto-cjk" in raised.value.message_en


def test_it_reports_a_missing_engine_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "_ENGINE", "weasyprint_not_installed_here")
    with pytest.raises(EngineUnavailable) as raised:
        render_pdf(sample_report())
    assert raised.value.code == "pdf_engine_unavailable"
    assert "WeasyPrint" in raised.value.message_ja
    assert "WeasyPrint" in raised.value.message_en


def test_it_fetches_nothing_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        pdf_module,
        "render_html",
        lambda report: (
            '<html><body style="font-family: Noto Sans CJK JP">日本語'
            '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png"></body></html>'
        ),
    )
    outcomes: list[tuple[str, str]] = []
    real = pdf_module._weasyprint()

    class Spy(real.urls.URLFetcher):  # type: ignore[name-defined, misc]
        def fetch(self, url: str, headers: object = None) -> object:
            try:
                response = super().fetch(url, headers)
            except ValueError:
                outcomes.append((url, "refused"))
                raise
            outcomes.append((url, "fetched"))
            return response

    monkeypatch.setattr(real.urls, "URLFetcher", Spy)
    render_pdf(sample_report())
    assert sorted(outcomes) == [
        ("file:///etc/passwd", "refused"),
        ("http://127.0.0.1:9/x.png", "refused"),
    ]
