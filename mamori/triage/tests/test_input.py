"""Bad input is refused with the documented errors."""

from __future__ import annotations

import pytest

from mamori.triage import (
    MAX_TEXT_CHARS,
    EmptyText,
    TextTooLong,
    UndecodableInput,
    decode_bytes,
    triage,
    triage_bytes,
)

SAMPLE = "派遣のAさんが3日連続で遅刻しています。ご確認ください。"


@pytest.mark.parametrize("text", ["", " ", "\n\t\u3000\n"])
def test_it_rejects_empty_text(text: str) -> None:
    with pytest.raises(EmptyText):
        triage(text)


def test_it_rejects_too_long_text() -> None:
    with pytest.raises(TextTooLong) as info:
        triage("あ" * (MAX_TEXT_CHARS + 1))
    assert info.value.limit == MAX_TEXT_CHARS


def test_it_accepts_text_at_the_limit() -> None:
    text = (SAMPLE * (MAX_TEXT_CHARS // len(SAMPLE) + 1))[:MAX_TEXT_CHARS]
    result = triage(text)
    assert result.verdict


def test_it_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        triage(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc-jp", "iso-2022-jp"])
def test_it_decodes_japanese_encodings(encoding: str) -> None:
    assert decode_bytes(SAMPLE.encode(encoding)) == SAMPLE


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02binary\x00",
        bytes(range(256)) * 4,
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
        b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20,
    ],
)
def test_it_rejects_binary_data(data: bytes) -> None:
    with pytest.raises(UndecodableInput):
        decode_bytes(data)


def test_triage_bytes_decodes_then_triages() -> None:
    result = triage_bytes(SAMPLE.encode("cp932"))
    assert result.verdict in ("legitimate_complaint", "needs_review")
    with pytest.raises(EmptyText):
        triage_bytes(b"   ")
