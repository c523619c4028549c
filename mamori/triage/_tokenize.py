"""One MeCab pass over the normalised text, plus sentence and quote spans.

The tagger (fugashi + IPAdic) is created once, on first use, because
loading the dictionary takes a noticeable fraction of a second. The pass
produces a *lemma stream*: every token's dictionary form, separated by
spaces, so rules can match conjugated verbs ("殴った", "殴られ", "殺して")
with one literal pattern (" 殴る ", " 殺す "). IPAdic keeps a kana-spelt
verb in kana ("なぐった" → "なぐる"), so rules list both spellings.

IPAdic rather than UniDic (unidic-lite): the rules need only dictionary
forms, which both give, and IPAdic's dictionary is a fifth of the size
(53 MB against 260 MB mapped into every process that triages) and parses
faster; see docs/triage.md, "Morphological analyser".
"""

from __future__ import annotations

import os
import re
import shlex
import threading
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from ._exceptions import ModelError

__all__ = ["Sentences", "Tokens", "dictionary_args", "quote_spans", "sentences", "tokenize"]

_tagger: Any = None
_tagger_lock = threading.Lock()

# MeCab writes each token as "<space + surface>US<surface>US<lemma>RS" (IPAdic's
# seventh field is the dictionary form; unknown words get none) and "#" at the end, in
# one C call instead of a Python node object per token. The end mark keeps
# fugashi's trailing-whitespace strip away from the last token's fields.
_RS, _US, _END = "\x1e", "\x1f", "#"
_FIELDS = re.compile(f"[{_RS}{_US}]")
# The separators cannot come from the text, and NUL would end MeCab's C
# string: each becomes a space first (same length, so offsets hold), which
# MeCab skips like any other space.
_UNSAFE = (_RS, _US, "\x00")
_UNSAFE_TO_SPACE = str.maketrans(dict.fromkeys(_UNSAFE, " "))


def dictionary_args() -> str:
    """MeCab arguments selecting the packaged IPAdic dictionary.

    Shared with the other users of the analyser (masking, the benchmark), so
    a process maps one dictionary, whoever asks first.
    """
    import ipadic

    dicdir = ipadic.DICDIR
    return f"-r {shlex.quote(os.path.join(dicdir, 'mecabrc'))} -d {shlex.quote(dicdir)}"


def _get_tagger() -> Any:
    global _tagger
    if _tagger is None:
        with _tagger_lock:
            if _tagger is None:
                try:
                    # imported here: the dictionary load is slow
                    import fugashi

                    _tagger = fugashi.GenericTagger(
                        f"{dictionary_args()} -O '' -B '' -E '{_END}' "
                        f"-F '%M{_US}%m{_US}%f[6]{_RS}' -U '%M{_US}%m{_US}{_RS}'"
                    )
                except Exception as exc:  # noqa: BLE001 - any failure means no dictionary
                    raise ModelError(
                        f"The MeCab dictionary could not be loaded: {exc}",
                        message_ja="形態素解析の辞書(ipadic)を読み込めませんでした。",
                    ) from exc
    return _tagger


@dataclass(frozen=True, slots=True)
class Tokens:
    """The lemma stream of a text and the map from it back to the text.

    ``lemma_text`` is ``" lemma1 lemma2 ... "``; token ``i`` occupies
    ``lemma_text[lemma_starts[i]:lemma_starts[i] + len(lemma_i)]`` and
    ``text[starts[i]:ends[i]]`` of the normalised text.
    """

    lemma_text: str
    lemma_starts: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.starts)

    def span_to_text(self, lstart: int, lend: int) -> tuple[int, int]:
        """Map a span of the lemma stream to the normalised text.

        The span is widened to whole tokens; separators at its edges are
        ignored.
        """
        if not self.starts:
            return 0, 0
        first = max(bisect_right(self.lemma_starts, lstart) - 1, 0)
        last = max(bisect_right(self.lemma_starts, max(lend - 1, lstart)) - 1, first)
        # A match that begins on the separator before a token starts there.
        if lstart < len(self.lemma_text) and self.lemma_text[lstart] == " ":
            first = min(first + 1, last) if self.lemma_starts[first] < lstart else first
        return self.starts[first], self.ends[last]


