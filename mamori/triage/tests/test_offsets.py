"""Every finding points into the text as given: text[start:end] == quote."""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

import pytest

from mamori.triage import triage
from mamori.triage._normalize import normalize

ROOT = Path(__file__).resolve().parents[3]

TEXTS = [
    # Full-width Latin and digits, full-width punctuation.
    "ＡＢＣ社の課長が「クビにしろ！」と大声で繰り返した。１０回以上電話があった。",
    # Half-width katakana with voiced marks shift the normalised offsets.
    "ｶｽﾀﾏｰから「ﾊﾞｶ野郎、土下座しろ」と言われた。ｺﾉﾔﾛｰとも言われた。",
    # Characters that expand under NFKC (㍻ → 平成, … → ...).
    "㍻３０年…お客様が「殺すぞ」と言った。①②③の順に記録。",
    # Combining marks and emoji.
    "か\u3099か\u3099と笑いながら😡「お前なんかいらない」と暴言を吐いた。",
    # CRLF line ends and tabs.
    "【受電】\r\n・「Rを辞めさせろ」\r\n・取引を続けたいなら言うことを聞け\t以上",
    # Leading whitespace and no findings at all.
    "   請求書の金額が違います。",
    # The separators the tokenizer asks MeCab to write, inside the text itself.
    "記録\x1e1\x1f:お客様に「バカ野郎」と怒鳴られ、\x1e土下座しろと言われた。",
]


def _check(text: str) -> None:
    result = triage(text)
    for f in result.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.quote, f


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_round_trip(text: str) -> None:
    _check(text)


def test_offsets_round_trip_on_the_bench_corpus() -> None:
    with gzip.open(ROOT / "bench" / "triage-corpus" / "corpus.jsonl.gz", "rt") as fh:
        texts = [json.loads(line)["text"] for line in fh][:40]
    for text in texts:
        _check(text)
        _check(text.translate({ord("、"): "，", ord("!"): "！"}))


@pytest.mark.parametrize("text", [*TEXTS, "ﾊﾟﾊﾟ活", "ｶﾞ", "\u1100\u1161", "ABC"])
def test_normalised_text_is_nfkc_and_maps_back(text: str) -> None:
    norm = normalize(text)
    assert unicodedata.normalize("NFKC", norm.text) == norm.text
    for i in range(len(norm.text)):
        a, b = norm.span_to_original(i, i + 1)
        assert 0 <= a < b <= len(text)
        assert norm.text[i] in unicodedata.normalize("NFKC", text[a:b]).replace("〜", "~")


def test_token_offsets_point_at_their_surfaces() -> None:
    from mamori.triage._tokenize import tokenize

    # NUL would end MeCab's C string; "#" is the tokenizer's end mark; a
    # trailing unknown punctuation token once lost its empty lemma field.
    extra = ["全角　スペース\tと\n\n改行", "", ",", "\x1b\x00", "殴られた\x00#", "###"]
    for text in [*TEXTS, *extra]:
        norm = normalize(text).text
        tokens = tokenize(norm)
        bounds = list(zip(tokens.starts, tokens.ends, strict=True))
        limits = [start for start, _ in bounds[1:]] + [len(norm)]
        for (start, end), limit in zip(bounds, limits[: len(bounds)], strict=True):
            assert 0 <= start < end <= limit <= len(norm)
            # A token never swallows the space before it.
            assert not norm[start].isspace() or norm[start:end].isspace()
        assert len(tokens.lemma_starts) == len(bounds)
