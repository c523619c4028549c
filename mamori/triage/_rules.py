"""Loading and matching the rules in ``rules/*.toml``.

Each TOML file holds the rules of one area as an array of tables::

    [[rules]]
    id = "violence.strike"            # unique, stable: stored with findings
    label = "violence"                # a category, flag or topic id, or for
    kind = "category"                 #   kind "demand"/"means" a value of that axis
    patterns = ['殴(?:ら|り|っ|る)']   # regexes over the NFKC-normalised text
    lemma_patterns = ['(?<= )殴る ']   # regexes over the lemma stream (tokens
                                      #   are separated by single spaces)
    requires = ['客|お客']             # optional: one must match in the window
    excludes = ['ゲーム']              # optional: none may match in the window
    window = [0, 0]                   # sentences before/after the match's sentence
    negation = true                   # a negated predicate does not fire
    conditional = false               # fire inside "もし…たら" clauses?
    weight = 0.9                      # confidence of the finding (0-1)
    unless = ["violence"]             # optional: dropped when these labels are found
    also = ["safety_risk"]            # optional: the hit is evidence for these too
    explanation_ja = "…"
    explanation_en = "…"
    basis = "MHLW カスタマーハラスメント対策企業マニュアル"

Every pattern must begin with a definite set of characters (a literal, a
class or an alternation of such): the matcher scans the text once with one
big alternation keyed on those first characters, which runs at C speed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined,unused-ignore]
from re import _parser as sre_parse  # type: ignore[attr-defined,unused-ignore]
from typing import Any

from ._exceptions import ModelError
from ._labels import CATEGORIES, DEMAND_VALIDITIES, FLAGS, MEANS, TOPICS

__all__ = ["Match", "Rule", "RuleSet", "load_rules"]

RULES_DIR = Path(__file__).with_name("rules")

_KINDS: dict[str, tuple[str, ...]] = {
    "category": CATEGORIES,
    "flag": FLAGS,
    "topic": TOPICS,
    "demand": DEMAND_VALIDITIES,
    "means": MEANS,
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: patterns that point at a label, with the context they need."""

    id: str
    label: str
    kind: str
    patterns: tuple[re.Pattern[str], ...]
    lemma_patterns: tuple[re.Pattern[str], ...]
    requires: re.Pattern[str] | None
    excludes: re.Pattern[str] | None
    window: tuple[int, int]
    negation: bool
    conditional: bool
    weight: float
    unless: tuple[str, ...]
    also: tuple[str, ...]
    explanation_ja: str
    explanation_en: str
    basis: str


@dataclass(frozen=True, slots=True)
class Match:
    """A raw pattern hit in the normalised text, before context checks."""

    rule: Rule
    start: int
    end: int


