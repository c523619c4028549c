"""Loading and matching the rules in ``rules/*.toml``.

Each TOML file holds the rules of one area as an array of tables::

    [[rules]]
    id = "violence.strike"            # unique, stable: stored with findings
    label = "violence"                # a category, flag or topic id, or for
    kind = "category"                 #   kind "demand"/"means" a value of that axis
    patterns = ['殴(?:ら|り|っ|る)']   # regexes over the NFKC-normalised text
    lemma_patterns = [' 殴る ']        # regexes over the lemma stream
    requires = ['客|お客']             # optional: one must match in the window
    excludes = ['ゲーム']              # optional: none may match in the window
    window = [0, 0]                   # sentences before/after the match's sentence
    negation = true                   # a negated predicate does not fire
    conditional = false               # fire inside "もし…たら" clauses?
    weight = 0.9                      # confidence of the finding (0-1)
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
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
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
    """One prefilter regex and, per first character, the patterns to try."""

    prefilter: re.Pattern[str] | None = None
    by_char: dict[str, list[tuple[Rule, re.Pattern[str]]]] = field(default_factory=dict)

    def scan(self, text: str) -> list[tuple[Rule, int, int]]:
        hits: list[tuple[Rule, int, int]] = []
        if self.prefilter is None:
            return hits
        seen: set[tuple[str, int]] = set()
        by_char = self.by_char
        for m in self.prefilter.finditer(text):
            p = m.start()
            for rule, rx in by_char.get(text[p], ()):
                mm = rx.match(text, p)
                if mm is None or mm.end() == p:
                    continue
                key = (rule.id, p)
                if key in seen:
                    continue
                seen.add(key)
                hits.append((rule, p, mm.end()))
        return hits


def _first_chars(items: list[Any]) -> set[str] | None:
    """Characters a parsed pattern can start with; None if unbounded."""
    if not items:
        return None
    op, av = items[0]
    c = sre_constants
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is c.LITERAL:
                chars.add(chr(sub_av))
            elif sub_op is c.RANGE and sub_av[1] - sub_av[0] <= 400:
                chars.update(chr(x) for x in range(sub_av[0], sub_av[1] + 1))
            else:
                return None
        return chars
    if op is c.SUBPATTERN:
        return _first_chars(list(av[-1]) + items[1:])
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            sub = _first_chars(list(branch) + items[1:])
            if sub is None:
                return None
            out |= sub
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, _hi, sub_pattern = av
        first = _first_chars(list(sub_pattern))
        if first is None:
            return None
        if lo >= 1:
            return first
        rest = _first_chars(items[1:])
        return None if rest is None else first | rest
    return None


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ModelError(f"{where}: bad regex {pattern!r}: {exc}") from exc


def _add(index: _Index, branches: list[str], rule: Rule, rx: re.Pattern[str], where: str) -> None:
    first = _first_chars(list(sre_parse.parse(rx.pattern)))
    if not first:
        raise ModelError(
            f"{where}: pattern {rx.pattern!r} must start with a literal, a character "
            "class or an alternation of those"
        )
    for ch in sorted(first):
        index.by_char.setdefault(ch, []).append((rule, rx))
    # Each branch starts with a literal so that sre scans for the first
    # characters at C speed; the look-behind runs the real pattern without
    # consuming it, so overlapping hits of other rules are still found.
    for ch in sorted(first):
        branches.append(f"{re.escape(ch)}(?<=(?={rx.pattern}).)")


@dataclass(frozen=True)
class RuleSet:
    """All rules, compiled, with the two prefilter indexes."""

    rules: tuple[Rule, ...]
    text_index: _Index
    lemma_index: _Index
    files: tuple[str, ...]

    def scan(self, text: str, lemma_text: str) -> tuple[
        list[tuple[Rule, int, int]], list[tuple[Rule, int, int]]
    ]:
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


def _parse_rule(raw: dict[str, Any], where: str) -> Rule:
    known = {
        "id", "label", "kind", "patterns", "lemma_patterns", "requires", "excludes",
        "window", "negation", "conditional", "weight", "explanation_ja",
        "explanation_en", "basis",
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
    text_branches: list[str] = []
    lemma_branches: list[str] = []
    for rule in rules:
        for rx in rule.patterns:
            _add(text_index, text_branches, rule, rx, rule.id)
        for rx in rule.lemma_patterns:
            _add(lemma_index, lemma_branches, rule, rx, rule.id)
    if text_branches:
        text_index.prefilter = re.compile("|".join(text_branches))
    if lemma_branches:
        lemma_index.prefilter = re.compile("|".join(lemma_branches))
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
