"""Triage of Japanese complaint and customer-harassment texts.

    >>> from mamori.triage import triage
    >>> result = triage("…")
    >>> result.verdict, result.categories, result.flags

The engine combines hand-written rules (``rules/*.toml``) with a small
linear model (``model/triage-model.npz``) and returns labels with evidence:
every category and flag comes with at least one :class:`Finding` that quotes
the text. The labels and the JSON shape are the contract in
``docs/triage.md``; the package needs no Django.

Errors (see :mod:`mamori.triage._exceptions`)::

    TriageError
    ├── InputError
    │   ├── EmptyText
    │   ├── TextTooLong
    │   └── UndecodableInput
    └── ModelError
"""

from __future__ import annotations

from ._decode import decode_bytes, triage_bytes
from ._engine import MAX_TEXT_CHARS, triage
from ._exceptions import (
    EmptyText,
    InputError,
    ModelError,
    TextTooLong,
    TriageError,
    UndecodableInput,
)
from ._labels import (
    CATEGORIES,
    DEMAND_VALIDITIES,
    FLAGS,
    MEANS,
    TOPICS,
    VERDICTS,
    LabelInfo,
    explain,
    label_name,
)
from ._result import Finding, Result
from ._version import ENGINE_NAME, ENGINE_VERSION

__all__ = [
    "CATEGORIES",
    "DEMAND_VALIDITIES",
    "ENGINE_NAME",
    "ENGINE_VERSION",
    "FLAGS",
    "MAX_TEXT_CHARS",
    "MEANS",
    "TOPICS",
    "VERDICTS",
    "EmptyText",
    "Finding",
    "InputError",
    "LabelInfo",
    "ModelError",
    "Result",
    "TextTooLong",
    "TriageError",
    "UndecodableInput",
    "decode_bytes",
    "explain",
    "label_name",
    "triage",
    "triage_bytes",
]
