"""NFKC normalisation that remembers where each character came from.

Rules and the model read the normalised text (full-width Latin letters and
digits become ASCII, half-width katakana become full-width, ``！`` becomes
``!``), but findings must point into the text as the user gave it. The
:class:`Normalized` object keeps a sparse map of the places where the length
changed, so mapping a span back costs one bisect.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Normalized", "normalize"]

# Equal-length substitutions applied after NFKC: dash and tilde look-alikes
# that NFKC leaves alone but that Japanese writers use interchangeably.
_AFTER_NFKC = str.maketrans(
    {
        "〜": "~",  # WAVE DASH
        "～": "~",
        "―": "-",
        "‐": "-",
        "−": "-",
        "–": "-",
        "—": "-",
        "ｰ": "ー",
    }
)


@lru_cache(maxsize=1)
def _length_changing_chars() -> re.Pattern[str]:
    """A regex matching characters after which offsets may shift.

    When a text has none of them, NFKC maps it character by character and the
    offset map is the identity: the common case, handled at C speed.
    """
    chars: set[str] = set(_VOICED_MARKS)
    ranges = [(0x80, 0x10000), (0x1D400, 0x1D800), (0x1F100, 0x1F300)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            if 0xD800 <= cp < 0xE000:
                continue
            ch = chr(cp)
            if unicodedata.combining(ch) or len(unicodedata.normalize("NFKC", ch)) != 1:
                chars.add(ch)
    body = "".join(re.escape(c) for c in sorted(chars))
    # Hangul jamo compose into syllables without a combining class.
    return re.compile(f"[{body}\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\ud7b0-\ud7ff]")


_AFTER_NFKC_KEYS = tuple(chr(k) for k in _AFTER_NFKC)
_VOICED_MARKS = "\uff9e\uff9f\u3099\u309a"


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text with a map back to the original offsets.

    ``units`` lists, in order, the pieces whose length changed, as
    ``(norm_start, norm_end, orig_start, orig_end)``. Between pieces the two
    texts advance together, so any offset maps by a constant shift.
    """

    original: str
    text: str
    _norm_starts: tuple[int, ...]
    _units: tuple[tuple[int, int, int, int], ...]

    def start_to_original(self, pos: int) -> int:
        """Map a normalised start offset to the original text."""
        i = bisect_right(self._norm_starts, pos) - 1
        if i < 0:
            return pos
        ns, ne, os_, oe = self._units[i]
        if pos < ne:
            return os_
        return pos - ne + oe

    def end_to_original(self, pos: int) -> int:
        """Map a normalised end offset (exclusive) to the original text."""
        if pos <= 0:
            return 0
        i = bisect_right(self._norm_starts, pos - 1) - 1
        if i < 0:
            return pos
        ns, ne, os_, oe = self._units[i]
        if pos <= ne:
            return oe
        return pos - ne + oe

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` span to the original text."""
        return self.start_to_original(start), self.end_to_original(end)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_AFTER_NFKC)


def normalize(text: str) -> Normalized:
    """NFKC-normalise ``text`` keeping an offset map back to it."""
    if text.isascii():
        return Normalized(text, text, (), ())
    changing = _length_changing_chars()
    if changing.search(text) is None:
        fast = _nfkc(text)
        if len(fast) == len(text):
            return Normalized(text, fast, (), ())
    pieces: list[str] = []
    units: list[tuple[int, int, int, int]] = []
    npos = 0  # length of the normalised text built so far
    last = 0  # end of the original text consumed so far

    def plain(a: int, b: int) -> None:
        # Text between length-changing characters maps one to one.
        nonlocal npos
        if a >= b:
            return
        seg = _nfkc(text[a:b])
        if len(seg) != b - a:  # cannot happen for BMP text; stay correct anyway
            units.append((npos, npos + len(seg), a, b))
        pieces.append(seg)
        npos += len(seg)

    for m in re.finditer(changing.pattern + "+", text):
        a, b = m.span()
        # A combining mark composes with the character before it, so that
        # character joins the run.
        if a > last and (unicodedata.combining(text[a]) or text[a] in _VOICED_MARKS):
            a -= 1
        plain(last, a)
        run = text[a:b]
        parts = [_nfkc(c) for c in run]
        whole = _nfkc(run)
        if "".join(parts) == whole:
            # Character by character: only the ones whose length changed
            # become units, the rest keep the running shift.
            for k, part in enumerate(parts):
                if len(part) != 1:
                    units.append((npos, npos + len(part), a + k, a + k + 1))
                pieces.append(part)
                npos += len(part)
        else:
            # Composition across characters (half-width kana with a voiced
            # mark, jamo): the whole run maps as one unit.
            units.append((npos, npos + len(whole), a, b))
            pieces.append(whole)
            npos += len(whole)
        last = b
    plain(last, len(text))
    return Normalized(text, "".join(pieces), tuple(u[0] for u in units), tuple(units))
