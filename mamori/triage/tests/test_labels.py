"""Table tests: each category, flag and topic on texts written for the tests.

Positive texts must carry the label (with a finding that quotes the
text); negative texts are close calls that must not.
"""

from __future__ import annotations

import pytest

from mamori.triage import triage

CATEGORY_CASES: list[tuple[str, str, bool]] = [
    # violence
    ("violence", "店内で男性客がスタッフの肩を強く突き飛ばし、スタッフは転倒した。", True),
    ("violence", "お客様がレジの店員に向かって缶コーヒーを投げつけ、腕に当たった。", True),
    ("violence", "受付で利用者の家族が職員の胸ぐらをつかみ、「ふざけるな」と揺さぶった。", True),
    ("violence", "配送中に段ボールを落として商品を破損させてしまい、申し訳ありません。", False),
    ("violence", "先方からの値下げの提案は蹴ることにしました。", False),
    # threat
    ("threat", "電話口で「次に店に行ったら殺すぞ」と言われた。", True),
    ("threat", "お客様から「お前の顔は覚えたからな。帰り道に気をつけろ」と言われた。", True),
    ("threat", "「返金しないならSNSで店の名前を晒してやる」とメールが来た。", True),
    ("threat", "改善されない場合は、消費者センターに相談するつもりです。", False),
    ("threat", "弁護士と相談のうえ、契約に基づいて協議させていただきます。", False),
    # abuse
    ("abuse", "窓口で「この役立たず、給料泥棒が」と何度も言われた。", True),
    ("abuse", "オペレーターに「お前なんかいらない、辞めちまえ」と暴言を吐いた。", True),
    ("abuse", "対応した社員の説明が分かりにくく、少し不親切に感じました。", False),
    ("abuse", "ごみ置き場の清掃が行き届いていないので改善をお願いします。", False),
    # intimidation
    ("intimidation", "男性客がカウンターを拳で何度も叩き、「早くしろ」と迫った。", True),
    ("intimidation", "3人で担当者を取り囲み、大声で詰め寄った。", True),
    ("intimidation", "約40分にわたって大声で怒鳴り続けた。", True),
    ("intimidation", "お客様は落ち着いた口調で、誤りの訂正を求められた。", False),
    # excessive_demand
    ("excessive_demand", "「店長を連れて家まで来て、土下座して謝れ」と要求された。", True),
    (
        "excessive_demand",
        "破損した備品の修理代12万円を、スタッフ本人に個人で弁償させてほしいと言われた。",
        True,
    ),
    ("excessive_demand", "担当者本人の署名入りの始末書を提出するよう求められた。", True),
    ("excessive_demand", "迷惑料として5万円を振り込めと言われた。", True),
    ("excessive_demand", "商品に傷があったので、新品と交換していただけますか。", False),
    # persistent
    ("persistent", "同じ男性から今日だけで電話が12回かかってきた。", True),
    ("persistent", "説明済みの内容について、同じ要求を何度も繰り返された。", True),
    ("persistent", "問い合わせへの回答が1週間ないので、再度ご連絡しました。", False),
    # restraint
    (
        "restraint",
        "「話は終わってない」とドアの前に立ちふさがり、職員は部屋から出られなかった。",
        True,
    ),
    ("restraint", "電話を切らせてもらえず、2時間以上にわたり同じ説明を求められた。", True),
    ("restraint", "打合せは予定どおり1時間で終了しました。", False),
    # discrimination
    ("discrimination", "「外国人に個人情報なんか扱わせるな、国に帰れ」と言われた。", True),
    ("discrimination", "「女なんかに仕事が分かるか、男を出せ」と言われた。", True),
    ("discrimination", "外国人のお客様が多いので、英語の案内表示を増やしてほしい。", False),
    # sexual
    ("sexual", "常連客に「今度二人で飲みに行こう」と何度も誘われ、腰に手を回された。", True),
    ("sexual", "「彼氏いるの?今どんな服着てるの」と電話で聞かれた。", True),
    ("sexual", "宴会の席次表の作成をお願いします。", False),
    # privacy
    ("privacy", "スタッフの名札と顔を無断で撮影し、実名付きでSNSに投稿された。", True),
    ("privacy", "教えていないのに、私用の携帯に深夜に何度も電話がかかってくる。", True),
    ("privacy", "帰宅したら、自宅アパートの前で例の客が待ち伏せしていた。", True),
    ("privacy", "公式SNSの投稿に誤字があったので直してください。", False),
]

