"""Is a matched predicate negated, hypothetical, or someone else's words?

Japanese puts negation after the predicate ("解雇を求める*ものではありません*",
"怒鳴ら*ないでください*"), so the check reads a short stretch of the same
clause after the match. Requests that happen to contain a negative form are
not negations: "処分していただけ*ません*か" and "替えてもらえ*ない*でしょうか" ask
for the thing, and "〜しかねない" ("may well") affirms it.

A writer may also take a wish back later in the sentence («土下座してほしい
くらいですが、もちろんそんなことを求めるつもりはありません»), and policies,
manuals and training notes list harassment as examples («方針では「給料泥棒」
などを不適切な例として挙げております»): neither reports an act.

Quoted speech in a memo («「クビにしろ」と言われた») is the customer's words and
counts as said; a quote that the writer denies («「クビにしろ」とは言っていない»)
does not.
"""

from __future__ import annotations

import re

__all__ = ["is_conditional", "is_disclaimed", "is_example", "is_negated"]

# Clause boundary: the scan after a match never crosses these.
_CLAUSE_STOP = "。!?\n、,」』"

# The stretch between the match and the negation may not cross a clause
# joint: in "殴られたがけがはない" the negation belongs to another predicate.
_NEGATION_AFTER = re.compile(
    r"(?:が(?:な(?:い|かった)|ありません)"
    r"|"
    rf"(?:(?!が|けど|けれど|ので|から|のに)[^{_CLAUSE_STOP}]){{0,14}}?"
    r"(?:"
    r"もの(?:では|じゃ)(?:あり|ござい|な)"
    r"|(?:つもり|意図|予定|考え|意思|必要|気)(?:は|も)(?:もちろん|決して)?(?:あり|ござい|な|毛頭|一切|全く|まったく)"
    r"|わけ(?:では|じゃ)(?:あり|ござい|な)"
    r"|こと(?:は|も)(?:あり|ござい|な|一度も)"
    r"|(?:ては|ても|では|は|も)(?:い)?(?:ない|ません|なかった|おりません)(?!か|でしょう)"
    r"|(?:は|も)(?:なし|無し|なく|見られ(?:ない|ず|なかった))"
    r"|てい(?:ない|ません)(?!か|でしょう)"
    r"|てな(?:い|かった)(?!か)"
    r"|ませんでした"
    r"|(?<!かね)ません(?!か|でしょう|と)"
    r"|ない(?:で(?:ください|下さい|ほしい|欲しい|くれ))"
    r"|(?<!かね)な(?:い|かった)(?![かとけ]|でしょう|だろう|ですか|なら|んです?か|の[?か])"
    r"|(?<![は必])ず(?![っつか])"
    r"|ぬ(?=[。、]|$)"
    r"))"
)

# The writer denies that the quoted words were said: 「…」とは言っていない.
_DENIED_QUOTE = re.compile(
    r"[」』](?:と|って|とは|とも|などと)(?:は)?(?:言|い|おっしゃ|申)"
    r"[^。!?\n、]{0,6}?(?:ない|ません|なかった)"
)

# A predicate that is only the condition of something else: "もし殴られたら".
_CONDITIONAL_AFTER = re.compile(
    rf"[^{_CLAUSE_STOP}]{{0,4}}?(?:たら|ったら|なら|ならば|れば|えば|けば|せば|てば|ねば|めば|べば|場合|としたら|とすれば)"
)
_CONDITIONAL_BEFORE = re.compile(r"(?:もし|もしも|仮に|万一|万が一)[^。!?\n]{0,30}$")


def is_negated(text: str, end: int, quote_end: int | None = None) -> bool:
    """Whether the predicate ending at ``end`` is negated.

    ``quote_end`` is the offset just past the closing bracket when the match
    sits inside quoted speech; the writer's denial after the quote counts.
    """
    if _NEGATION_AFTER.match(text, end, min(len(text), end + 24)):
        return True
    if quote_end is not None:
        close = quote_end - 1
        if _DENIED_QUOTE.match(text, close, min(len(text), close + 20)):
            return True
    return False


def is_conditional(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Whether the predicate at ``[start, end)`` is only a condition or a hypothesis."""
    if _CONDITIONAL_AFTER.match(text, end, min(len(text), end + 10)):
        return True
    return _CONDITIONAL_BEFORE.search(text, sentence_start, start) is not None


# "…ですが、もちろんそんなことを求めるつもりはありません": the wish before it
# is taken back, across the clause joint the negation check stops at.
_DISCLAIMER = re.compile(
    r"(?:そんな|そういう|そのような|それ|そこまで)(?:こと|の)?(?:を|は|まで)?[^。!?\n]{0,6}?"
    r"(?:求め|言う|言い|要求|お願い|頼む|望)[^。!?\n]{0,4}?(?:つもり|気|考え)(?:は|も)"
    r"(?:もちろん|まったく|全く|一切|毛頭|決して)?(?:あり|ござい|な)"
)

# A sentence that lists harassment as examples (a policy, a manual, training)
# or says none of them happened. Quoted words are the examples themselves,
# so only the text outside the brackets is read for these markers.
_EXAMPLE = re.compile(
    r"例示|典型例|具体例|不適切な例|例として|(?:行為|言動)の例|いずれも該当(?:しない|しません|せず|なし)"
    r"|(?:マニュアル|研修|手引き|方針|ガイドライン|指針)[^。!?\n]{0,40}?例"
)
_QUOTED = re.compile(r"「[^「」\n]*」|『[^『』\n]*』")


def is_disclaimed(text: str, end: int, sentence_end: int) -> bool:
    """Whether the rest of the sentence takes back the predicate ending at ``end``."""
    return _DISCLAIMER.search(text, end, sentence_end) is not None


def is_example(text: str, sentence_start: int, sentence_end: int) -> bool:
    """Whether the sentence lists harassment as examples rather than reporting it."""
    outside = _QUOTED.sub("", text[sentence_start:sentence_end])
    return _EXAMPLE.search(outside) is not None
