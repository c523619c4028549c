"""The learned component: a linear model over hashed character n-grams.

``scripts/train-triage`` fits one logistic regression per output column with
scikit-learn and exports the weights to ``model/triage-model.npz``; this
module only needs numpy to score a text, so the runtime carries no
scikit-learn. Features are character 1- to 3-grams of the normalised text
(digits folded to 0), hashed into ``2**bits`` buckets, with sublinear term
frequency and L2 normalisation.

The model never labels a text on its own: the engine uses its probabilities
to rank topics, to choose the demand-validity axis, to separate
legitimate complaints from ones that need review, and to gate the weakest
rules.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ._exceptions import ModelError
from ._version import ENGINE_VERSION

__all__ = ["MODEL_PATH", "Model", "featurize", "load_model"]

MODEL_PATH = Path(__file__).with_name("model") / "triage-model.npz"

_DIGITS = str.maketrans("123456789", "000000000")
_P1 = np.uint64(0x9E3779B97F4A7C15)
_P2 = np.uint64(0xC2B2AE3D27D4EB4F)
_P3 = np.uint64(0x165667B19E3779F9)
_MIX = np.uint64(0xFF51AFD7ED558CCD)


def featurize(text: str, bits: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Hashed character 1-3-gram features of a normalised text.

    Returns the sorted bucket indices and their weights (sublinear tf, L2
    normalised). Shared with the training script so both see the same space.
    """
    folded = text.translate(_DIGITS)
    cps = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if cps.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    parts = [cps * _P1]
    if cps.size >= 2:
        parts.append((cps[:-1] * _P2) ^ (cps[1:] * _P1) ^ np.uint64(2))
    if cps.size >= 3:
        parts.append((cps[:-2] * _P3) ^ (cps[1:-1] * _P2) ^ (cps[2:] * _P1) ^ np.uint64(3))
    h = np.concatenate(parts)
    h ^= h >> np.uint64(31)
    h *= _MIX
    h ^= h >> np.uint64(29)
    buckets = (h & np.uint64((1 << bits) - 1)).astype(np.int64)
    idx, counts = np.unique(buckets, return_counts=True)
    vals = (1.0 + np.log(counts)).astype(np.float32)
    vals /= np.float32(np.sqrt(np.dot(vals, vals)))
    return idx, vals


@dataclass(frozen=True)
class Model:
    """Weights of the linear model, one column per output."""

    columns: tuple[str, ...]
    weights: npt.NDArray[np.float32]  # (2**bits, len(columns))
    bias: npt.NDArray[np.float32]
    bits: int
    version: str
    meta: dict[str, object]

    def predict(self, text: str) -> dict[str, float]:
        """Probability of every output column for a normalised text."""
        idx, vals = featurize(text, self.bits)
        scores = vals @ self.weights[idx] + self.bias if idx.size else self.bias.copy()
        probs = 1.0 / (1.0 + np.exp(-scores.astype(np.float64)))
        return dict(zip(self.columns, probs.tolist(), strict=True))

    def column_scores(self, texts: list[str], columns: list[str]) -> list[list[float]]:
        """Raw linear scores of some columns for each of several texts (for ranking)."""
        picks = [self.columns.index(c) for c in columns]
        weights = self.weights[:, picks]
        bias = self.bias[picks]
        out = []
        for text in texts:
            idx, vals = featurize(text, self.bits)
            row = vals @ weights[idx] + bias if idx.size else bias.copy()
            out.append([float(x) for x in row])
        return out


def model_from_arrays(
    columns: list[str],
    weights: npt.NDArray[np.float32],
    bias: npt.NDArray[np.float32],
    bits: int,
    meta: dict[str, object] | None = None,
) -> Model:
    """Build a model in memory (used by training and cross-validation)."""
    return Model(
        tuple(columns),
        np.ascontiguousarray(weights, dtype=np.float32),
        np.asarray(bias, dtype=np.float32),
        bits,
        ENGINE_VERSION,
        dict(meta or {}),
    )


def save_model(model: Model, path: Path) -> None:
    """Write a model as a compressed npz (weights stored as float16)."""
    header = {
        "format": 1,
        "engine_version": model.version,
        "columns": list(model.columns),
        "bits": model.bits,
        **{k: v for k, v in model.meta.items() if k not in {"columns", "bits"}},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(
            fh,
            header=np.frombuffer(json.dumps(header, ensure_ascii=False).encode(), dtype=np.uint8),
            weights=model.weights.astype(np.float16),
            bias=model.bias.astype(np.float32),
        )


def read_model(path: Path) -> Model:
    """Read and check a model file; any problem is a ModelError."""
    try:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(bytes(data["header"]).decode("utf-8"))
            weights = data["weights"].astype(np.float32)
            bias = data["bias"].astype(np.float32)
    except FileNotFoundError as exc:
        raise ModelError(f"model file not found: {path}") from exc
    except Exception as exc:  # noqa: BLE001 - a corrupt file fails in many ways
        raise ModelError(f"model file {path} is unreadable: {exc}") from exc
    columns = header.get("columns")
    bits = header.get("bits")
    version = header.get("engine_version")
    if not isinstance(columns, list) or not isinstance(bits, int):
        raise ModelError(f"model file {path} has no column list")
    if weights.shape != (1 << bits, len(columns)) or bias.shape != (len(columns),):
        raise ModelError(f"model file {path} has inconsistent shapes")
    if version != ENGINE_VERSION:
        raise ModelError(
            f"model file {path} was built for engine {version}, this is {ENGINE_VERSION}; "
            "run scripts/train-triage"
        )
    meta = {k: v for k, v in header.items() if k not in {"columns", "bits", "engine_version"}}
    return Model(tuple(columns), weights, bias, bits, version, meta)


_lock = threading.Lock()
_cache: dict[str, Model] = {}


def load_model(path: Path | None = None) -> Model:
    """Load the shipped model once per process."""
    key = str(path or MODEL_PATH)
    model = _cache.get(key)
    if model is None:
        with _lock:
            model = _cache.get(key)
            if model is None:
                model = read_model(Path(key))
                _cache[key] = model
    return model
