"""Templates for ``mamori seed``: fictitious but realistic Japanese case texts.

Every name is invented. Placeholders in braces are filled per case:
``{client}`` ``{dept}`` ``{contact}`` ``{worker}`` ``{rep}`` ``{date}``
``{time}`` ``{n}`` ``{hours}``. Label weights give a plausible mix: most
cases are legitimate complaints, a quarter need review, about one in five is
customer harassment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SURNAMES = (
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 "
    "斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 "
    "村上 遠藤 青木 坂本 斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 松田 竹内 小野"
).split()
GIVEN_NAMES = (
    "健一 大輔 翔太 拓也 直樹 誠 浩二 亮 隆 修 美咲 真理子 彩 里奈 陽子 恵 由美 千尋 愛 "
    "麻衣 智子 明美 葵 結衣 花 蓮 悠斗 湊 大和 陽菜"
).split()
COMPANY_STEMS = (
    "東和 北斗 青葉 朝日 三光 大和 日進 富士見 桜川 栄 中央 港南 緑山 新星 丸の内 若葉 旭 "
    "平和 昭栄 光洋 信和 東邦 西海 白鷺 千代田 双葉 瑞穂 明星 豊田 高砂"
).split()
COMPANY_KINDS = (
    ("製作所", "製造"),
    ("電機", "製造"),
    ("物流", "物流"),
    ("フーズ", "食品"),
    ("商事", "卸売"),
    ("システムズ", "情報通信"),
    ("ホールディングス", "サービス"),
    ("メディカル", "医療"),
    ("リテール", "小売"),
    ("コールセンター", "サービス"),
)
DEPARTMENTS = (
    "総務部 営業部 経理部 情報システム部 物流センター 品質管理課 カスタマーサポート課 "
    "第一工場 第二工場 本社受付 人事部 購買部 データ入力センター 倉庫管理課"
).split()
CONTACT_TITLES = ("課長", "部長", "係長", "主任", "センター長", "マネージャー")

CHANNEL_WORDS = {"mail": "メール", "phone": "電話", "meeting": "面談", "visit": "訪問"}


@dataclass(frozen=True)
class Scenario:
    """One kind of case: its texts and the labels triage would plausibly give it."""

    key: str
    kind: str
    weight: int
    topics: tuple[str, ...]
    severity: tuple[int, int]
    verdicts: tuple[tuple[str, int], ...]
    categories: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    background: tuple[str, ...] = ()
    first: tuple[str, ...] = ()
    followups: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    tasks: tuple[str, ...] = field(default=())


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        key="lateness",
        kind="client_complaint",
        weight=18,
        topics=("attendance",),
        severity=(1, 3),
        verdicts=(("legitimate_complaint", 85), ("needs_review", 15)),
        titles=(
            "{client} {dept}より{worker}さんの遅刻に関するご指摘",
            "{worker}さんの勤怠不良について({client})",
            "{client} {contact}様から無断欠勤のご連絡",
        ),
        background=(
            "{worker}さんは{client} {dept}に派遣中。勤務は平日9時〜18時。",
            "直近1か月で遅刻が{n}回あり、うち2回は連絡なしだった。",
        ),
        first=(
            "{client} {dept}の{contact}様より電話。{worker}さんが今週だけで{n}回遅刻しており、"
            "朝礼に間に合わないため業務に支障が出ているとのこと。"
            "改善がなければ交代も検討したいとのご意向。",
            "{contact}様からメール。"
            "本日{worker}さんが始業時刻を過ぎても出勤せず、連絡も取れないとのこと。"
            "現場の人員が足りず困っている、至急確認してほしいとのご依頼。",
        ),
        followups=(
            "{contact}様より、その後{worker}さんは定時に出勤しているとのご連絡。"
            "引き続き様子を見るとのこと。",
            "{contact}様から再度の連絡。今朝も10分ほど遅れたとのこと。前回より口調は穏やかだった。",
        ),
        quotes=("朝礼に間に合わないのは困ります", "次に遅れたら交代してもらいます"),
        tasks=("{worker}さんと面談し勤怠改善計画を作成", "{contact}様へ改善状況を報告"),
    ),
    Scenario(
        key="quality",
        kind="client_complaint",
        weight=16,
        topics=("skill", "quality"),
        severity=(1, 3),
        verdicts=(("legitimate_complaint", 75), ("needs_review", 25)),
        titles=(
            "{client}より入力ミスのご指摘({worker}さん)",
            "{client} {dept} 誤出荷に関するクレーム",
            "{worker}さんの作業品質について({client})",
        ),
        background=("{worker}さんは{dept}でデータ入力・検品を担当。就業開始から{n}か月。",),
        first=(
            "{client} {dept}の{contact}様よりメール。"
            "先週{worker}さんが入力した受注データに{n}件の誤りがあり、"
            "取引先へ誤った請求書が送付された。再発防止策を文書で提出してほしいとのこと。",
            "{contact}様から電話。"
            "{worker}さんの検品漏れにより誤出荷が発生し、顧客から苦情が来ている。"
            "ダブルチェックの手順を徹底してほしいとのご要望。",
        ),
        followups=(
            "{contact}様より、再発防止策の報告書を受領したとのご連絡。内容に異論はないとのこと。",
            "{contact}様から追加の指摘。"
            "別の帳票でも同様の誤りが見つかったため確認してほしいとのこと。",
        ),
        quotes=("再発防止策を文書で出してください", "チェックの手順を見直してください"),
        tasks=("再発防止策の報告書を作成", "{worker}さんへ手順の再研修を実施"),
    ),
    Scenario(
        key="security",
        kind="client_complaint",
        weight=7,
        topics=("security",),
        severity=(2, 4),
        verdicts=(("needs_review", 60), ("legitimate_complaint", 40)),
        flags=("unsubstantiated_accusation",),
        titles=(
            "{client} {dept}より情報セキュリティ事案のご連絡",
            "メール誤送信の疑い({client} {worker}さん)",
        ),
        background=(
            "基本契約書により、情報セキュリティ事故は総務部と就業場所の双方から報告する取り決め。",
        ),
        first=(
            "{contact}様よりメール。"
            "{worker}さんが社外秘の資料を私物のUSBメモリに保存したのではないかとのご指摘。"
            "詳細は面談で話したいので本日中に来社してほしいとのこと。総務部からの連絡はまだない。",
            "{contact}様から電話。"
            "{worker}さんが顧客リストを誤って社外へメール送信した可能性があるとのこと。"
            "ログを確認中であり、事実が確認できれば厳正に対処してほしいとのご意向。",
        ),
        followups=(
            "{client}総務部より、ログ調査の結果、社外への送信は確認されなかったとのご連絡。",
            "{contact}様と面談。持ち出しの事実は確認できておらず、"
            "推測による指摘であることを確認した。",
        ),
        quotes=("セキュリティ事故を起こしました", "厳正に対処してください"),
        tasks=("総務部へ事実確認を依頼", "{worker}さんから経緯を聴取し記録"),
    ),
    Scenario(
        key="billing",
        kind="client_complaint",
        weight=6,
        topics=("billing", "contract"),
        severity=(1, 2),
        verdicts=(("legitimate_complaint", 90), ("needs_review", 10)),
        titles=("{client}より請求金額についてのお問い合わせ", "契約条件の確認依頼({client})"),
        background=("{client}とは{n}年前から取引がある。請求は月末締め翌月払い。",),
        first=(
            "{client} 経理部の{contact}様よりメール。"
            "今月の請求書で残業時間の計上が勤怠記録と{n}時間合わないとのこと。"
            "内訳を確認して再発行してほしいとのご依頼。",
            "{contact}様から電話。契約更新にあたり、単価の見直しについて相談したいとのこと。",
        ),
        followups=("{contact}様より、再発行した請求書を確認したとのご連絡。問題ないとのこと。",),
        quotes=("請求書を再発行してください",),
        tasks=("勤怠記録と請求内訳を照合", "請求書を再発行"),
    ),
    Scenario(
        key="dogeza",
        kind="customer_harassment",
        weight=9,
        topics=("conduct",),
        severity=(3, 5),
        verdicts=(("customer_harassment", 80), ("needs_review", 20)),
        categories=("abuse", "intimidation", "excessive_demand"),
        flags=("dismissal_demand",),
        titles=(
            "{client} {contact}様による{worker}さんへの土下座要求",
            "{client}店頭での暴言・威圧的言動({worker}さん被害)",
            "{contact}様からの長時間の叱責と謝罪要求",
        ),
        background=(
            "{worker}さんは{client} {dept}で受付業務を担当。",
            "{contact}様は以前から担当者を大声で叱責することがあったと現場の社員が話している。",
        ),
        first=(
            "{worker}さんより電話。"
            "{contact}様から書類の不備を理由に約{hours}時間にわたり大声で怒鳴られ、"
            "「土下座して謝れ」と言われたとのこと。"
            "{worker}さんは震えており、途中から録音していたと話している。",
            "{client} {dept}の社員の方から連絡。"
            "{contact}様が{worker}さんに対し机を叩きながら暴言を浴びせ、"
            "周囲の社員が止めに入った。{worker}さんは早退したとのこと。",
            "{worker}さんよりメール。"
            "{contact}様から「辞めさせろ」「お前の代わりはいくらでもいる」と何度も言われ、"
            "出勤するのが怖いとのこと。やり取りの一部は録音がある。",
        ),
        followups=(
            "{contact}様より電話。{worker}さんの態度が悪いので担当を外し、"
            "会社として謝罪に来いとの要求。"
            "怒鳴り声で一方的に話し、こちらの説明は聞き入れられなかった。",
            "{client}総務部の方と面談。録音の内容を共有し、"
            "{contact}様の言動について社内で確認するとの回答を得た。",
            "{worker}さんと面談。睡眠がとれていないとのことで、"
            "産業医面談を案内した。本人は配置転換を希望している。",
        ),
        quotes=(
            "土下座して謝れ",
            "お前の代わりはいくらでもいる",
            "こんな奴はすぐ辞めさせろ",
            "謝罪に来ないなら取引を考え直す",
        ),
        tasks=(
            "録音データを保全しエビデンスとして登録",
            "{client}総務部へ事実確認と再発防止を申し入れ",
            "{worker}さんのケア面談を設定",
        ),
    ),
    Scenario(
        key="persistent",
        kind="customer_harassment",
        weight=7,
        topics=("conduct", "quality"),
        severity=(2, 4),
        verdicts=(("customer_harassment", 65), ("needs_review", 35)),
        categories=("persistent", "restraint", "excessive_demand"),
        flags=("channel_bypass",),
        titles=(
            "{contact}様からの執拗な電話({client})",
            "{client} {contact}様による長時間の拘束",
        ),
        background=("{contact}様からの電話は1日に{n}回以上、1回あたり1時間を超えることがある。",),
        first=(
            "{contact}様より営業担当{rep}の携帯へ電話。同じ内容の苦情を{hours}時間繰り返し、"
            "「納得するまで切らせない」と言われた。通話は録音している。",
            "{worker}さんより相談。{contact}様から終業後も個人の携帯に何度も電話があり、"
            "休日にも呼び出されているとのこと。",
        ),
        followups=(
            "{contact}様から本日{n}回目の電話。"
            "前回と同じ要求の繰り返しで、新たな事実の申し出はなかった。",
            "{contact}様へ、今後の連絡は窓口を一本化し、通話は30分以内とする旨を書面で通知した。",
        ),
        quotes=("納得するまで切らせない", "上の人間を今すぐ出せ", "誠意を見せろ"),
        tasks=("通話記録(日時・時間)を一覧化", "窓口一本化の通知書を送付"),
    ),
    Scenario(
        key="dismissal",
        kind="client_complaint",
        weight=8,
        topics=("conduct", "skill"),
        severity=(2, 4),
        verdicts=(("needs_review", 70), ("customer_harassment", 15), ("legitimate_complaint", 15)),
        categories=("excessive_demand",),
        flags=("dismissal_demand", "business_leverage", "worker_selection"),
        titles=(
            "{client}より{worker}さんの交代・解雇要求",
            "{contact}様からの契約解除をほのめかす要求",
        ),
        background=("{worker}さんの前任の指揮命令者からの評価は良好だった。",),
        first=(
            "{contact}様よりメール。{worker}さんの仕事ぶりに不満があるので、"
            "今月中に解雇してほしいとのこと。"
            "応じない場合は御社との取引を見直すとの記載あり。具体的な事実の記載はない。",
            "{contact}様から電話。{worker}さんを別の若いスタッフに替えてほしいとの要望。"
            "理由を伺っても明確な回答はなかった。",
        ),
        followups=(
            "{contact}様と面談。解雇は派遣元の判断事項であり、"
            "事実関係を確認したうえで対応する旨を説明した。",
            "前任の指揮命令者に確認したところ、{worker}さんの勤務態度に問題はなかったとの回答。",
        ),
        quotes=("今月中に解雇してください", "取引を見直させてもらう", "もっと若い人に替えてほしい"),
        tasks=("前任者へ評価を確認", "労働者派遣法に照らした回答書を作成"),
    ),
    Scenario(
        key="sexual",
        kind="customer_harassment",
        weight=4,
        topics=("conduct",),
        severity=(3, 5),
        verdicts=(("customer_harassment", 85), ("needs_review", 15)),
        categories=("sexual", "privacy"),
        titles=("{client} {dept}での性的な発言({worker}さん被害)",),
        background=("{worker}さんは{dept}で事務を担当。同じフロアに{contact}様が常駐している。",),
        first=(
            "{worker}さんより相談窓口へ連絡。{contact}様から容姿について繰り返し発言され、"
            "食事にしつこく誘われているとのこと。断ると不機嫌になり、"
            "業務上の連絡を無視されるようになった。",
        ),
        followups=(
            "{client}人事部へ申し入れ。事実確認のうえ、{contact}様への指導を行うとの回答。",
            "{worker}さんと面談。席の配置換えにより接触は減ったとのこと。引き続きフォローする。",
        ),
        quotes=("今度二人で飲みに行こうよ", "彼氏はいるの"),
        tasks=("{client}人事部へ申し入れ書を送付", "{worker}さんの就業場所変更を検討"),
    ),
    Scenario(
        key="sns",
        kind="customer_harassment",
        weight=3,
        topics=("conduct", "security"),
        severity=(3, 5),
        verdicts=(("customer_harassment", 75), ("needs_review", 25)),
        categories=("privacy", "threat"),
        titles=("{worker}さんの写真がSNSに投稿された件({client})",),
        background=("{worker}さんは{client}の店舗で接客を担当。",),
        first=(
            "{worker}さんより連絡。来店客から対応が悪いと言われ、"
            "名札と顔が写った写真をSNSに投稿された。"
            "「晒してやる」と言われた際のやり取りは店内の防犯カメラに残っている。",
        ),
        followups=(
            "{client}本部へ投稿の削除依頼を相談。プラットフォームへの削除申請を行った。",
            "投稿が削除されたことを確認。{worker}さんには経過を報告した。",
        ),
        quotes=("ネットに晒してやる", "名前も顔も覚えたからな"),
        tasks=("投稿のスクリーンショットを保全", "削除申請の結果を確認"),
    ),
    Scenario(
        key="consultation",
        kind="consultation",
        weight=12,
        topics=("conduct", "other"),
        severity=(1, 3),
        verdicts=(("needs_review", 60), ("legitimate_complaint", 25), ("customer_harassment", 15)),
        categories=("abuse",),
        titles=(
            "{worker}さんからの就業環境に関するご相談",
            "{worker}さんより職場での言動についての相談",
        ),
        background=("{worker}さんは{client} {dept}に派遣中。",),
        first=(
            "{worker}さんより相談。"
            "{dept}の社員から強い口調で指示されることが多く、萎縮してしまうとのこと。"
            "暴言と言えるかはわからないが、つらいので話を聞いてほしいとの希望。",
            "{worker}さんから相談窓口へメール。"
            "残業を断ると{contact}様から嫌味を言われ、職場に居づらいとのこと。",
        ),
        followups=(
            "{worker}さんと面談。具体的な日時と発言を記録してもらうよう依頼した。"
            "本人は派遣先への申し入れは希望していない。",
            "{worker}さんより、状況が少し改善したとの連絡。引き続き見守る。",
        ),
        quotes=("何回言ったらわかるの", "派遣なんだから黙ってやって"),
        tasks=("{worker}さんと2週間後に再面談",),
    ),
)

# Shared texts: what the desk writes on any case.
INTERNAL_NOTES = (
    "【対応方針】事実関係を時系列で整理し、"
    "派遣先と{worker}さん双方から聴き取る。憶測では判断しない。",
    "{rep}より課長へ報告。本日中に{contact}様へ折り返し、面談日程を調整する方針。",
    "【記録】{worker}さんへの聴き取り内容を記録した。"
    "本人の説明と{contact}様のご指摘に食い違いがある。",
    "対応チームと協議。録音やメールなどの客観的な記録を確保してから回答する方針とした。",
    "過去の同種事案を確認。{client}からは以前にも類似のご指摘があった。",
)
OUTBOUND = (
    "{rep}から{contact}様へ電話。ご指摘の内容を確認し、"
    "事実関係を調査のうえ{date}までに回答する旨をお伝えした。",
    "{contact}様へメールで回答。調査結果と今後の対応を説明した。",
    "{rep}から{worker}さんへ電話。状況を聴き取り、無理をしないよう伝えた。",
    "{contact}様へ面談のお礼と合意事項をメールで送付した。",
)
MEETINGS = (
    "{client}にて{contact}様と面談({rep}同席)。ご指摘の経緯を伺い、再発防止策を説明した。",
    "{worker}さんと面談。本人の説明を聴き取り、今後の働き方について話し合った。",
)
CLOSINGS = (
    "{contact}様へ最終報告。対応は完了とし、本件はクローズとする旨ご了承いただいた。",
    "{worker}さんへ対応結果を報告。本人も了承し、本件は終了とした。",
)
EVIDENCE_MEMO = (
    "通話メモ({date})\n"
    "相手:{contact}様\n"
    "要旨:担当者の対応に不満があるとのこと。大声での叱責が続き、謝罪と担当交代を求められた。\n"
    "録音:あり(約{hours}時間)\n"
)
