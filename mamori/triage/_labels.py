"""Label ids of the triage contract with their Japanese and English names.

The ids are the contract (docs: /work/shared/spec/triage.md); the display
names and descriptions are for people and may be reworded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "CATEGORIES",
    "DEMAND_VALIDITIES",
    "FLAGS",
    "LABELS",
    "MEANS",
    "TOPICS",
    "VERDICTS",
    "LabelInfo",
    "explain",
    "label_name",
]

LabelKind = Literal["category", "flag", "topic", "verdict", "demand_validity", "means"]


@dataclass(frozen=True, slots=True)
class LabelInfo:
    """Display data of one label id."""

    id: str
    kind: LabelKind
    ja: str
    en: str
    description_ja: str
    description_en: str


_TABLE: tuple[LabelInfo, ...] = (
    # Behaviour categories (any one makes the text customer harassment).
    LabelInfo(
        "violence",
        "category",
        "暴力・暴行",
        "Violence",
        "殴る・蹴る・物を投げつける・物を壊すなどの身体への攻撃や、殴ると脅すこと。",
        "Physical attack, throwing or breaking things, threatening to hit.",
    ),
    LabelInfo(
        "threat",
        "category",
        "脅迫・威嚇",
        "Threat",
        "危害を加える、ただではおかない、SNSで晒す、虚偽の通報をするなどの脅し。",
        "Threats of harm, to expose someone, to spread things on social media or to "
        "report falsely.",
    ),
    LabelInfo(
        "abuse",
        "category",
        "暴言・侮辱・人格否定",
        "Abuse",
        "侮辱、罵倒、人格や存在を否定する言葉、名誉毀損。",
        "Insults, shouted abuse, denying a person's worth, defamation.",
    ),
    LabelInfo(
        "intimidation",
        "category",
        "威圧的言動",
        "Intimidation",
        "長時間怒鳴る、机を叩く、取り囲む、にらみつけるなど、威圧して従わせようとする言動。",
        "Yelling for a long time, banging the desk, surrounding or glaring to pressure.",
    ),
    LabelInfo(
        "excessive_demand",
        "category",
        "過剰・不合理な要求",
        "Excessive demand",
        "契約や事実を超える要求:土下座、不当な金品、特定の従業員の処分・解雇、"
        "個人名義の謝罪文、範囲を大きく超えるサービスなど。",
        "Demands beyond what the contract or facts justify: dogeza, unjustified money or goods, "
        "punishment of a named employee, an apology signed by an individual, service far "
        "beyond scope.",
    ),
    LabelInfo(
        "persistent",
        "category",
        "継続的・執拗な言動",
        "Persistent conduct",
        "新しい根拠のない同じ要求の繰り返し、1日に何度もの電話やメール。",
        "The same demand repeated without new grounds; many calls or mails a day.",
    ),
    LabelInfo(
        "restraint",
        "category",
        "時間的・場所的拘束",
        "Restraint",
        "本人の意思に反する長時間の電話・面談、呼び出し、居座り、勤務時間外の業務連絡。",
        "Long calls or meetings against the employee's will, summoning, sitting in, "
        "contact outside working hours.",
    ),
    LabelInfo(
        "discrimination",
        "category",
        "差別的言動",
        "Discrimination",
        "性別、国籍、出身、年齢、障害、病気、信条などに関する差別的な発言。",
        "Remarks on sex, nationality, origin, age, disability, illness or creed.",
    ),
    LabelInfo(
        "sexual",
        "category",
        "性的言動",
        "Sexual harassment",
        "性的な発言、身体への接触、私的な食事や個室への誘い、連絡先の要求。",
        "Sexual remarks, touching, asking for private meetings or contact details.",
    ),
    LabelInfo(
        "privacy",
        "category",
        "プライバシー侵害・晒し",
        "Privacy violation",
        "従業員の氏名や写真を投稿する・投稿すると言う、つきまとい、私的な連絡、"
        "病歴など私的な情報の詮索。",
        "Posting or threatening to post an employee's name or photo, stalking, private "
        "contact, prying into private matters.",
    ),
    # Red flags.
    LabelInfo(
        "dismissal_demand",
        "flag",
        "解雇・処罰の要求",
        "Dismissal demand",
        "取引先が供給元の従業員の解雇・処分を求めている。派遣先には派遣労働者の雇用に"
        "関する権限はなく、協議できるのは派遣契約のみ。",
        "The customer asks the supplier to dismiss or punish its own employee; a client "
        "may discuss the dispatch contract, never the worker's employment.",
    ),
    LabelInfo(
        "channel_bypass",
        "flag",
        "正規窓口の回避・内密処理の要求",
        "Channel bypass",
        "取り決めた窓口(総務、契約上の連絡経路、上長)を通さない、または内密の処理を求める。",
        "The customer avoids the agreed channel or asks to keep the matter between "
        "the two of them.",
    ),
    LabelInfo(
        "unsubstantiated_accusation",
        "flag",
        "根拠なき断定",
        "Unsubstantiated accusation",
        "証拠を示さずに不正を事実と断定する、本人に弁明の機会を与えない。",
        "Wrongdoing asserted as fact with no evidence, or with no chance for the worker "
        "to explain.",
    ),
    LabelInfo(
        "business_leverage",
        "flag",
        "取引を盾にした圧力",
        "Business leverage",
        "取引停止・発注削減・違約金などをちらつかせて要求を通そうとする。",
        "Threats to stop business, cut orders or impose penalties to force a demand.",
    ),
    LabelInfo(
        "responsibility_shift",
        "flag",
        "責任の一方的転嫁",
        "Responsibility shift",
        "入館証・権限・共有フォルダ・承認手順など、顧客側の管理の不備を個人の責任にしている。",
        "A failure of the customer's own controls is put on one individual.",
    ),
    LabelInfo(
        "worker_selection",
        "flag",
        "特定・差別的な交替要求",
        "Worker selection",
        "年齢・性別・婚姻・国籍・容姿・組合活動など、派遣法上許されない理由での交替要求。",
        "Asking to replace a worker on a ground the dispatch law forbids (age, sex, "
        "marital status, nationality, looks, union activity).",
    ),
    LabelInfo(
        "safety_risk",
        "flag",
        "身体の危険",
        "Safety risk",
        "身体への接触、凶器、殺害・傷害の予告、自宅へのつきまとい。警察・避難・ケアを最優先に。",
        "Immediate danger to someone's body: police, evacuation and care come first.",
    ),
    # Topics.
    LabelInfo(
        "attendance",
        "topic",
        "勤怠",
        "Attendance",
        "遅刻・欠勤・休暇・離席など。",
        "Lateness, absence, leave.",
    ),
    LabelInfo(
        "conduct",
        "topic",
        "勤務態度・言動",
        "Conduct",
        "勤務中の態度や言動。",
        "Behaviour and manner at work.",
    ),
    LabelInfo(
        "skill",
        "topic",
        "業務遂行・スキル",
        "Skill",
        "業務のミスや能力。",
        "Mistakes and ability at work.",
    ),
    LabelInfo(
        "security",
        "topic",
        "情報セキュリティ・個人情報",
        "Security",
        "情報漏えい、個人情報、入館証、アカウントなど。",
        "Information leaks, personal data, badges, accounts.",
    ),
    LabelInfo(
        "contract",
        "topic",
        "契約・条件",
        "Contract",
        "契約内容、就業条件、交替、更新など。",
        "Contract terms, working conditions, replacement, renewal.",
    ),
    LabelInfo(
        "billing",
        "topic",
        "請求・料金",
        "Billing",
        "請求、料金、支払い、返金など。",
        "Invoices, fees, payments, refunds.",
    ),
    LabelInfo(
        "quality",
        "topic",
        "品質・サービス",
        "Quality",
        "商品・納品物・サービスや接客の品質。",
        "Quality of products, deliverables, service.",
    ),
    LabelInfo(
        "other",
        "topic",
        "その他",
        "Other",
        "上記に当てはまらないもの、苦情を伴わないハラスメントの相談。",
        "Anything else, including harassment reports with no complaint behind them.",
    ),
    # Verdicts.
    LabelInfo(
        "legitimate_complaint",
        "verdict",
        "正当なクレーム",
        "Legitimate complaint",
        "要求内容が妥当で手段も相当。問題を改善し、顧客の声として扱う。",
        "A valid complaint made by acceptable means: fix the problem.",
    ),
    LabelInfo(
        "needs_review",
        "verdict",
        "要確認",
        "Needs review",
        "事実関係が不明確、要求の一部に疑問、または注意すべき兆候がある。",
        "Facts unclear or mixed, or red flags with no harassment yet.",
    ),
    LabelInfo(
        "customer_harassment",
        "verdict",
        "カスタマーハラスメント",
        "Customer harassment",
        "手段・態様が社会通念上不相当。まず従業員を守る。",
        "The means are clearly unacceptable: protect the employee first.",
    ),
    # The two axes of the MHLW judgement.
    LabelInfo(
        "valid",
        "demand_validity",
        "妥当",
        "Valid",
        "改善すべき実際の問題がある。",
        "There is a real problem to fix.",
    ),
    LabelInfo(
        "invalid",
        "demand_validity",
        "妥当でない",
        "Invalid",
        "要求に根拠がない。",
        "The demand has no basis.",
    ),
    LabelInfo(
        "unclear",
        "demand_validity",
        "不明",
        "Unclear",
        "判断する材料が足りない。",
        "Not enough facts to judge.",
    ),
    LabelInfo(
        "acceptable",
        "means",
        "相当",
        "Acceptable",
        "手段・態様は社会通念上相当。",
        "The means are socially acceptable.",
    ),
    LabelInfo(
        "unacceptable",
        "means",
        "不相当",
        "Unacceptable",
        "手段・態様が社会通念上不相当。",
        "The means are not socially acceptable.",
    ),
    LabelInfo(
        "unclear",
        "means",
        "不明",
        "Unclear",
        "判断する材料が足りない。",
        "Not enough facts to judge.",
    ),
)

LABELS: dict[tuple[str, str], LabelInfo] = {(info.kind, info.id): info for info in _TABLE}


def _ids(kind: LabelKind) -> tuple[str, ...]:
    return tuple(info.id for info in _TABLE if info.kind == kind)


CATEGORIES: tuple[str, ...] = _ids("category")
FLAGS: tuple[str, ...] = _ids("flag")
TOPICS: tuple[str, ...] = _ids("topic")
VERDICTS: tuple[str, ...] = _ids("verdict")
DEMAND_VALIDITIES: tuple[str, ...] = _ids("demand_validity")
MEANS: tuple[str, ...] = _ids("means")

# Label ids are unique across categories, flags, topics and verdicts, so most
# callers can look one up by id alone; "unclear" is shared by the two axes and
# means the same thing on both.
_BY_ID: dict[str, LabelInfo] = {}
for _info in _TABLE:
    _BY_ID.setdefault(_info.id, _info)


def _lookup(label: str) -> LabelInfo:
    try:
        return _BY_ID[label]
    except KeyError:
        raise KeyError(f"unknown triage label: {label!r}") from None


def label_name(label: str, lang: str = "ja") -> str:
    """The display name of a label id, in Japanese unless ``lang`` is "en"."""
    info = _lookup(label)
    return info.en if lang == "en" else info.ja


def explain(label: str, lang: str = "ja") -> str:
    """What a label id covers, in Japanese unless ``lang`` is "en"."""
    info = _lookup(label)
    return info.description_en if lang == "en" else info.description_ja
