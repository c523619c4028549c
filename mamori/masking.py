"""Masking personal data in Japanese text for exports and reports.

No Japanese masker on the package registries fits here: Presidio and GiNZA
need spaCy models fetched from a model hub, and none of them knows a case's
own parties. So three layers are combined, each catching what the others miss:

1. the case's known names (parties, staff, contacts), longest first, with the
   surname alone when a full name is known;
2. the morphological analyser (IPAdic via fugashi, already used by triage):
   tokens tagged 名詞・固有名詞・人名;
3. patterns: e-mail addresses, phone numbers (half- and full-width digits),
   postal codes, street addresses starting with a prefecture, and initials
   standing for a person ("Rさん", "Ｋ様"), which no dictionary knows.

Pure Python: imports no Django.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["MASK_ADDRESS", "MASK_EMAIL", "MASK_NAME", "MASK_PHONE", "MASK_POSTAL", "mask_text"]

MASK_NAME = "〇〇"
MASK_EMAIL = "[メール]"
MASK_PHONE = "[電話番号]"
MASK_POSTAL = "[郵便番号]"
MASK_ADDRESS = "[住所]"

_DIGIT = "[0-9０-９]"
_DASH = "[-‐－ー―−]"
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
PHONE = re.compile(
    rf"(?:\+81{_DASH}?|(?<![0-9０-９])[0０])(?:{_DIGIT}{{1,4}}{_DASH}?){{2}}{_DIGIT}{{3,4}}"
    rf"(?![0-9０-９])"
    rf"|\({_DIGIT}{{2,5}}\){_DIGIT}{{1,4}}{_DASH}{_DIGIT}{{4}}"
)
POSTAL = re.compile(
    rf"〒\s*{_DIGIT}{{3}}{_DASH}?{_DIGIT}{{4}}|(?<![0-9０-９]){_DIGIT}{{3}}{_DASH}{_DIGIT}{{4}}(?![0-9０-９])"
)
# A lone Latin letter before an honorific: reps write "派遣スタッフのRさん".
_LATIN = "A-Za-zＡ-Ｚａ-ｚ"
INITIAL = re.compile(rf"(?<![{_LATIN}])[{_LATIN}](?=\s?(?:さん|様(?!式)|さま|氏|君|くん|ちゃん))")
PREFECTURE = r"(?:東京都|北海道|(?:京都|大阪)府|[^\s、。，,]{2,3}県)"
ADDRESS = re.compile(
    PREFECTURE
    + r"[^\s、。，,「」()()]{1,24}?"
    + rf"(?:{_DIGIT}+|[一二三四五六七八九十]+)(?:丁目|番地|番|号|{_DASH})"
    + r"(?:[0-9０-９一二三四五六七八九十丁目番地号\-‐－ー―−]*)"
)


@lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    import fugashi

    from mamori.triage._tokenize import dictionary_args

    return fugashi.GenericTagger(dictionary_args())


def _name_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for word in _tagger()(text):
        surface = word.surface
        start = text.find(surface, position)
        if start < 0:
            continue
        position = start + len(surface)
        # IPAdic features: part of speech, then three subdivisions.
        feature = word.feature
        if feature[1:3] == ("固有名詞", "人名"):
            spans.append((start, position))
    return spans


def _known_name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    variants: set[str] = set()
    for name in names:
        cleaned = unicodedata.normalize("NFKC", name).strip()
        if not cleaned:
            continue
        variants.add(cleaned)
        variants.add(name.strip())
        parts = re.split(r"[\s　]+", cleaned)
        if len(parts) > 1:
            variants.add("".join(parts))
            variants.update(p for p in parts if len(p) >= 2)
    variants.discard("")
    if not variants:
        return None
    ordered = sorted(variants, key=len, reverse=True)
    return re.compile("|".join(re.escape(v) for v in ordered))


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for start, end, token in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, token))
    return merged


def mask_text(text: str, known_names: Iterable[str] = ()) -> str:
    """Replace names, e-mail addresses, phone numbers, postal codes and addresses."""
    if not text:
        return text
    spans: list[tuple[int, int, str]] = []
    for pattern, token in (
        (EMAIL, MASK_EMAIL),
        (ADDRESS, MASK_ADDRESS),
        (POSTAL, MASK_POSTAL),
        (PHONE, MASK_PHONE),
    ):
        spans += [(m.start(), m.end(), token) for m in pattern.finditer(text)]
    known = _known_name_pattern(known_names)
    if known is not None:
        spans += [(m.start(), m.end(), MASK_NAME) for m in known.finditer(text)]
    spans += [(start, end, MASK_NAME) for start, end in _name_spans(text)]
    spans += [(m.start(), m.end(), MASK_NAME) for m in INITIAL.finditer(text)]
    out: list[str] = []
    cursor = 0
    for start, end, token in _merge(spans):
        out.append(text[cursor:start])
        out.append(token)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)
