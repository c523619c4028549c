"""Normalising Japanese text, cutting it into n-grams, and marking hits in snippets.

Framework-free: the index, the queries and the tests share these functions, so
a document and a query are always normalised the same way.

Matching is substring matching on NFKC-normalised, case-folded text: 全角
``ＡＢＣ`` finds ``abc``, half-width ``ﾄﾞｹﾞｻﾞ`` finds ``ドゲザ``. Queries of three
or more characters go to a trigram index; one- and two-character terms (暴言,
録音, 怒) go to an index of the unigrams and bigrams each document contains,
because a trigram index cannot answer them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html import escape

MAX_TERMS = 5
MAX_TERM_CHARS = 50

# The characters SQLite's ``ascii`` tokenizer keeps inside a token: every
# non-ASCII code point, plus ASCII letters and digits. Gram runs use the same
# rule, so each gram reaches the index as exactly one token.
_RUN = re.compile(r"[0-9a-z\u0080-\U0010ffff]+")
_SPACE = re.compile(r"\s+")

# SQLite answers terms of three or more characters from its FTS5 trigram table,
# so its gram table stops at two. PostgreSQL stores trigrams as well: they answer
# a 3-character term exactly, where pg_trgm's index is lossy for multibyte text
# and every match had to be read back and re-checked.
SQLITE_LONGEST_GRAM = 2
POSTGRES_LONGEST_GRAM = 3


def normalise(text: str) -> str:
    """NFKC, Unix line breaks and no NUL: the form in which text is indexed and shown."""
    text = unicodedata.normalize("NFKC", text.replace("\x00", ""))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def query_terms(query: str) -> list[str]:
    """The distinct search terms of a query: space-separated, all must match."""
    terms: list[str] = []
    for raw in _SPACE.split(normalise(query).strip()):
        term = fold(raw)[:MAX_TERM_CHARS]
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def is_gram_term(term: str) -> bool:
    """A 1–2 character term the gram index can answer exactly."""
    return 1 <= len(term) <= 2 and _RUN.fullmatch(term) is not None


def grams(text: str, longest: int = SQLITE_LONGEST_GRAM) -> set[str]:
    """Every distinct n-gram of ``text`` (folded) up to ``longest`` characters, within runs."""
    found: set[str] = set()
    for run in _RUN.findall(fold(text)):
        found.update(run)
        for size in range(2, longest + 1):
            found.update(run[i : i + size] for i in range(len(run) - size + 1))
    return found


def gram_string(text: str, longest: int = SQLITE_LONGEST_GRAM) -> str:
    """The grams of ``text`` as one space-separated string, sorted so it is reproducible.

    SQLite's contentless FTS5 table needs exactly the indexed string again to
    delete a row, so this must be a pure function of the text.
    """
    return " ".join(sorted(grams(text, longest)))


def term_grams(term: str, longest: int = POSTGRES_LONGEST_GRAM) -> list[str]:
    """Grams a document must contain to contain ``term``, in order; empty if it has no runs.

    A term that is one run of at most ``longest`` characters is its own gram and
    the gram answers it exactly; for any other term the grams only narrow the
    candidates, and the text itself must be checked (see ``is_exact_gram_term``).
    """
    needed: list[str] = []
    for run in _RUN.findall(term):
        if len(run) <= longest:
            pieces = [run]
        else:
            pieces = [run[i : i + longest] for i in range(len(run) - longest + 1)]
        needed.extend(piece for piece in pieces if piece not in needed)
    return needed


def is_exact_gram_term(term: str, longest: int = POSTGRES_LONGEST_GRAM) -> bool:
    """A term that is its own gram: one run of 1 to ``longest`` characters."""
    return 1 <= len(term) <= longest and _RUN.fullmatch(term) is not None


def is_caseless(term: str) -> bool:
    """No character of ``term`` has case, so matching it case-sensitively is the same."""
    return term.lower() == term == term.upper()


def fts_phrase(term: str) -> str:
    """``term`` as one quoted FTS5 phrase."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    """``%term%`` with LIKE's wildcards escaped (backslash is PostgreSQL's default escape)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class Snippet:
    """A window of text around a hit, already escaped and marked (safe HTML)."""

    html: str
    offset: int


def find_hits(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of any term in ``folded``, in order."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    """Escape ``text`` and wrap each span in ``<mark>``.

    Each piece is escaped on its own and the tags are added between the pieces,
    so no markup from the text survives and a term never matches inside an
    entity such as ``&amp;``.
    """
    out: list[str] = []
    position = 0
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def snippets(
    body: str, terms: list[str], *, width: int = 60, limit: int = 2, bounds: list[int] | None = None
) -> list[Snippet]:
    """Up to ``limit`` marked windows of ``body`` around its first hits.

    ``bounds`` are the offsets where the body's parts start: a window never
    runs into the next part, and each snippet comes from a different part.
    """
    folded = fold(body)
    hits = find_hits(folded, terms)
    starts = sorted({0, *(bounds or [])})
    result: list[Snippet] = []
    used_parts: set[int] = set()
    for start, _end in hits:
        part = max(i for i, s in enumerate(starts) if s <= start)
        if part in used_parts:
            continue
        used_parts.add(part)
        part_start = starts[part]
        part_end = starts[part + 1] if part + 1 < len(starts) else len(body)
        left = max(part_start, start - width // 3)
        right = min(part_end, left + width)
        window = body[left:right]
        local = [
            (max(s, left) - left, min(e, right) - left) for s, e in hits if s < right and e > left
        ]
        html = mark(window.strip("\n"), _shift_for_strip(window, local))
        prefix = "…" if left > part_start else ""
        suffix = "…" if right < part_end and body[right:part_end].strip() else ""
        result.append(Snippet(html=prefix + html.replace("\n", " ") + suffix, offset=start))
        if len(result) >= limit:
            break
    return result


def _shift_for_strip(window: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    lead = len(window) - len(window.lstrip("\n"))
    length = len(window.strip("\n"))
    shifted = [(max(0, s - lead), min(length, e - lead)) for s, e in spans]
    return [(s, e) for s, e in shifted if e > s]
