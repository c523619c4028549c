"""Fitting the linear model (dev only: needs scikit-learn and scipy).

Shared by ``scripts/train-triage`` and the cross-validation in
``scripts/eval-triage``; the runtime never imports this module.
"""

from __future__ import annotations

import numpy as np

from ._dataset import MODEL_COLUMNS, Example, columns_of
from ._model import Model, featurize, model_from_arrays
from ._normalize import normalize

__all__ = ["BITS", "C", "fit"]

BITS = 16
C = 16.0


def fit(examples: list[Example], bits: int = BITS, c: float = C) -> Model:
    """Fit one logistic regression per model column."""
    # Imported here: scikit-learn is a dev dependency only.
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped, unused-ignore]
    from sklearn.linear_model import LogisticRegression

    rows, cols, vals = [], [], []
    for i, ex in enumerate(examples):
        idx, v = featurize(normalize(ex.text).text, bits)
        rows.extend([i] * len(idx))
        cols.extend(idx.tolist())
        vals.extend(v.tolist())
    x = csr_matrix((vals, (rows, cols)), shape=(len(examples), 1 << bits), dtype=np.float32)
    positives = [columns_of(ex) for ex in examples]
    weights = np.zeros((1 << bits, len(MODEL_COLUMNS)), dtype=np.float32)
    bias = np.zeros(len(MODEL_COLUMNS), dtype=np.float32)
    for j, column in enumerate(MODEL_COLUMNS):
        y = np.array([column in p for p in positives], dtype=np.int8)
        n_pos = int(y.sum())
        if n_pos == 0 or n_pos == len(y):
            rate = min(max(n_pos / max(len(y), 1), 0.01), 0.99)
            bias[j] = np.log(rate / (1 - rate))
            continue
        clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=2000)
        clf.fit(x, y)
        weights[:, j] = clf.coef_[0]
        bias[j] = clf.intercept_[0]
    return model_from_arrays(list(MODEL_COLUMNS), weights, bias, bits)
