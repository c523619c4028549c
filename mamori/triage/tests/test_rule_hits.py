"""Table tests for single rules: which rule ids fire on a text (no model gate)."""

from __future__ import annotations

import pytest

from mamori.triage._engine import _staff_quoted, default_engine
from mamori.triage._normalize import normalize


def fired(text: str) -> set[str]:
    engine = default_engine()
    norm = normalize(text).text
    return {hit.rule.id for hit in engine._hits(norm, {})}


CERTAINTY = "flag.unsubstantiated_accusation.certainty"
ROMANTIC_NIGHT_CALLS = "食事に誘われて断った。その夜、深夜1時までに5回電話があった。"

RULE_CASES = [
    # certainty without evidence: "疑いようがありません"
    (CERTAINTY, "Sさんの不注意であることは疑いようがありません。", True),
    (CERTAINTY, "Sさんの件、疑いの余地があるか確認をお願いします。", False),
    # "only X could have done it": the negative is part of the claim, not a denial
    (CERTAINTY, "担当のEさんが業者に渡したのだと思います。Eさん以外に考えられません。", True),
    (CERTAINTY, "レジの人がポケットに入れたんだと思う。", True),
    (CERTAINTY, "派遣の人しか考えられないので、外してください。", True),
    (CERTAINTY, "原因はほかにも考えられますので、調査をお願いします。", False),
    ("flag.unsubstantiated_accusation.assertion", "係員が抜き取ったとしか思えない。", True),
    ("excessive_demand.unpaid_or_personal", "修理は無償以外ありえません。", True),
    ("excessive_demand.unpaid_or_personal", "保証期間内なので無償でお願いできますか。", False),
    # summoning is restraint, not persistence
    ("persistent.many_contacts", "先月は7回呼び出されました。", False),
    ("restraint.summoning", "先月は7回呼び出されました。", True),
    ("persistent.many_contacts", "同じ内容で1日に8回電話がありました。", True),
    ("persistent.many_contacts", "連日のご連絡となり恐縮です。見通しを教えてください。", False),
    ("persistent.many_contacts", "連日、同じ要求の電話がかかってきます。", True),
    # the writer's own calls, a customer bounced or never called back, counted records
    ("persistent.many_contacts", "計4回お電話しておりますが、折り返しがありません。", False),
    ("persistent.many_contacts", "サポートには計9回電話しましたが、説明はなかった。", False),
    # asking for regular contact, and calls the desk never answered, are no persistence
    ("persistent.many_contacts", "今後は毎日夕方に進捗のメールをいただけますか。", False),
    ("persistent.many_contacts", "毎日夕方にメールが来て、同じ要求を繰り返される。", True),
    ("persistent.many_contacts", "6回お電話があったが、折り返しが一度もできていない。", False),
    ("persistent.many_contacts", "本日6回お電話があり、毎回同じ要求を繰り返された。", True),
    ("persistent.many_contacts", "お電話(9:00、10:30、13:00)。いずれも回答待ちと伝えた。", False),
    ("persistent.many_contacts", "窓口から合計5回転送され、40分待たされたとのこと。", False),
    ("persistent.many_contacts", "顧客情報約300件(氏名・電話番号)を含むファイル", False),
    ("persistent.many_contacts", "お客様から本日8回電話があり、毎回同じ要求を繰り返した。", True),
    # polite negatives: "帰らせてもらえませんでした"
    ("restraint.not_released", "23時まで帰らせてもらえませんでした。", True),
    ("restraint.not_released", "電話を切らせてもらえませんでした。", True),
    ("restraint.not_released", "台風で電車が止まり、帰れませんでした。", False),
    # violence.strike reads conjugated forms from the lemma stream; threats, objects are no blows
    ("violence.strike", "お客様にいきなり顔を殴られた。", True),
    ("violence.strike", "客に腹をけられた。", True),
    ("violence.strike", "「謝罪文書けって言ってんだよ」と言われた。", False),
    ("violence.strike", "同じ日に注文したっちゃけん、送料は1回分やろ。", False),
    # a scribble, a simile and a wish are no blows
    ("violence.strike", "引継ぎメモが殴り書きで読めない。", False),
    ("violence.strike", "バットで殴られたような頭痛がした。", False),
    ("violence.strike", "壁でも殴りたくなるくらい腹が立っています。", False),
    # IPAdic keeps kana-spelt verbs in kana: the rules list both spellings
    ("threat.kill", "窓口で客に「ころすぞ」と言われました。", True),
    ("threat.kill", "窓口で客に刺すぞと言われました。", True),
    ("threat.kill", "看護師さんが「少しチクッとしますよ、刺しますから」と言った。", False),
    ("threat.kill", "針を刺すから動かないでくださいと説明した。", False),
    ("violence.strike", "窓口で客になぐられました。", True),
    ("intimidation.yelling", "電話口でどなりつけられた。", True),
    ("intimidation.yelling", "どなたでもご利用いただけます。", False),
    ("violence.strike", "「次来たらぶん殴ってやるからな」と言われた。", False),
    ("violence.strike", "帰り際に傘立てを足で蹴飛ばして出て行った。", False),
    # English insults: said of a person, not of a thing
    ("abuse.insult_word_en", "Your engineer J is useless. A total idiot.", True),
    ("abuse.insult_word_en", "The receptionist is a stupid girl who cannot read.", True),
    ("abuse.insult_word_en", "Honestly, you're completely useless at this job.", True),
    ("abuse.insult_word_en", "Honestly, it is completely useless to call you.", False),
    ("abuse.insult_word_en", "The manual you sent is useless; please send the new version.", False),
    ("abuse.insult_word_en", "This is a stupid mistake in the invoice, please fix it.", False),
    # a bare insult in a quote; "素人が偉そうに"
    ("abuse.insult_word", "「二度と来るな、クズ」と言われた。", True),
    ("abuse.insult_word", "「ゴミは分別してください」と貼り紙をした。", False),
    ("abuse.worth_denial", "「素人が偉そうに」と声を荒げた。", True),
    ("abuse.worth_denial", "素人が見ても分かる不具合です。", False),
    # Verb endings that only look like banging: 開ける, いただける, いたた
    ("intimidation.banging", "男性客がカウンターを何度も叩いた。", True),
    ("intimidation.banging", "机を思い切りけった。", True),
    ("intimidation.banging", "担当者がドアを開けると、客が立っていた。", False),
    ("intimidation.banging", "窓口の台に水垢が残っていたため清掃した。", False),
    ("intimidation.banging", "カウンターを使っていただけると助かります。", False),
    # restraint.not_released: being kept in, not a document "出してもらえますか"
    ("restraint.not_released", "会議室から出してもらえなかった。", True),
    ("restraint.not_released", "報告書を出してもらえますか。", False),
    ("restraint.not_released", "電話に出られない時間帯があります。", False),
    # a deadline is no after-hours demand; "come back" needs a "now"
    ("restraint.after_hours", "明日の朝までに返事をしてください。", False),
    ("restraint.long_calls", "今からすぐ店に戻ってこいと言われた。", True),
    ("restraint.long_calls", "担当者が戻ってきてから折り返します。", False),
    # intimidation.yelling_long: "not loudly" is no yelling
    ("intimidation.yelling_long", "大声ではないが、同じ要求を繰り返した。", False),
    # privacy.private_life: a bare "名前を言え" asks who served them
    ("privacy.private_life", "お前の名前を言え、と言われた。", False),
    ("privacy.private_life", "あの女の名前と住んでるところを教えろ。", True),
    # love-life questions are sexual remarks, where she lives is the intrusion
    ("privacy.private_life", "会計のたびに「彼氏いるの?」と聞かれる。", False),
    ("sexual.remark", "会計のたびに「彼氏いるの?」と聞かれる。", True),
    ("privacy.private_life", "帰り際に「どこに住んでるの」と聞かれた。", True),
    # advances: meeting her privately, walking her home, "marry my son"
    ("sexual.invitation", "「契約の件より、Uさんと個人的に会いたいな」とSMSが来た。", True),
    ("sexual.invitation", "「家この近く?一緒に帰ろうよ、送るから」と言われた。", True),
    ("sexual.invitation", "「うちの息子の嫁に来い」と繰り返された。", True),
    ("sexual.invitation", "閉店後に「駅まで送ってあげるよ」と待っていた。", True),
    ("sexual.invitation", "責任者に会いたいので日程をください。", False),
    ("sexual.remark", "「もっと若い子に替えてよ」と言われた。", False),
    # a worker's post on her own account is no exposure of her
    ("privacy.exposure", "私が個人のSNSに職場の写真を投稿したところ、注意を受けました。", False),
    ("privacy.exposure", "名札と顔を撮られ、その写真がSNSに投稿された。", True),
    # a thing's or a place's photo or name is not the employee's
    ("privacy.exposure", "返品しないなら、この店の名前とやりとりをネットに全部晒す。", False),
    ("privacy.exposure", "店の名前と担当した店員の名前をネットに書いてやる。", True),
    ("privacy.exposure", "壊れた箇所の写真付きでレビューに書きます。", False),
    ("privacy.exposure", "担当者の名前と写真付きでSNSに投稿します。", True),
    ("privacy.exposure", "倉庫の写真をインスタに上げていると聞きました。", False),
    ("privacy.exposure", "SNSに店内の写真を載せたのは誰かと聞かれた。", False),
    ("privacy.exposure", "SNSにあの店員の写真を載せてやる。", True),
    ("privacy.exposure", "この写真はXにも投稿しました。", False),
    ("privacy.name_threat", "謝罪がなければ病院の名前をネットに出します。", False),
    ("privacy.name_threat", "謝罪がなければ看護師の名前をネットに出します。", True),
    # private_life: a company's address, and "wherever she lives" as a concession
    ("privacy.private_life", "御社の住所は分かってるからな。", False),
    ("privacy.private_life", "お前の住所は分かってるからな。", True),
    ("privacy.private_life", "あの人がどこに住んでいようが関係ない。", False),
    # Katakana words that contain a shorter word: ホチキス is no kiss.
    ("sexual.touching", "店長に無理やりキスをされそうになった。", True),
    ("sexual.touching", "机の上のホチキスを投げつけた。", False),
    # restraint.after_hours: a deadline today is no after-hours demand
    ("restraint.after_hours", "深夜にも電話がかかってきて、何度も対応させられた。", True),
    ("restraint.after_hours", "何度でもかける。今日中に返事をしろと言われた。", False),
    # romantic contact at night: privacy, not restraint (contract §6.9)
    ("privacy.romantic_night_contact", ROMANTIC_NIGHT_CALLS, True),
    ("restraint.night_contact", ROMANTIC_NIGHT_CALLS, False),
    ("privacy.romantic_night_contact", "深夜2時までに3回電話があり、納期の確認をされた。", False),
    ("restraint.night_contact", "深夜2時までに3回電話があり、納期の確認をされた。", True),
    # intimidation.yelling: shouting a quoted line
    ("intimidation.yelling", "部長は毎回大声で、「あいつを替えろ」と言った。", True),
    ("intimidation.yelling", "大声では言えませんが、相談があります。", False),
    # privacy.stalking_home (adds safety_risk) / privacy.stalking (does not)
    ("privacy.stalking_home", "閉店後、あの客が私のアパートの前で待っていました。", True),
    ("privacy.stalking_home", "自宅までついて来られたことがあります。", True),
    ("privacy.stalking_home", "家の前で母が迎えに待っていてくれました。", False),
    ("privacy.stalking", "駅の改札で待ち伏せされていました。", True),
    ("privacy.stalking", "帰り道、後をつけられていた気がします。", True),
    ("privacy.stalking_home", "駅の改札で待ち伏せされていました。", False),
    ("privacy.stalking", "配達の予定を教えてください。", False),
    # threat.expose_if
    ("threat.expose_if", "返金しないなら、この店のことをインスタに上げるからな。", True),
    ("threat.expose_if", "応じていただけない場合は、週刊誌に持ち込みます。", True),
    ("threat.expose_if", "無理なら担当者の実名を掲示板に書き込むぞ。", True),
    ("threat.expose_if", "タダにしないなら動画をTikTokにあげる。", True),
    ("threat.expose_if", "御社の対応はネットで拝見しました。", False),
    ("threat.expose_if", "口コミには今日の対応を正直に書かせていただきます。", False),
    ("threat.expose_if", "SNSの投稿を提出してください。", False),
    # threat.know_home
    (
        "threat.know_home",
        "あなたのご自宅がどこにあるかも知っていますよ。ご家族にもお話しに伺います。",
        True,
    ),
    ("threat.know_home", "Iさんの住所は把握しております。夜道にはお気をつけください。", True),
    ("threat.know_home", "新しい住所をお知らせします。", False),
    # threat.veiled
    ("threat.veiled", "夜道にはくれぐれもお気をつけください。", True),
    ("threat.veiled", "今度来たときはお前の番だ。", True),
    ("threat.veiled", "次ミスしたらこんなもんじゃ済まないぞ。", True),
    ("threat.veiled", "断るなら後悔しますよ。", True),
    ("threat.veiled", "あいつをクビにしろ、でなきゃまた来る。", True),
    ("threat.veiled", "この業界でやっていけると思うなよ。", True),
    ("threat.veiled", "また来店します。ありがとうございました。", False),
    ("threat.veiled", "購入を後悔しています。", False),
    # privacy.ask_contact
    ("privacy.ask_contact", "あの店員の携帯の番号教えろ。", True),
    ("privacy.ask_contact", "担当さんの個人のLINEを教えてください。", True),
    ("privacy.ask_contact", "ミヤさんって下の名前なに?", True),
    ("privacy.ask_contact", "じゃあ何時に上がるかだけ教えて。", True),
    ("privacy.ask_contact", "御社の電話番号を教えてください。", False),
    # privacy.follow_film
    ("privacy.follow_film", "仕事帰りに駅まで後ろをついてくる客がいて怖い。", True),
    (
        "privacy.follow_film",
        "男性がマンションのエントランスの前に立っていた。怖くて帰れない。",
        True,
    ),
    ("privacy.follow_film", "男性客が棚の陰からスマホを向けてくる。", True),
    ("privacy.follow_film", "荷物を自宅まで届けてください。", False),
    ("privacy.follow_film", "お客様が車の後を追ってきた。", False),
    # privacy.name_posted
    ("privacy.name_posted", "スタッフの顔写真が無断で投稿されていた。", True),
    ("privacy.name_posted", "動画のタイトルにオペレーターのフルネームが入っていた。", True),
    ("privacy.name_posted", "私用スマートフォンを提出して中身を確認させろと言われた。", True),
    ("privacy.name_posted", "投稿は実名アカウントで行われていた。", False),
    # discrimination: words that only demean age, mocked accents, "女の人って…向いてない"
    ("discrimination.age_slur", "あんな老いぼれを受付に置くな。", True),
    ("discrimination.age_slur", "老人ホームの面会時間について伺います。", False),
    ("discrimination.accent", "あの人、訛りがひどくて聞いてられない。", True),
    ("discrimination.accent", "方言の研究をしている学生です。", False),
    ("discrimination.sex", "女の人ってこういう計算は根本的に向いてないよね。", True),
    ("discrimination.sex", "女の人が対応してくれて安心しました。", False),
    ("discrimination.age", "50過ぎのおばさんには新しいシステムは覚えられないでしょう。", True),
    ("discrimination.age", "50過ぎの母が新しいシステムを覚えました。", False),
    ("discrimination.health_family", "障害のある人は窓口に置くな。", True),
    ("discrimination.health_family", "障害のある方への合理的配慮を確認した。", False),
    # responsibility_shift: the customer admits its own gap and still blames one person
    (
        "flag.responsibility_shift.admitted_gap",
        "改訂版の周知は行っておりませんでした。Kさんの確認不足が原因です。",
        True,
    ),
    (
        "flag.responsibility_shift.admitted_gap",
        "改訂版の周知は行っておりませんでした。手順を見直します。",
        False,
    ),
    (
        "flag.responsibility_shift.admitted_gap",
        "テンプレートが更新されていなかった。当社のミスです。請求は半日分にします。",
        False,
    ),
    # accusations made before the checks, and hearsay passed on as fact
    (
        "flag.unsubstantiated_accusation.before_checking",
        "機械の点検はまだですが、Tさんの操作ミスであることは明らかです。",
        True,
    ),
    (
        "flag.unsubstantiated_accusation.before_checking",
        "機械の点検はまだですが、結果が出しだいご報告します。",
        False,
    ),
    (CERTAINTY, "何人もの社員が言っているので事実だと思います。", True),
    (CERTAINTY, "何人もの社員が言っているので、事実かどうか確認してください。", False),
    (CERTAINTY, "ほかに触る人はいないはずです。あの店員がやったんでしょう。", True),
    # "…する根拠はない" disputes a charge; a consumer may cancel her own contract
    (
        "flag.unsubstantiated_accusation.assertion",
        "全額こちらが負担する根拠はないはずです。",
        False,
    ),
    ("flag.unsubstantiated_accusation.assertion", "証拠はないが、あの店員が盗った。", True),
    ("flag.business_leverage.stop_business", "8日以内なら初期契約解除できるはずですよね。", False),
    ("flag.business_leverage.stop_business", "対応しないなら取引は全部やめる。", True),
    # sexual.explicit: arousal, underwear, a confession of love, eyes on the body
    ("sexual.explicit", "電話口で「今どんな下着つけてるの」と聞かれた。", True),
    ("sexual.explicit", "下着売り場の場所を聞かれたので案内した。", False),
    ("sexual.explicit", "「あなたに恋をしています」という手紙を渡された。", True),
    ("sexual.explicit", "会計中、胸元をじろじろ見られた。", True),
    ("sexual.explicit", "お客様は興奮して大声を出した。", False),
    ("sexual.invitation", "「今度二人で飲みに行きませんか」と言われた。", True),
    ("sexual.invitation", "課の皆で飲みに行こうという話になった。", False),
    # threat.veiled: the story spread among peers, the employee's family reached
    ("threat.veiled", "業界は狭いですから、よくお考えください。", True),
    ("threat.veiled", "狭い業界ですが、今後ともよろしくお願いします。", False),
    ("threat.veiled", "旦那さんの職場にも奥さんの仕事ぶりを伝えておくから。", True),
    ("threat.veiled", "ご家族もお元気そうで何よりでした。", False),
    ("threat.veiled", "あいつがどこの現場でも使えんように話を回しておく。", True),
    # abuse.more_insults: contempt words the list lacked
    ("abuse.more_insults", "あんな底辺の派遣が偉そうに説明するな。", True),
    ("abuse.more_insults", "三角形の底辺の長さを求める問題です。", False),
    ("abuse.more_insults", "採血が下手くそな看護師だ。", True),
    ("abuse.more_insults", "泥棒を雇っている店なんて最悪だ。", True),
    ("abuse.more_insults", "店に泥棒が入ったので警察を呼んだ。", False),
    ("abuse.more_insults", "君みたいなのがいると迷惑なんだよ。", True),
    # a hand held or an arm pulled "for me" is kindness or a rescue
    ("sexual.touching", "看護師さんが手を握って話を聞いてくださいました。", False),
    ("sexual.touching", "客に手を握ってこられ、やめてくださいと言った。", True),
    ("violence.body_contact", "先輩が私の腕を引っ張って通路に戻してくれました。", False),
    ("violence.body_contact", "客に腕を強く引っ張られ、転びそうになった。", True),
    # privacy.name_threat
    ("privacy.name_threat", "応じない場合は、先生の実名と顔写真をネットに出します。", True),
    ("privacy.name_threat", "担当者の名前を教えてください。", False),
    # restraint.night_contact
    ("restraint.night_contact", "課長から毎晩のように社用携帯に電話がある。", True),
    ("restraint.night_contact", "夜23時以降や土日にメッセージが届く。", True),
    ("restraint.night_contact", "本人の携帯に連絡しろ、寝てても起こせ。", True),
    ("restraint.night_contact", "来るまで朝までかけ続けるからな。", True),
    ("restraint.night_contact", "リリースまでの土日をすべて出勤していただくこと。", True),
    ("restraint.night_contact", "平日の10時に一度だけお電話しました。", False),
    # restraint.held
    ("restraint.held", "社長は「俺が終わりと言うまで終わらない」と言った。", True),
    ("restraint.held", "男性が車の前から動かず、発車できなかった。", True),
    ("restraint.held", "今すぐ本人を連れて来いと電話があった。", True),
    ("restraint.held", "来週、本人と一緒に伺います。", False),
    # excessive_demand.individual_pay
    (
        "excessive_demand.individual_pay",
        "破損の代金はご本人様から当社宛てに振り込んでください。",
        True,
    ),
    ("excessive_demand.individual_pay", "弁償額はRさんご本人に分割でお支払いいただきたい。", True),
    ("excessive_demand.individual_pay", "返金はご本人の口座に振り込みます。", False),
    # excessive_demand.signed_statement
    (
        "excessive_demand.signed_statement",
        "反省文を手書きで書いて、本人の署名と拇印を押して持ってこい。",
        True,
    ),
    ("excessive_demand.signed_statement", "再発防止策を文書でご提出ください。", False),
    # excessive_demand.free_or_solatium
    ("excessive_demand.free_or_solatium", "来月のコースを二人分タダで出して。", True),
    ("excessive_demand.free_or_solatium", "返金と、迷惑料として10万円。", True),
    ("excessive_demand.free_or_solatium", "もちろん残業代なんか出さない。", True),
    ("excessive_demand.free_or_solatium", "不良品なので交換をお願いします。", False),
    # excessive_demand.joined_dismissal
    (
        "excessive_demand.joined_dismissal",
        "Yさんの懲戒解雇と、違約金500万円のお支払いを求めます。",
        True,
    ),
    ("excessive_demand.joined_dismissal", "Yさんの処分についてご検討ください。", False),
    # flag.responsibility_shift.own_control_gap
    (
        "flag.responsibility_shift.own_control_gap",
        "鍵箱は半年前から錠が壊れたままです。それなのにあなたがなくしたに決まっていると言われました。",
        True,
    ),
    (
        "flag.responsibility_shift.own_control_gap",
        "手順について伺うと「見て覚えてもらった。書いたものはない」。Pさんの責任ですとのこと。",
        True,
    ),
    (
        "flag.responsibility_shift.own_control_gap",
        "鍵箱の錠が壊れたままなので修理をお願いします。",
        False,
    ),
    # flag.responsibility_shift.even_if
    ("flag.responsibility_shift.even_if", "設定がどうであれ、見たのはKだ。", True),
    (
        "flag.responsibility_shift.even_if",
        "担当のミスだとしても、tがチェックしていれば防げた。",
        True,
    ),
    ("flag.responsibility_shift.even_if", "いずれにせよ、来週ご連絡します。", False),
    # flag.unsubstantiated_accusation.by_timing
    (
        "flag.unsubstantiated_accusation.by_timing",
        "Bさんが夜勤に入られるようになってから現金がなくなることが始まった。",
        True,
    ),
    ("flag.unsubstantiated_accusation.by_timing", "入社してから三年が経ちました。", False),
    # flag.unsubstantiated_accusation.guess
    ("flag.unsubstantiated_accusation.guess", "たぶんLさんだと思う。", True),
    ("flag.unsubstantiated_accusation.guess", "Bさんが関わっていると考えざるを得ません。", True),
    ("flag.unsubstantiated_accusation.guess", "どうせ仮病だろ。", True),
    ("flag.unsubstantiated_accusation.guess", "たぶん明日には届くと思います。", False),
    # flag.unsubstantiated_accusation.unheard
    ("flag.unsubstantiated_accusation.unheard", "本人に話を聞く必要はありません。", True),
    (
        "flag.unsubstantiated_accusation.unheard",
        "Lさんには何も言わず、こっそり別の学校に移して。",
        True,
    ),
    (
        "flag.unsubstantiated_accusation.unheard",
        "聞き取り結果を聞くこともなく虐待だと主張した。",
        True,
    ),
    ("flag.unsubstantiated_accusation.unheard", "本人から事情を伺ったうえでご報告します。", False),
    # flag.business_leverage.if_not_business
    (
        "flag.business_leverage.if_not_business",
        "ご対応が難しいようでしたら、来期の契約更新にあたって他社様との比較も検討せざるを得ません。",
        True,
    ),
    (
        "flag.business_leverage.if_not_business",
        "処分の報告が来るまで、派遣料金は一切払いません。",
        True,
    ),
    (
        "flag.business_leverage.if_not_business",
        "若いのにしろ。できないなら御社とは終わりだ。",
        True,
    ),
    (
        "flag.business_leverage.if_not_business",
        "改善されない場合も、取引を打ち切るつもりはありません。",
        False,
    ),
    (
        "flag.business_leverage.if_not_business",
        "改善されない場合は、契約書第9条に基づき契約の見直しをご相談します。",
        False,
    ),
    # flag.worker_selection.replace_on_ground
    ("flag.worker_selection.replace_on_ground", "何かあったら面倒なんだよ。健常者に替えて。", True),
    ("flag.worker_selection.replace_on_ground", "二度と外国人は寄越さないでください。", True),
    (
        "flag.worker_selection.replace_on_ground",
        "もう少し華やかな雰囲気の方がいい。来週からはほかの方に入れ替えていただきたい。",
        True,
    ),
    (
        "flag.worker_selection.replace_on_ground",
        "契約書の業務内容にある資格をお持ちの方に替えていただけますか。",
        False,
    ),
    ("flag.worker_selection.replace_on_ground", "Aさんを別の人に替えてください。", False),
    # abuse.demeaning_reference
    ("abuse.demeaning_reference", "配達したあのクズをもう一回よこせ。", True),
    ("abuse.demeaning_reference", "あのじじいを辞めさせろ。", True),
    ("abuse.demeaning_reference", "お前が確認しないからだ。派遣はこれだから困る。", True),
    ("abuse.demeaning_reference", "このゴミ袋を回収してください。", False),
    ("abuse.demeaning_reference", "派遣の方にはいつも助けられています。", False),
]