@dataclass
class _Index:
    """A prefilter regex and the patterns to try where it hits.

    The prefilter is one character class of every character a pattern can
    start with; sre finds those positions at C speed. At each, the patterns
    are looked up by the first two characters (or by the first one when the
    second is open) and matched exactly, so overlapping hits are all found.
    """

    prefilter: re.Pattern[str] | None = None
    by_char: dict[str, list[tuple[Rule, re.Pattern[str]]]] = field(default_factory=dict)
    by_pair: dict[str, list[tuple[Rule, re.Pattern[str]]]] = field(default_factory=dict)
    follow: dict[str, set[str] | None] = field(default_factory=dict)
    combined_char: dict[str, _Combined] = field(default_factory=dict)
    combined_pair: dict[str, _Combined] = field(default_factory=dict)

    def add(self, rule: Rule, rx: re.Pattern[str], where: str) -> None:
        starts = _starts(list(sre_parse.parse(rx.pattern)))
        if not starts:
            raise ModelError(
                f"{where}: pattern {rx.pattern!r} must start with a literal, a character "
                "class or an alternation of those"
            )
        pairs: dict[str, set[str] | None] = {}
        for first, rest in starts:
            second = None if rest is None else _first_chars(rest)
            if second is None or pairs.get(first, set()) is None:
                pairs[first] = None
                continue
            bucket = pairs.setdefault(first, set())
            if bucket is not None:
                bucket.update(second)
        for first, seconds in pairs.items():
            known = self.follow.get(first, set())
            if seconds is None or len(seconds) > 60:
                self.by_char.setdefault(first, []).append((rule, rx))
                self.follow[first] = None
                continue
            for follower in seconds:
                self.by_pair.setdefault(first + follower, []).append((rule, rx))
            if known is not None:
                self.follow[first] = known | seconds

    def compile(self) -> None:
        # One character class of every possible first character: sre tests
        # it with a bitmap, far faster than an alternation of many branches.
        firsts = "".join(re.escape(c) for c in sorted(self.follow))
        self.prefilter = re.compile(f"[{firsts}]") if firsts else None
        # All patterns sharing a key run in one match call: each sits in an
        # optional look-ahead with its own capture group, whose span tells
        # whether (and how far) that pattern matched at the position.
        # Compiling the three thousand combinations took most of the engine's
        # start-up, and a text touches a few dozen keys: each is compiled on
        # its first match (compile_all() builds every one, for the tests).
        self.combined_char = _lazy_table(self.by_char)
        self.combined_pair = _lazy_table(self.by_pair)

    def compile_all(self) -> None:
        for table in (self.combined_char, self.combined_pair):
            for rx, _slots in list(table.values()):
                if isinstance(rx, _LazyCombined):
                    rx.compile()

    def scan(self, text: str) -> list[tuple[Rule, int, int]]:
        hits: list[tuple[Rule, int, int]] = []
        if self.prefilter is None:
            return hits
        seen: set[tuple[str, int]] = set()
        by_char = self.combined_char
        by_pair = self.combined_pair
        for m in self.prefilter.finditer(text):
            p = m.start()
            for combined in (by_char.get(text[p]), by_pair.get(text[p : p + 2])):
                if combined is None:
                    continue
                rx, slots = combined
                mm = rx.match(text, p)
                if mm is None:
                    continue
                regs = mm.regs
                for group, rule in slots:
                    end = regs[group][1]
                    if end <= p:
                        continue
                    key = (rule.id, p)
                    if key in seen:
                        continue
                    seen.add(key)
                    hits.append((rule, p, end))
        return hits


class _LazyCombined:
    """Stands in its table until its key first matters; then the compiled pattern replaces it."""

    __slots__ = ("key", "slots", "source", "table")

    def __init__(
        self, table: dict[str, _Combined], key: str, source: str, slots: list[tuple[int, Rule]]
    ) -> None:
        self.table, self.key, self.source, self.slots = table, key, source, slots

    def compile(self) -> re.Pattern[str]:
        rx = re.compile(self.source)
        self.table[self.key] = (rx, self.slots)
        return rx

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        return self.compile().match(text, pos)


_Combined = tuple[re.Pattern[str] | _LazyCombined, list[tuple[int, Rule]]]


def _lazy_table(groups: dict[str, list[tuple[Rule, re.Pattern[str]]]]) -> dict[str, _Combined]:
    table: dict[str, _Combined] = {}
    for key, entries in groups.items():
        parts: list[str] = []
        slots: list[tuple[int, Rule]] = []
        group = 0
        for rule, rx in entries:
            group += 1
            slots.append((group, rule))
            parts.append(f"(?:(?=({rx.pattern}))|)")
            group += rx.groups
        table[key] = (_LazyCombined(table, key, "".join(parts), slots), slots)
    return table


# (first character, parsed items that follow it or None when unknown)
_Starts = list[tuple[str, "list[Any] | None"]]


