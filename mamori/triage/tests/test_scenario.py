"""The shared scenario: a client demands the dismissal of a dispatched worker.

Retold here in our own words (docs: /work/shared/scenarios/
staffing-security-accusation.md): the first meeting is needs_review with four
red flags; continued pressure turns it into harassment.
"""

from __future__ import annotations

from mamori.triage import triage

FIRST_REPORT = """【営業日報】H社 新任課長との面談
・課長の主張:Rさんが共有フォルダから顧客データのExcelを自分のPCにコピーした(ログに記録あり)。\
何らかの方法で社外に持ち出したようだ。雇用主として御社はRさんをどう処分するのか。
・総務部にはまだ伝えていないとのこと。表沙汰になれば御社は重い責任を問われ、\
当社との取引を失うことにもなりかねないので、御社のためを思って言っている。\
この件は私と御社の間で処理したい。
・Rさんが何のためにファイルを持ち出したのかは、御社で調べてほしい。
→ 取り決めどおり総務部にも報告し、Rさんの話を聞いたうえで四者で解決したいと提案した。
"""

FOLLOW_UP = """【営業日報・続報】
・翌日から課長は当社に1日に6回電話してきて、「Rを今日中にクビにしろ」と30分以上怒鳴り続けた。
"""


def test_the_first_report_needs_review_with_its_red_flags() -> None:
    result = triage(FIRST_REPORT)
    assert result.verdict == "needs_review"
    assert result.categories == ()
    assert {
        "dismissal_demand",
        "channel_bypass",
        "unsubstantiated_accusation",
        "business_leverage",
    } <= set(result.flags)
    assert "security" in result.topics
    assert result.means != "unacceptable"


def test_continued_pressure_makes_it_harassment() -> None:
    result = triage(FIRST_REPORT + FOLLOW_UP)
    assert result.verdict == "customer_harassment"
    assert "excessive_demand" in result.categories
    assert "persistent" in result.categories
    assert result.means == "unacceptable"
