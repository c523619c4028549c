"""Property tests: whatever text or bytes arrive, the desk answers clearly and
never leaves half a case behind."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mamori.audit.models import AuditEvent
from mamori.cases.intake import IntakeError, intake_eml, intake_text
from mamori.cases.models import Case, EvidenceFile, TimelineEntry
from mamori.conftest import Desk

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
japanese_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=3000
)


def _counts() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        TimelineEntry.objects.count(),
        EvidenceFile.objects.count(),
        AuditEvent.objects.count(),
    )


@SETTINGS
@given(text=japanese_text)
def test_intake_text_makes_a_whole_case_or_a_clear_error(desk: Desk, text: str) -> None:
    before = _counts()
    try:
        case = intake_text(actor=desk.handler, text=text)
    except IntakeError as error:
        assert error.message_ja and error.message_en
        assert _counts() == before
    else:
        assert case.entries.count() == 1
        assert case.title


@SETTINGS
@given(data=st.binary(max_size=4000))
def test_intake_eml_with_random_bytes_never_half_writes(desk: Desk, data: bytes) -> None:
    before = _counts()
    try:
        intake_eml(actor=desk.handler, data=data)
    except IntakeError as error:
        assert error.code.startswith("mail.")
        assert _counts() == before


@SETTINGS
@given(text=japanese_text, title=st.text(max_size=300))
def test_the_intake_form_never_answers_500(
    desk: Desk, client: Client, text: str, title: str
) -> None:
    desk.login(client, desk.handler)
    response = client.post(
        reverse("cases:new"), {"kind": "client_complaint", "text": text, "title": title}
    )
    assert response.status_code in {200, 302}


@SETTINGS
@given(text=japanese_text)
def test_triage_answers_or_raises_an_input_error(text: str) -> None:
    from mamori.triage import InputError, triage

    try:
        result = triage(text).to_dict()
    except InputError as error:
        assert error.message_ja and error.message_en
    else:
        for finding in result["findings"]:
            assert text[finding["start"] : finding["end"]] == finding["quote"]
        assert result["verdict"] in {"legitimate_complaint", "needs_review", "customer_harassment"}


@pytest.mark.parametrize("size", [100_001, 1_000_000])
def test_huge_text_is_refused_clearly(desk: Desk, client: Client, size: int) -> None:
    desk.login(client, desk.handler)
    response = client.post(reverse("cases:new"), {"kind": "client_complaint", "text": "あ" * size})
    assert response.status_code == 200
    assert Case.objects.count() == 0
