"""Shared reports and rendered PDFs (rendered once per session: PDFs take ~0.5 s)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from mamori.render import CaseReport, render_pdf
from mamori.render._sample import sample_report


@pytest.fixture
def report() -> CaseReport:
    """The security-accusation case, second instalment, 和暦 on, masked."""
    return sample_report(instalment=2, masked=True)


@pytest.fixture(scope="session")
def sample_pdf() -> bytes:
    return render_pdf(sample_report(instalment=2, masked=True))


@pytest.fixture(scope="session")
def long_pdf() -> bytes:
    return render_pdf(sample_report(entries=50))


def pdf_pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