def _class_chars(av: Any) -> set[str] | None:
    chars: set[str] = set()
    c = sre_constants
    for sub_op, sub_av in av:
        if sub_op is c.LITERAL:
            chars.add(chr(sub_av))
        elif sub_op is c.RANGE and sub_av[1] - sub_av[0] <= 400:
            chars.update(chr(x) for x in range(sub_av[0], sub_av[1] + 1))
        else:  # negated classes, categories (\d, \s): unbounded
            return None
    return chars


def _starts(items: list[Any]) -> _Starts | None:
    """Each character a parsed pattern can start with, and what follows it.

    ``None`` as the result means the pattern has no bounded set of first
    characters (or can match the empty string).
    """
    if not items:
        return None
    op, av = items[0]
    c = sre_constants
    rest = items[1:]
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return _starts(rest)  # zero-width: the first character comes after it
    if op is c.LITERAL:
        return [(chr(av), rest)]
    if op is c.IN:
        chars = _class_chars(av)
        return None if chars is None else [(ch, rest) for ch in sorted(chars)]
    if op is c.SUBPATTERN:
        return _starts(list(av[-1]) + rest)
    if op is c.BRANCH:
        out: _Starts = []
        for branch in av[1]:
            sub = _starts(list(branch) + rest)
            if sub is None:
                return None
            out.extend(sub)
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, hi, sub_pattern = av
        # One pass through the repeated item, then whatever repeats remain,
        # then the rest of the pattern.
        remaining_hi = hi if hi == c.MAXREPEAT else hi - 1
        again = [(op, (max(lo - 1, 0), remaining_hi, sub_pattern))] if remaining_hi != 0 else []
        once = _starts(list(sub_pattern) + again + rest)
        if once is None:
            return None
        if lo >= 1:
            return once
        after = _starts(rest)
        return None if after is None else once + after
    return None


def _first_chars(items: list[Any]) -> set[str] | None:
    """Characters a parsed pattern can start with; None if unbounded."""
    starts = _starts(items)
    return None if starts is None else {ch for ch, _ in starts}


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ModelError(f"{where}: bad regex {pattern!r}: {exc}") from exc


