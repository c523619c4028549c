"""A synthetic case for tests, previews and the benchmark.

Retold from /work/shared/scenarios/staffing-security-accusation.md: a client's
new manager demands that the agency dismiss a dispatched worker over an alleged
security incident. ``entries`` beyond the six of the story are filler
follow-ups, so long reports can be produced.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ._model import (
    Action,
    CaseReport,
    Entry,
    EvidenceItem,
    FindingView,
    InstalmentRef,
    Point,
    TriageSummary,
)

__all__ = ["JST", "sample_report"]

JST = timezone(timedelta(hours=9), "JST")

_STORY: tuple[tuple[int, int, str, str, tuple[str, ...], str, tuple[str, ...]], ...] = (
    (
        8,
        40,
        "メール",
        "受信",
        ("H社 新任課長",),
        "H社の新任課長から営業の会社携帯にメール。Rさんがセキュリティ事故を起こしたので"
        "解雇してほしいとの内容。",
        ("Rさんがセキュリティ事故を起こしました。至急解雇してください。",),
    ),
    (
        10,
        15,
        "電話",
        "発信",
        ("Rさん", "営業 佐藤"),
        "新任課長への挨拶訪問の準備という名目でRさんに電話。\n"
        "変わったことは特にないとのこと。口調からも本心と思われる。",
        ("特に変わりはありません。新しい課長にも慣れてきました。",),
    ),
    (
        14,
        0,
        "面談",
        "訪問",
        ("H社 新任課長", "営業 佐藤"),
        "同日、新任課長と面談。興奮気味。主張は次のとおり。\n"
        "・共有フォルダから顧客データのExcelを自分のPCにコピーした（ログあり）\n"
        "・何らかの方法で社外に持ち出したようだ\n"
        "・雇用主として派遣会社はどう処分するのか",
        (
            "ログを見ればコピーしたのは明らかです。",
            "御社は雇用主としてRさんをどう処分するつもりですか。",
        ),
    ),
    (
        14,
        30,
        "面談",
        "訪問",
        ("H社 新任課長", "営業 佐藤"),
        "営業の疑問：取り決めでは総務部と現場から同時に連絡が来るはずだが総務部から連絡がない。"
        "またRさんが顧客リストを持ち出す動機が見当たらない。\n"
        "課長の回答：総務部にはまだ伝えていない。表沙汰になれば御社は取引停止もありうるので、"
        "御社のためを思って自分と御社の間で収めたい。",
        (
            "総務には言っていません。表に出たら御社との取引もなくなりますよ。",
            "何のために持ち出したかは御社が調べることでしょう。",
        ),
    ),
    (
        14,
        50,
        "面談",
        "訪問",
        ("H社 新任課長", "営業 佐藤"),
        "営業からの提案：配慮に感謝しつつ、当社に不利であっても取り決めどおり総務部に報告する。"
        "Rさんの話も聞く。現場（課長）・総務部・Rさん・当社の四者で解決したい。",
        (),
    ),
    (
        15,
        5,
        "面談",
        "訪問",
        ("H社 新任課長", "営業 佐藤"),
        "課長は立腹。当社がRさんをどう処分するのかを知りたいだけだと繰り返す。（続編に続く）",
        ("そんなことはいいから、どう処分するのかだけ答えてください。",),
    ),
)


def _entries(count: int, start: datetime) -> list[Entry]:
    entries = []
    for i in range(count):
        if i < len(_STORY):
            hour, minute, channel, direction, people, summary, quotes = _STORY[i]
            at = start.replace(hour=hour, minute=minute)
        else:
            n = i - len(_STORY) + 1
            at = start.replace(hour=9) + timedelta(days=1 + n // 3, hours=(n % 3) * 3)
            channel, direction = ("電話", "受信") if n % 2 else ("メール", "発信")
            people = ("H社 総務部", "営業 佐藤")
            summary = (
                f"フォローアップ{n}回目。総務部と事実確認の進め方を協議。"
                "アクセスログの提出範囲と、共有フォルダの権限設定の確認手順を相談した。\n"
                "次回までに派遣契約書のインシデント条項を確認する。"
            )
            quotes = (f"ログの抽出には{n}日ほどかかります。",) if n % 2 else ()
        entries.append(
            Entry(
                at=at,
                channel_label=channel,
                direction_label=direction,
                participants=people,
                summary=summary,
                quotes=quotes,
            )
        )
    return entries


def sample_report(
    *,
    entries: int = 6,
    instalment: int = 1,
    lang: str = "ja",
    wareki: bool = True,
    masked: bool = False,
) -> CaseReport:
    """The security-accusation case with ``entries`` course-of-events entries."""
    start = datetime(2026, 11, 20, 8, 40, tzinfo=JST)
    timeline = _entries(entries, start)
    return CaseReport(
        title="派遣先課長からのスタッフ解雇要求（情報セキュリティ）",
        case_number="C-2026-0012",
        kind_label="派遣先からのクレーム",
        status_label="対応中",
        severity=3,
        report_date=date(2026, 11, 21),
        author="営業 佐藤",
        company_name="マモリスタッフ株式会社",
        client_name="H株式会社",
        department_name="カスタマーサポート部 第二課",
        worker_names=["Rさん"],
        instalment=instalment,
        previous_instalments=[
            InstalmentRef(
                number=n,
                date=date(2026, 11, 21) - timedelta(days=7 * (instalment - n)),
                url_or_none=f"/cases/12/reports/{n}/",
            )
            for n in range(1, instalment)
        ],
        period_start=timeline[0].at if timeline else None,
        period_end=timeline[-1].at if timeline else None,
        background=[
            "Rさん（30代女性、当社雇用）はH社に派遣されて約2年。現場ではベテランと見られている。",
            "H社でRさんを担当する課長が3か月前に交代。前任の課長はRさんを高く評価していた。",
            "新任課長はH社社員2名と派遣スタッフ5名（Rさんを含む）を管理。",
            "ある朝、新任課長から営業の会社携帯に「Rさんがセキュリティ事故を起こしたので"
            "解雇してほしい」とのメール。",
            "H社は大企業で、総務部が派遣スタッフ全体を管轄。取り決めにより、派遣スタッフが"
            "関わるセキュリティ事故は総務部と現場から同時に当社へ報告される。",
        ],
        customer_points=[
            Point(text="「セキュリティ事故」とは具体的に何か。", status="open"),
            Point(
                text="派遣契約ではなく、当社の雇用に関わる「解雇」という言葉を使う理由。",
                status="open",
                comment="文字どおりなら雇用を終わらせるほど重大な事故と主張していることになる。",
            ),
            Point(
                text="面談前に、Rさんが同意した情報セキュリティ関連の取り決めを揃える"
                "（就業規則・誓約書・H社配布のセキュリティ資料）。",
                status="done",
                comment="ないと「言ったもん勝ち」になる。",
            ),
            Point(
                text="本来は会社の管理で防ぐべきことを個人に負わせていないか。",
                status="dismissed",
                comment="今回は該当しないと判断。",
            ),
        ],
        worker_points=[
            Point(text="課長の主張が不明なうちはRさんに伝えない（不安にさせるだけ）。"),
            Point(
                text="関係が許す範囲で、別の名目で困りごとがないか軽く聞く。",
                status="done",
                comment="挨拶訪問の準備という名目で電話済み。",
            ),
        ],
        entries=timeline,
        next_actions=[
            Action(
                title="H社総務部へ取り決めどおり報告", assignee="営業 佐藤", due=date(2026, 11, 24)
            ),
            Action(
                title="Rさんから事情を聴取（上長同席）",
                assignee="営業課長 田中",
                due=date(2026, 11, 25),
            ),
            Action(title="就業規則・誓約書の写しを準備", assignee="営業 佐藤", done=True),
            Action(title="四者面談（現場・総務部・Rさん・当社）の日程調整", assignee="営業 佐藤"),
        ],
        triage=TriageSummary(
            verdict_label="要確認（needs_review）",
            categories=[],
            flags=[
                "解雇・処罰の要求",
                "正規窓口の回避・内密処理の要求",
                "根拠なき断定",
                "取引を盾にした圧力",
            ],
            topics=["情報セキュリティ・個人情報"],
            severity=3,
            findings=[
                FindingView(
                    label="解雇・処罰の要求",
                    quote="至急解雇してください。",
                    explanation="派遣先には派遣労働者の解雇を求める権限がない。",
                    rule="flag.dismissal_demand.kaiko",
                ),
                FindingView(
                    label="正規窓口の回避・内密処理の要求",
                    quote="総務には言っていません。",
                    explanation="取り決めた報告経路（総務部）を避けている。",
                    rule="flag.channel_bypass.naimitsu",
                ),
                FindingView(
                    label="取引を盾にした圧力",
                    quote="表に出たら御社との取引もなくなりますよ。",
                    explanation="取引停止を示唆して要求を通そうとしている。",
                    rule="flag.business_leverage.torihiki",
                ),
            ],
        ),
        evidence=[
            EvidenceItem(name="共有フォルダのアクセスログ", status="missing"),
            EvidenceItem(name="共有フォルダの権限設定", status="missing"),
            EvidenceItem(
                name="当社就業規則・誓約書（Rさん署名）",
                status="attached",
                sha256="9f2c" + "0a1b" * 15,
            ),
            EvidenceItem(
                name="H社配布の情報セキュリティ資料", status="attached", sha256="41d7" + "c3e9" * 15
            ),
            EvidenceItem(
                name="派遣契約書（インシデント条項）",
                status="attached",
                sha256="07aa" + "5e2f" * 15,
            ),
        ],
        lang="en" if lang == "en" else "ja",
        wareki=wareki,
        masked=masked,
    )
