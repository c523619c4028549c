"""Labels the model is sure of although no rule matched (engine 0.3)."""

from __future__ import annotations

from typing import cast

from mamori.triage import _engine
from mamori.triage._engine import Engine
from mamori.triage._model import Model
from mamori.triage._rules import load_rules

# No rule knows this wording: the point is what the engine does with the model.
TEXT = (
    "【受電】B社 総務部 C様より、先月分のご請求について。\n"
    "明細に記載された作業時間が、現場で確認した時間と合わないのではないかとのご指摘。\n"
    "同じ週の別の日の時間とも食い違いがあるように見えるとのこと。\n"
    "タイムシートの控えを確認し、明日の午前中までに折り返しご連絡する。"
)


class _SureModel:
    """Stands in for the trained model: sure of one label, most of all in one sentence."""

    def __init__(
        self, column: str, probability: float, harassment: float = 0.9, legitimate: float = 0.1
    ) -> None:
        self.column = column
        self.probability = probability
        self.harassment = harassment
        self.legitimate = legitimate

    def predict(self, text: str) -> dict[str, float]:
        return {
            self.column: self.probability,
            "verdict:customer_harassment": self.harassment,
            "verdict:legitimate_complaint": self.legitimate,
            "topic:other": 0.9,
        }

    def column_scores(self, texts: list[str], columns: list[str]) -> list[list[float]]:
        return [[3.0 if "別の日" in t else 0.0 for _ in columns] for t in texts]


def _engine_with(model: _SureModel) -> Engine:
    return Engine(load_rules(), cast(Model, model))


def test_a_sure_model_adds_the_label_with_a_quoted_sentence() -> None:
    result = _engine_with(_SureModel("category:privacy", 0.95)).triage(TEXT)
    assert "privacy" in result.categories
    assert result.verdict == "customer_harassment"
    finding = next(f for f in result.findings if f.label == "privacy")
    assert finding.rule == "model.category.privacy"
    assert TEXT[finding.start : finding.end] == finding.quote
    assert finding.quote == "同じ週の別の日の時間とも食い違いがあるように見えるとのこと。"
    assert "0.95" in finding.explanation and "0.95" in finding.explanation_en


def test_an_unsure_model_adds_nothing() -> None:
    below = _engine.MODEL_ONLY_MIN["category"] - 0.05
    result = _engine_with(_SureModel("category:privacy", below)).triage(TEXT)
    assert "privacy" not in result.categories


def test_a_category_needs_the_model_to_read_harassment_in_the_whole_text() -> None:
    result = _engine_with(_SureModel("category:privacy", 0.95, harassment=0.2)).triage(TEXT)
    assert "privacy" not in result.categories


def test_short_texts_get_no_model_only_label() -> None:
    short = "公式SNSの投稿に誤字があったので直してください。"
    assert len(short) < _engine.MODEL_ONLY_MIN_CHARS
    result = _engine_with(_SureModel("category:privacy", 0.99)).triage(short)
    assert result.categories == ()


def test_a_flag_from_the_model_makes_review_not_harassment() -> None:
    result = _engine_with(_SureModel("flag:channel_bypass", 0.9, harassment=0.3)).triage(TEXT)
    assert result.flags == ("channel_bypass",)
    assert result.verdict == "needs_review"
    assert result.findings[0].rule == "model.flag.channel_bypass"


def test_no_flag_from_the_model_when_it_reads_a_plain_legitimate_complaint() -> None:
    sure = _SureModel("flag:channel_bypass", 0.9, harassment=0.05, legitimate=0.8)
    assert _engine_with(sure).triage(TEXT).flags == ()


def test_the_model_alone_cannot_call_a_danger_to_the_body() -> None:
    # §6.11: safety_risk needs an act (contact, weapon, threat, stalking) in the text.
    result = _engine_with(_SureModel("flag:safety_risk", 0.95, harassment=0.6)).triage(TEXT)
    assert "safety_risk" not in result.flags


def test_the_model_may_add_a_danger_when_a_bodily_act_is_found() -> None:
    # A threat no rule of its own marks as a danger: the model's flag stands.
    text = TEXT + "\n帰り際、C様から「お前の名前はもう覚えたからな」と言われた。"
    result = _engine_with(_SureModel("flag:safety_risk", 0.95, harassment=0.6)).triage(text)
    assert "threat" in result.categories
    finding = next(f for f in result.findings if f.label == "safety_risk")
    assert finding.rule == "model.flag.safety_risk"


def test_alone_the_model_needs_a_surer_reading_of_harassment() -> None:
    # No rule found any act: 0.65 harassment is not enough to make it harassment...
    result = _engine_with(_SureModel("category:privacy", 0.95, harassment=0.65)).triage(TEXT)
    assert result.categories == ()
    # ...but next to an act a rule found, the model may add what the rules missed.
    text = TEXT + "\n帰り際、C様から「お前の名前はもう覚えたからな」と言われた。"
    result = _engine_with(_SureModel("category:privacy", 0.95, harassment=0.65)).triage(text)
    assert {"threat", "privacy"} <= set(result.categories)
