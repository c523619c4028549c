"""The §6 conventions hold on every output."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from mamori.triage import (
    CATEGORIES,
    DEMAND_VALIDITIES,
    FLAGS,
    MEANS,
    TOPICS,
    VERDICTS,
    Result,
    triage,
)

ROOT = Path(__file__).resolve().parents[3]


def _texts() -> list[str]:
    with gzip.open(ROOT / "bench" / "triage-corpus" / "corpus.jsonl.gz", "rt") as fh:
        long_texts = [json.loads(line)["text"] for line in fh]
    # Whole bench texts, and their paragraphs one by one (short texts hit
    # the legitimate / needs_review branches more often).
    pieces = [p for t in long_texts[:25] for p in t.split("\n\n") if p.strip()]
    return long_texts[:40] + pieces[:160]


def check_invariants(result: Result) -> None:
    assert result.verdict in VERDICTS
    assert result.demand_validity in DEMAND_VALIDITIES
    assert result.means in MEANS
    assert set(result.categories) <= set(CATEGORIES)
    assert set(result.flags) <= set(FLAGS)
    assert set(result.topics) <= set(TOPICS)
    # §6.1: categories exactly when harassment, which is always unacceptable.
    assert bool(result.categories) == (result.verdict == "customer_harassment")
    if result.verdict == "customer_harassment":
        assert result.means == "unacceptable"
    # §6.2
    if result.verdict == "legitimate_complaint":
        assert result.demand_validity == "valid"
        assert result.means == "acceptable"
        assert not result.flags
    # §6.3
    if result.verdict == "needs_review":
        assert result.means != "unacceptable"
    # §6.5
    assert len(result.topics) >= 1
    # Every category and flag is explained by a finding.
    labelled = {f.label for f in result.findings}
    assert set(result.categories) <= labelled
    assert set(result.flags) <= labelled
    for f in result.findings:
        assert 0.0 <= f.confidence <= 1.0
        assert f.rule and f.explanation
    assert 1 <= result.severity <= 5
    if "safety_risk" in result.flags or "violence" in result.categories:
        assert result.severity == 5


def test_invariants_hold_on_many_texts() -> None:
    verdicts = set()
    for text in _texts():
        result = triage(text)
        check_invariants(result)
        verdicts.add(result.verdict)
    assert verdicts == set(VERDICTS)  # the sample reaches every branch


@pytest.mark.parametrize(
    "text",
    [
        "殴られた。",
        "請求書が間違っています。",
        "派遣のAさんを辞めさせてください。",
        "x",
        "!!!",
        "\n\n\t確認\n",
    ],
)
def test_invariants_hold_on_edge_texts(text: str) -> None:
    check_invariants(triage(text))


def test_violence_always_carries_a_safety_risk() -> None:
    result = triage("客がスタッフの顔を殴った。")
    assert "violence" in result.categories
    assert "safety_risk" in result.flags
    assert result.severity == 5
