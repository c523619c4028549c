"""Negated, hypothetical and quoted predicates; conditions over sentences."""

from __future__ import annotations

import pytest

from mamori.triage import triage
from mamori.triage._negation import is_conditional, is_negated


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("ご本人の解雇を求めるものではありません。", "dismissal_demand"),
        ("処分をお願いする意図は一切ございません。", "dismissal_demand"),
        ("Aさんを辞めさせろとは言っていません。", "dismissal_demand"),
        ("「クビにしろ」とは言っていない。", "dismissal_demand"),
        ("大声を出すようなことはなかった。", "intimidation"),
        ("土下座しろなどと申し上げるつもりはございません。", "excessive_demand"),
        ("暴言はありませんでした。", "abuse"),
        ("声を荒らげる様子はなし。", "intimidation"),
        ("土下座しろなどと言うつもりはもちろんありません。", "excessive_demand"),
    ],
)
def test_negated_predicates_do_not_fire(text: str, label: str) -> None:
    result = triage(text)
    assert label not in result.categories + result.flags, result.to_dict()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Aさんの処分をしていただけませんか。", "dismissal_demand"),
        ("Bさんを辞めさせてもらえないでしょうか。", "dismissal_demand"),
    ],
)
def test_polite_requests_with_a_negative_form_still_fire(text: str, label: str) -> None:
    assert label in triage(text).flags


def test_fear_of_a_hypothetical_attack_is_not_violence() -> None:
    result = triage("もし次に来店されて殴られたらどうしようと不安です。")
    assert "violence" not in result.categories


def test_a_conditional_threat_still_fires() -> None:
    result = triage("返金しないなら、お前を殺すぞ。")
    assert "threat" in result.categories
    assert "safety_risk" in result.flags


def test_quoted_customer_words_in_a_memo_count_as_said() -> None:
    memo = "【受電メモ】\n・お客様「店長を出せ。土下座しろ」と繰り返した。\n→ お断りした。"
    result = triage(memo)
    assert "excessive_demand" in result.categories
    quote = result.findings_for("excessive_demand")[0]
    assert memo[quote.start : quote.end] == quote.quote == "土下座"


def test_the_word_threat_quoted_from_a_worker_is_not_a_threat() -> None:
    memo = "スタッフから「それは脅迫じゃないですか」と言われ、作業を断られたとのこと。"
    assert "threat" not in triage(memo).categories


def test_a_rep_refusing_a_demand_is_not_a_demand() -> None:
    memo = "処分は当社が就業規則に基づいて判断する事項である旨を説明した。"
    assert "dismissal_demand" not in triage(memo).flags


def test_conditions_spread_over_sentences_combine() -> None:
    # The control failure and the blame sit in different sentences.
    text = (
        "ゲートは先月から故障していて、誰でも通れる状態でした。"
        "修理の手配はまだしていません。"
        "それでも、最後に通ったのはHさんなので、Hさんの責任だと考えています。"
    )
    assert "responsibility_shift" in triage(text).flags


def test_a_dismissal_demand_pressed_with_leverage_is_excessive() -> None:
    polite = triage("Cさんの処分をご検討いただけないでしょうか。")
    assert polite.verdict == "needs_review"
    assert polite.flags == ("dismissal_demand",)
    pressed = triage(
        "Cさんの処分をご検討いただけないでしょうか。"
        "ご対応いただけない場合は、来期のご発注を見直させていただきます。"
    )
    assert "excessive_demand" in pressed.categories
    assert pressed.verdict == "customer_harassment"


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("解雇を求めるものではありません", 5, True),
        ("解雇を求めます", 5, False),
        ("殴られたがけがはない", 2, False),
        ("処分していただけませんか", 4, False),
        # はず (expected) and 必ず (surely) end in ず but deny nothing
        ("あの人しか触っていないはずです", 11, False),
        ("盗ったに違いない、必ず返させる", 9, False),
        ("確認せずに決めた", 2, True),
    ],
)
def test_negation_detector(text: str, end: int, expected: bool) -> None:
    assert is_negated(text, end) is expected


def test_conditional_detector() -> None:
    assert is_conditional("もし殴られたら", 2, 4, 0)
    assert not is_conditional("殴られた", 0, 2, 0)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "土下座してほしいくらいの気持ちですが、もちろんそんなことを求めるつもりはありません。",
            "excessive_demand",
        ),
        ("土下座だの始末書だの、そういうことを求める気はまったくありません。", "excessive_demand"),
    ],
)
def test_a_wish_taken_back_later_in_the_sentence_does_not_fire(text: str, label: str) -> None:
    assert label not in triage(text).categories


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("方針では「給料泥棒」「使えない」といった言葉を不適切な例として挙げております。", "abuse"),
        ("研修:マニュアルを教材に「土下座しろ」「殺すぞ」などの典型例を確認した。", "threat"),
        ("手引きの例示:土下座の要求、長時間の拘束。今回はいずれも該当なし。", "excessive_demand"),
    ],
)
def test_examples_in_a_policy_or_training_are_no_act(text: str, label: str) -> None:
    assert label not in triage(text).categories


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the act itself, with a manual or a wish in the same sentence
        ("マニュアル通りに説明したところ、「土下座しろ」と怒鳴られた。", "excessive_demand"),
        ("お客様は「土下座しろ、それ以外は求めない」と言った。", "excessive_demand"),
        ("方針に基づき、「バカ」と暴言を吐いた客への対応を打ち切った。", "abuse"),
    ],
)
def test_acts_next_to_a_manual_or_a_demand_still_fire(text: str, label: str) -> None:
    assert label in triage(text).categories