def _clean_lemma(lemma: str) -> str:
    """The lemma as rules spell it, or "" when the token's surface stands in."""
    if not lemma or lemma == "*":
        return ""
    return lemma.replace(" ", "")


# Lemmas repeat across tokens and texts (particles, auxiliaries, common
# verbs), so each is cleaned once; the cap keeps memory bounded.
_LEMMAS: dict[str, str] = {}
_LEMMAS_MAX = 200_000


def _lemma(raw: str) -> str:
    lemma = _LEMMAS.get(raw)
    if lemma is None:
        lemma = _clean_lemma(raw)
        if len(_LEMMAS) < _LEMMAS_MAX:
            _LEMMAS[raw] = lemma
    return lemma


def tokenize(text: str) -> Tokens:
    """Run MeCab once over ``text`` (already normalised)."""
    if any(ch in text for ch in _UNSAFE):
        text = text.translate(_UNSAFE_TO_SPACE)
    fields = _FIELDS.split(_get_tagger().parse(text))
    if fields[-1] != _END or len(fields) % 3 != 1:
        raise ModelError(
            "MeCab's output did not have the expected format",
            message_ja="形態素解析の結果を読み取れませんでした。",
        )
    del fields[-1]
    spaced, surfaces = fields[0::3], fields[1::3]
    lemmas = [_lemma(lm) or sf for lm, sf in zip(fields[2::3], surfaces, strict=True)]
    ends = list(accumulate(map(len, spaced)))
    starts = [e - len(sf) for e, sf in zip(ends, surfaces, strict=True)]
    if ends and "".join(spaced) != text[: ends[-1]]:
        # MeCab skipped characters it treats as space without reporting them;
        # find each surface instead.
        pos = 0
        starts, ends = [], []
        for sf in surfaces:
            found = text.find(sf, pos)
            start = found if found >= 0 else pos
            starts.append(start)
            pos = start + len(sf)
            ends.append(pos)
    lemma_starts = [0, *accumulate(len(lm) + 1 for lm in lemmas)][:-1]
    return Tokens(
        " " + " ".join(lemmas) + " ",
        tuple(x + 1 for x in lemma_starts),
        tuple(starts),
        tuple(ends),
    )


# A sentence ends after 。!? (with any closing brackets that follow) or at a
# line break; bullets start new lines in memos, so lines are sentences too.
_SENTENCE_END = re.compile(r"[。!?]+[」』)\]]*|\n+")


@dataclass(frozen=True, slots=True)
class Sentences:
    """Sentence spans of a normalised text, searchable by offset."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def index(self, pos: int) -> int:
        """The index of the sentence holding ``pos``."""
        return max(bisect_right(self.starts, pos) - 1, 0)

    def span(self, pos: int, before: int = 0, after: int = 0) -> tuple[int, int]:
        """The span of the sentence holding ``pos`` widened by whole sentences."""
        i = self.index(pos)
        lo = max(i - before, 0)
        hi = min(i + after, len(self.starts) - 1)
        return self.starts[lo], self.ends[hi]


def sentences(text: str) -> Sentences:
    """Split a normalised text into sentences."""
    starts = [0]
    ends: list[int] = []
    for m in _SENTENCE_END.finditer(text):
        ends.append(m.end())
        starts.append(m.end())
    ends.append(len(text))
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()
        ends.pop()
        ends[-1] = len(text)
    return Sentences(tuple(starts), tuple(ends))


_QUOTE = re.compile(r"「[^「」\n]*」|『[^『』\n]*』|\"[^\"\n]*\"")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech ``「…」`` including the brackets."""
    return [m.span() for m in _QUOTE.finditer(text)]
