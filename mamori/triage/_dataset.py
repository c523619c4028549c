"""Reading labelled JSONL corpora and the fixed held-out split.

Used by the training, evaluation and benchmark scripts; the engine itself
never reads a corpus.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ._labels import CATEGORIES, DEMAND_VALIDITIES, FLAGS, MEANS, TOPICS, VERDICTS

__all__ = ["MODEL_COLUMNS", "Example", "columns_of", "fold_of", "is_holdout", "read_jsonl"]

# One output column of the model per label value; see _model.py.
MODEL_COLUMNS: tuple[str, ...] = (
    *(f"verdict:{v}" for v in VERDICTS),
    *(f"demand:{v}" for v in DEMAND_VALIDITIES),
    *(f"means:{v}" for v in MEANS),
    *(f"category:{c}" for c in CATEGORIES),
    *(f"flag:{f}" for f in FLAGS),
    *(f"topic:{t}" for t in TOPICS),
)


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled text."""

    id: str
    text: str
    verdict: str
    demand_validity: str
    means: str
    categories: tuple[str, ...]
    flags: tuple[str, ...]
    topics: tuple[str, ...]
    source: str = ""


def columns_of(example: Example) -> set[str]:
    """The model columns that are positive for an example."""
    cols = {
        f"verdict:{example.verdict}",
        f"demand:{example.demand_validity}",
        f"means:{example.means}",
    }
    cols.update(f"category:{c}" for c in example.categories)
    cols.update(f"flag:{f}" for f in example.flags)
    cols.update(f"topic:{t}" for t in example.topics)
    return cols


def is_holdout(example_id: str, folds: int = 5) -> bool:
    """The fixed held-out fifth of a corpus, chosen by a hash of the id.

    Stable while files grow, so the held-out figures stay comparable; the
    rules were written without reading these items.
    """
    digest = hashlib.sha1(example_id.encode("utf-8")).hexdigest()  # noqa: S324 - not security
    return int(digest, 16) % folds == 0


def fold_of(example_id: str, folds: int) -> int:
    """Cross-validation fold of an id (independent of the held-out split)."""
    digest = hashlib.sha256(example_id.encode("utf-8")).hexdigest()
    return int(digest, 16) % folds


def _examples(lines: Iterable[str], source: str) -> Iterator[Example]:
    for lineno, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            row = json.loads(line)
            labels = row["labels"]
            yield Example(
                id=str(row["id"]),
                text=str(row["text"]),
                verdict=labels["verdict"],
                demand_validity=labels["demand_validity"],
                means=labels["means"],
                categories=tuple(labels.get("categories", [])),
                flags=tuple(labels.get("flags", [])),
                topics=tuple(labels.get("topics", [])),
                source=source,
            )
        except (ValueError, KeyError, TypeError) as exc:
            # A file still being appended to may end in a partial line.
            raise ValueError(f"{source}:{lineno}: not a labelled example: {exc}") from exc


def read_jsonl(paths: Iterable[Path], *, skip_bad: bool = False) -> list[Example]:
    """Read labelled examples from JSONL files (dev-set format)."""
    out: list[Example] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            lines = fh.readlines()
        for i, line in enumerate(lines):
            try:
                out.extend(_examples([line], f"{path}:{i + 1}"))
            except ValueError:
                if not skip_bad:
                    raise
    return out