@dataclass(frozen=True)
class RuleSet:
    """All rules, compiled, with the two prefilter indexes."""

    rules: tuple[Rule, ...]
    text_index: _Index
    lemma_index: _Index
    files: tuple[str, ...]

    def scan(
        self, text: str, lemma_text: str
    ) -> tuple[list[tuple[Rule, int, int]], list[tuple[Rule, int, int]]]:
        """Raw hits in the normalised text and in the lemma stream."""
        return self.text_index.scan(text), self.lemma_index.scan(lemma_text)

    def by_id(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _str_list(raw: dict[str, Any], key: str, where: str) -> list[str]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ModelError(f"{where}: {key} must be a string or a list of strings")
    return value


def _also(raw: dict[str, Any], where: str) -> tuple[str, ...]:
    labels = _str_list(raw, "also", where)
    for label in labels:
        if label not in CATEGORIES + FLAGS:
            raise ModelError(f"{where}: also = {label!r} is not a category or flag")
    return tuple(labels)


def _parse_rule(raw: dict[str, Any], where: str) -> Rule:
    known = {
        "id",
        "label",
        "kind",
        "patterns",
        "lemma_patterns",
        "requires",
        "excludes",
        "window",
        "negation",
        "conditional",
        "weight",
        "unless",
        "also",
        "explanation_ja",
        "explanation_en",
        "basis",
    }
    unknown = set(raw) - known
    if unknown:
        raise ModelError(f"{where}: unknown keys {sorted(unknown)}")
    rule_id = raw.get("id")
    kind = raw.get("kind")
    label = raw.get("label")
    if not isinstance(rule_id, str) or not rule_id:
        raise ModelError(f"{where}: every rule needs an id")
    where = f"{where} [{rule_id}]"
    if kind not in _KINDS:
        raise ModelError(f"{where}: kind must be one of {sorted(_KINDS)}")
    if label not in _KINDS[kind]:
        raise ModelError(f"{where}: {label!r} is not a {kind} label")
    patterns = _str_list(raw, "patterns", where)
    lemma_patterns = _str_list(raw, "lemma_patterns", where)
    if not patterns and not lemma_patterns:
        raise ModelError(f"{where}: no patterns")
    requires = _str_list(raw, "requires", where)
    excludes = _str_list(raw, "excludes", where)
    window = raw.get("window", [0, 0])
    if (
        not isinstance(window, list)
        or len(window) != 2
        or not all(isinstance(w, int) and 0 <= w <= 20 for w in window)
    ):
        raise ModelError(f"{where}: window must be [before, after] sentence counts")
    weight = raw.get("weight", 0.8)
    if not isinstance(weight, int | float) or not 0 < weight <= 1:
        raise ModelError(f"{where}: weight must be in (0, 1]")
    for key in ("explanation_ja", "explanation_en"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise ModelError(f"{where}: {key} is required")
    return Rule(
        id=rule_id,
        label=label,
        kind=kind,
        patterns=tuple(_compile(p, where) for p in patterns),
        lemma_patterns=tuple(_compile(p, where) for p in lemma_patterns),
        requires=_compile("|".join(f"(?:{p})" for p in requires), where) if requires else None,
        excludes=_compile("|".join(f"(?:{p})" for p in excludes), where) if excludes else None,
        window=(window[0], window[1]),
        negation=bool(raw.get("negation", True)),
        conditional=bool(raw.get("conditional", False)),
        weight=float(weight),
        unless=tuple(_str_list(raw, "unless", where)),
        also=_also(raw, where),
        explanation_ja=raw["explanation_ja"],
        explanation_en=raw["explanation_en"],
        basis=str(raw.get("basis", "")),
    )


def build_rules(sources: list[tuple[str, str]]) -> RuleSet:
    """Compile rules from ``(name, toml_text)`` pairs."""
    rules: list[Rule] = []
    seen: set[str] = set()
    for name, source in sources:
        try:
            data = tomllib.loads(source)
        except tomllib.TOMLDecodeError as exc:
            raise ModelError(f"{name}: invalid TOML: {exc}") from exc
        raw_rules = data.get("rules", [])
        if not isinstance(raw_rules, list):
            raise ModelError(f"{name}: 'rules' must be an array of tables")
        default_basis = data.get("basis", "")
        for i, raw in enumerate(raw_rules):
            if not isinstance(raw, dict):
                raise ModelError(f"{name}: rule {i} is not a table")
            raw = dict(raw)
            raw.setdefault("basis", default_basis)
            rule = _parse_rule(raw, f"{name} rule {i}")
            if rule.id in seen:
                raise ModelError(f"{name}: duplicate rule id {rule.id!r}")
            seen.add(rule.id)
            rules.append(rule)
    text_index, lemma_index = _Index(), _Index()
    for rule in rules:
        for rx in rule.patterns:
            text_index.add(rule, rx, rule.id)
        for rx in rule.lemma_patterns:
            lemma_index.add(rule, rx, rule.id)
    text_index.compile()
    lemma_index.compile()
    return RuleSet(tuple(rules), text_index, lemma_index, tuple(name for name, _ in sources))


@lru_cache(maxsize=1)
def load_rules(directory: str | None = None) -> RuleSet:
    """Load and compile every ``*.toml`` file of the rules directory once."""
    root = Path(directory) if directory else RULES_DIR
    files = sorted(root.glob("*.toml"))
    if not files:
        raise ModelError(f"no rule files in {root}")
    sources: list[tuple[str, str]] = []
    for path in files:
        try:
            sources.append((path.name, path.read_text(encoding="utf-8")))
        except OSError as exc:
            raise ModelError(f"cannot read {path}: {exc}") from exc
    return build_rules(sources)
