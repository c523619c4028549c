"""The public surface of mamori.triage: names, errors, model, no Django."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import mamori.triage as triage_pkg
from mamori.triage import (
    CATEGORIES,
    ENGINE_VERSION,
    FLAGS,
    TOPICS,
    VERDICTS,
    EmptyText,
    InputError,
    ModelError,
    TextTooLong,
    TriageError,
    UndecodableInput,
    explain,
    label_name,
    triage,
)
from mamori.triage._model import MODEL_PATH, read_model
from mamori.triage._rules import RULES_DIR, build_rules, load_rules

ROOT = Path(__file__).resolve().parents[3]


def test_it_exports_exactly_the_documented_names() -> None:
    assert triage_pkg.__all__ == [
        "CATEGORIES",
        "DEMAND_VALIDITIES",
        "ENGINE_NAME",
        "ENGINE_VERSION",
        "FLAGS",
        "MAX_TEXT_CHARS",
        "MEANS",
        "TOPICS",
        "VERDICTS",
        "EmptyText",
        "Finding",
        "InputError",
        "LabelInfo",
        "ModelError",
        "Result",
        "TextTooLong",
        "TriageError",
        "UndecodableInput",
        "decode_bytes",
        "explain",
        "label_name",
        "triage",
        "triage_bytes",
    ]
    for name in triage_pkg.__all__:
        assert hasattr(triage_pkg, name), name


def test_it_keeps_the_contract_label_ids() -> None:
    assert CATEGORIES == (
        "violence",
        "threat",
        "abuse",
        "intimidation",
        "excessive_demand",
        "persistent",
        "restraint",
        "discrimination",
        "sexual",
        "privacy",
    )
    assert FLAGS == (
        "dismissal_demand",
        "channel_bypass",
        "unsubstantiated_accusation",
        "business_leverage",
        "responsibility_shift",
        "worker_selection",
        "safety_risk",
    )
    assert TOPICS == (
        "attendance",
        "conduct",
        "skill",
        "security",
        "contract",
        "billing",
        "quality",
        "other",
    )
    assert VERDICTS == ("legitimate_complaint", "needs_review", "customer_harassment")


@pytest.mark.parametrize("label", CATEGORIES + FLAGS + TOPICS + VERDICTS)
def test_every_label_has_names_and_an_explanation(label: str) -> None:
    assert label_name(label, "ja") and label_name(label, "en")
    assert explain(label, "ja") and explain(label, "en")
    assert label_name(label, "ja") != label_name(label, "en")


def test_it_rejects_unknown_labels() -> None:
    with pytest.raises(KeyError):
        label_name("nonsense")


@pytest.mark.parametrize(
    ("error", "parent", "code"),
    [
        (EmptyText(), InputError, "empty_text"),
        (TextTooLong(200_001, 100_000), InputError, "text_too_long"),
        (UndecodableInput(), InputError, "undecodable_input"),
        (ModelError(), TriageError, "model_error"),
        (InputError(), TriageError, "invalid_input"),
    ],
)
def test_errors_have_codes_and_bilingual_messages(
    error: TriageError, parent: type[TriageError], code: str
) -> None:
    assert isinstance(error, parent)
    assert error.code == code
    assert error.message_ja and error.message_en
    assert error.message_ja != error.message_en
    assert str(error) == error.message_en
    assert error.message("en") == error.message_en
    assert error.message("ja") == error.message_ja


def test_text_too_long_states_the_limit_in_both_languages() -> None:
    error = TextTooLong(123_456, 100_000)
    assert "100,000" in error.message_ja and "100,000" in error.message_en
    assert "123,456" in error.message_ja


def test_importing_it_loads_no_django() -> None:
    code = (
        "import sys, mamori.triage as t; t.triage('請求書の金額が違います。');"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    )
    assert out.stdout.strip() == "[]"


def test_importing_it_loads_no_scikit_learn() -> None:
    code = (
        "import sys, mamori.triage as t; t.triage('請求書の金額が違います。');"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    )
    assert out.stdout.strip() == "[]"


def test_the_shipped_model_loads_and_matches_the_engine_version() -> None:
    model = read_model(MODEL_PATH)
    assert model.version == ENGINE_VERSION
    assert "verdict:customer_harassment" in model.columns
    assert model.weights.shape == (1 << model.bits, len(model.columns))
    probs = model.predict("お前なんかクビだ、土下座しろ")
    assert all(0.0 <= p <= 1.0 for p in probs.values())


def test_a_model_for_another_engine_version_is_refused(tmp_path: Path) -> None:
    with __import__("numpy").load(MODEL_PATH) as data:
        header = json.loads(bytes(data["header"]).decode())
        weights, bias = data["weights"], data["bias"]
    header["engine_version"] = "0.0.0-old"
    np = __import__("numpy")
    stale = tmp_path / "stale.npz"
    np.savez(
        stale,
        header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
        weights=weights,
        bias=bias,
    )
    with pytest.raises(ModelError, match="run scripts/train-triage"):
        read_model(stale)


def test_a_missing_or_corrupt_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        read_model(tmp_path / "missing.npz")
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(ModelError):
        read_model(broken)


def test_the_shipped_rules_load_and_explain_themselves() -> None:
    rules = load_rules()
    assert len(rules.rules) > 50
    ids = [r.id for r in rules.rules]
    assert len(ids) == len(set(ids))
    for rule in rules.rules:
        assert rule.explanation_ja and rule.explanation_en, rule.id
        assert rule.basis, rule.id


def test_patterns_compiled_on_first_use_find_what_compiled_ones_find() -> None:
    text = (
        "派遣のAさんを今日中にクビにしろ。土下座しろ、殺すぞ。毎日何度も電話してくる。"
        "自宅の前で待ち伏せされた。契約を切るぞ。本人に聞く必要はない。"
    )
    sources = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(RULES_DIR.glob("*.toml"))]
    lazy, eager = build_rules(sources), build_rules(sources)
    eager.text_index.compile_all()
    eager.lemma_index.compile_all()
    compiled = re.Pattern
    assert all(isinstance(rx, compiled) for rx, _ in eager.text_index.combined_pair.values())
    assert not any(isinstance(rx, compiled) for rx, _ in lazy.text_index.combined_pair.values())
    found = [(r.id, s, e) for r, s, e in lazy.text_index.scan(text)]
    assert found and found == [(r.id, s, e) for r, s, e in eager.text_index.scan(text)]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("[[rules]\nid=", "invalid TOML"),
        (
            '[[rules]]\nid = "x"\nlabel = "violence"\nkind = "category"\n'
            'explanation_ja = "a"\nexplanation_en = "b"\n',
            "no patterns",
        ),
        (
            '[[rules]]\nid = "x"\nlabel = "nope"\nkind = "category"\npatterns = ["殴"]\n'
            'explanation_ja = "a"\nexplanation_en = "b"\n',
            "not a category label",
        ),
        (
            '[[rules]]\nid = "x"\nlabel = "violence"\nkind = "category"\npatterns = [".*殴"]\n'
            'explanation_ja = "a"\nexplanation_en = "b"\n',
            "must start with",
        ),
        (
            '[[rules]]\nid = "x"\nlabel = "violence"\nkind = "category"\npatterns = ["殴("]\n'
            'explanation_ja = "a"\nexplanation_en = "b"\n',
            "bad regex",
        ),
        (
            '[[rules]]\nid = "x"\nlabel = "violence"\nkind = "category"\npatterns = ["殴"]\n'
            'explanation_ja = "a"\nexplanation_en = "b"\nwieght = 2\n',
            "unknown keys",
        ),
    ],
)
def test_broken_rule_files_are_model_errors(source: str, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        build_rules([("broken.toml", source)])


def test_result_json_has_exactly_the_contract_keys() -> None:
    result = triage("派遣のAさんを今日中にクビにしろ。取引を続けたいなら言うことを聞け。")
    data = result.to_dict()
    assert list(data) == [
        "verdict",
        "demand_validity",
        "means",
        "categories",
        "flags",
        "topics",
        "findings",
        "severity",
        "engine",
    ]
    assert data["engine"] == {"name": "mamori-triage", "version": ENGINE_VERSION}
    for finding in data["findings"]:
        assert list(finding) == [
            "label",
            "kind",
            "start",
            "end",
            "quote",
            "rule",
            "confidence",
            "explanation",
        ]
    json.dumps(data, ensure_ascii=False)