@pytest.mark.parametrize(("rule", "text", "expected"), RULE_CASES)
def test_rule_fires(rule: str, text: str, expected: bool) -> None:
    assert (rule in fired(text)) is expected, fired(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("毎日来店される。まだ商品が届かないとのこと。", False),
        ("同じお客様から5回の入電。内容は「まだお湯がぬるい」。", False),
        ("同じお客様から一日に8回の入電。内容はすべて同じ。", True),
    ],
)
def test_unresolved_follow_ups_are_not_persistence(text: str, expected: bool) -> None:
    ids = fired(text)
    assert any(i.startswith("persistent.") for i in ids) is expected, ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("店員に「バカじゃないの」と言われました。", True),
        ("御社のドライバーから「邪魔だ」と怒鳴られた。", True),
        ("お客様から「バカじゃないの」と言われました。", False),
        ("店員に「ありがとう」と伝えた。", False),
        # staff seen or overheard saying it to someone
        ("警備員の若い男性が、子どもに「うるせえガキだ」と怒鳴っているのを見ました。", True),
        ("店員さんが、私が立ち止まったときに「どけよ」と言ったのが聞こえました。", True),
        ("お客様が店員に「どけよ」と怒鳴っているのを見ました。", False),
        ("店員が説明すると、お客様が「ふざけるな」と怒鳴るのが聞こえた。", False),
    ],
)
def test_staff_quoted(text: str, expected: bool) -> None:
    norm = normalize(text).text
    start = norm.index("「")
    end = norm.index("」") + 1
    assert _staff_quoted(norm, (start, end)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "店員に「バカじゃないの」と言われました。改善をお願いします。",
        "電話口で部長が部下に「このバカ」と怒鳴っていた(当社に向けたものではない)。",
        "昨日、駅の係員が高校生に「このバカ」「役立たず」と怒鳴っているのを見かけました。",
    ],
)
def test_words_not_aimed_at_the_staff_are_not_abuse(text: str) -> None:
    assert not any(i.startswith("abuse.") for i in fired(text)), fired(text)


def test_words_aimed_at_the_staff_are_abuse() -> None:
    assert any(i.startswith("abuse.") for i in fired("お客様に「このバカ」と怒鳴られた。"))
