"""The charset layer: Windows variants of Japanese charsets, detection, no exceptions."""

from __future__ import annotations

import pytest

from mamori.mail._charset import Outcome, decode_text

NEC_ISO2022JP = b'\x1b$B-!-"-j|b\x1b(B'  # ①②㈱髙 as Outlook writes them

CASES: dict[str, tuple[bytes, str | None, str, str, Outcome]] = {
    "ascii": (b"hello", None, "hello", "ascii", "ok"),
    "ascii labelled iso-2022-jp": (b"hello", "ISO-2022-JP", "hello", "iso2022_jp", "ok"),
    "strict iso-2022-jp": (
        "日本語".encode("iso2022_jp"),
        "iso-2022-jp",
        "日本語",
        "iso2022_jp",
        "ok",
    ),
    "iso-2022-jp with NEC and IBM rows": (
        NEC_ISO2022JP,
        "iso-2022-jp",
        "①②㈱髙",
        "cp50220",
        "variant",
    ),
    "iso-2022-jp half-width katakana escape": (
        b"\x1b(I6E\x1b(B",
        "iso-2022-jp",
        "ｶﾅ",
        "cp50220",
        "variant",
    ),
    "iso-2022-jp SO/SI katakana": (
        b'\x1b$B$"\x1b(B\x0e6E\x0f',
        "iso-2022-jp",
        "あｶﾅ",
        "cp50220",
        "variant",
    ),
    "iso-2022-jp-2004 plane 1 escape": (
        "①".encode("iso2022_jp_2004"),
        "iso-2022-jp",
        "①",
        "iso2022_jp_2004",
        "variant",
    ),
    "jis mode left open at end of line": (
        b'\x1b$B$"\nabc',
        "iso-2022-jp",
        "あ\nabc",
        "cp50220",
        "variant",
    ),
    "iso-2022-jp without a label": (NEC_ISO2022JP, None, "①②㈱髙", "cp50220", "missing"),
    "shift_jis label means cp932": (
        "①㈱髙～".encode("cp932"),
        "Shift_JIS",
        "①㈱髙～",
        "cp932",
        "ok",
    ),
    "shift_jis x0213 only": (
        "𠀋".encode("shift_jis_2004"),
        "shift_jis",
        "𠀋",
        "shift_jis_2004",
        "variant",
    ),
    "euc-jp": ("日本語".encode("euc_jp"), "EUC-JP", "日本語", "euc_jp", "ok"),
    "euc-jp row 13 via eucjp-ms": (b"\xad\xa1\xad\xea", "euc-jp", "①㈱", "eucjp-ms", "variant"),
    "euc-jp IBM rows via eucjp-ms": (b"\xfc\xe2", "euc-jp", "髙", "eucjp-ms", "variant"),
    "euc-jis-2004 only": ("𠀋".encode("euc_jis_2004"), "euc-jp", "𠀋", "euc_jis_2004", "variant"),
    "utf-8": ("日本語①".encode(), "utf-8", "日本語①", "utf-8", "ok"),
    "utf-8 label with quotes and case": ("日本".encode(), '"UTF8"', "日本", "utf-8", "ok"),
    "unlabelled utf-8": ("日本語".encode(), None, "日本語", "utf-8", "missing"),
    "unlabelled cp932": ("日本語です".encode("cp932"), None, "日本語です", "cp932", "missing"),
    "unlabelled euc-jp is not mistaken for cp932 katakana": (
        "お問い合わせありがとうございます".encode("euc_jp"),
        None,
        "お問い合わせありがとうございます",
        "euc_jp",
        "missing",
    ),
    "cp932 labelled utf-8": ("日本語".encode("cp932"), "utf-8", "日本語", "cp932", "mismatch"),
    "unknown label": ("日本語".encode(), "x-nonsense", "日本語", "utf-8", "mismatch"),
    "non-text codec label": ("日本語".encode(), "base64", "日本語", "utf-8", "mismatch"),
    "latin-1 stays latin-1": (b"caf\xe9", "iso-8859-1", "café", "iso8859-1", "ok"),
    "iso-2022-jp bytes labelled utf-8": (
        "日本語".encode("iso2022_jp"),
        "utf-8",
        "日本語",
        "iso2022_jp",
        "mismatch",
    ),
}


@pytest.mark.parametrize(
    ("data", "label", "text", "charset", "outcome"), CASES.values(), ids=CASES.keys()
)
def test_it_decodes_japanese_charsets(
    data: bytes, label: str | None, text: str, charset: str, outcome: Outcome
) -> None:
    decoded = decode_text(data, label)

    assert (decoded.text, decoded.charset, decoded.outcome) == (text, charset, outcome)


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\xfd", b"\x80\x81\x82\x83", b"\x1b$B\x80\x80", b"\x1b$Bzzzz\xff"],
    ids=["ff-fe-fd", "80-83", "escape-then-8bit", "escape-garbage"],
)
@pytest.mark.parametrize("label", [None, "iso-2022-jp", "shift_jis", "euc-jp", "utf-8", "bogus"])
def test_it_replaces_instead_of_raising(data: bytes, label: str | None) -> None:
    decoded = decode_text(data, label)

    assert decoded.outcome == "replaced"
    assert "\ufffd" in decoded.text