FLAG_CASES: list[tuple[str, str, bool]] = [
    # dismissal_demand
    (
        "dismissal_demand",
        "派遣のBさんについて、御社で解雇を含めた処分をご検討いただけないでしょうか。",
        True,
    ),
    ("dismissal_demand", "あのスタッフを辞めさせてくれ。", True),
    ("dismissal_demand", "ご本人への処分をお願いする意図はありません。研修をお願いします。", False),
    ("dismissal_demand", "不要になった書類は処分してください。", False),
    # channel_bypass
    ("channel_bypass", "この件は総務には上げないで、私とあなたの間で済ませたいと思います。", True),
    ("channel_bypass", "人事には内密にしておいてください。", True),
    ("channel_bypass", "今後の連絡は、契約どおり派遣先責任者の人事部経由でお願いします。", False),
    # unsubstantiated_accusation
    (
        "unsubstantiated_accusation",
        "証拠はありませんが、Cさんが盗んだとしか考えられないので外してください。",
        True,
    ),
    (
        "unsubstantiated_accusation",
        "本人への聞き取りは不要です。明日から来ないようにしてください。",
        True,
    ),
    (
        "unsubstantiated_accusation",
        "入退室ログで確認したところ、Cさん本人も事実を認めました。",
        False,
    ),
    # business_leverage
    ("business_leverage", "応じていただけない場合は、来期以降の発注を全面的に見直します。", True),
    ("business_leverage", "取引を続けたいなら、黙って言うことを聞け。", True),
    ("business_leverage", "契約書第9条に基づき、交替についてご相談させてください。", False),
    # responsibility_shift
    (
        "responsibility_shift",
        "共有アカウントのパスワードは部署全員が使っていたが、最後にログインしていたのはDさんなので、Dさんの責任だ。",
        True,
    ),
    (
        "responsibility_shift",
        "承認手順を省略していたのは当社ですが、入力したのはEさんなのでEさんの不注意です。",
        True,
    ),
    (
        "responsibility_shift",
        "入力ミスが3件ありました。ダブルチェックの手順を一緒に見直しましょう。",
        False,
    ),
    # worker_selection
    ("worker_selection", "次の更新では、もう少し若い20代の方に替えていただけますか。", True),
    ("worker_selection", "できれば独身の方でお願いしたいです。", True),
    ("worker_selection", "契約上のスキル要件を満たす方への交替をご相談させてください。", False),
    # safety_risk
    ("safety_risk", "客が包丁を取り出して振り回し、店長が110番通報した。", True),
    ("safety_risk", "「殺すぞ」と電話で言われ、警察に相談した。", True),
    ("safety_risk", "お客様の声が大きくて少し怖かったが、特に何もされていない。", False),
]

TOPIC_CASES: list[tuple[str, str]] = [
    ("attendance", "派遣のFさんが今月3回遅刻し、1回は無断欠勤でした。ご確認ください。"),
    ("security", "Gさんが顧客情報の入ったファイルを私物のUSBメモリにコピーしていました。"),
    ("billing", "10月分の請求書で、派遣料金が二重に計上されています。訂正をお願いします。"),
    ("quality", "届いた商品が破損していました。交換をお願いします。"),
    ("contract", "契約書の業務内容にない作業を毎日指示されています。契約どおりにしてほしいです。"),
]


@pytest.mark.parametrize(("label", "text", "expected"), CATEGORY_CASES)
def test_category(label: str, text: str, expected: bool) -> None:
    result = triage(text)
    assert (label in result.categories) is expected, result.to_dict()
    if expected:
        assert result.verdict == "customer_harassment"
        found = result.findings_for(label)
        assert found and all(text[f.start : f.end] == f.quote for f in found)


@pytest.mark.parametrize(("label", "text", "expected"), FLAG_CASES)
def test_flag(label: str, text: str, expected: bool) -> None:
    result = triage(text)
    assert (label in result.flags) is expected, result.to_dict()
    if expected:
        found = result.findings_for(label)
        assert found and all(text[f.start : f.end] == f.quote for f in found)


@pytest.mark.parametrize(("label", "text"), TOPIC_CASES)
def test_topic(label: str, text: str) -> None:
    result = triage(text)
    assert label in result.topics, result.to_dict()


def test_a_pure_harassment_report_gets_topic_other() -> None:
    result = triage("休憩中に取引先の担当者から「今度二人で飲みに行こう」としつこく誘われた。")
    assert result.verdict == "customer_harassment"
    assert result.topics


@pytest.mark.parametrize(
    "text",
    [
        "3週間前に返品した商品の返金がまだありません。今週中に返金してください。",
        "納品データのC列がずれています。13時までに修正版をお願いします。",
        "8月分の請求書で、休業日の派遣料金が計上されています。ご確認のうえ訂正をお願いします。",
    ],
)
def test_plain_complaints_are_legitimate(text: str) -> None:
    result = triage(text)
    assert result.verdict == "legitimate_complaint", result.to_dict()
    assert result.demand_validity == "valid" and result.means == "acceptable"
    assert not result.categories and not result.flags
