"""Fitting the offline model with scikit-learn (the `train` extra). Never imported when classifying.

As scikit-learn advises: features are fitted on training folds only, out-of-fold predictions come
from models that never saw the fold, confidence is calibrated (Platt scaling) on those out-of-fold
predictions, and nothing is random, so the same data always gives the same model file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.domain import instructions, rubric
from bot.domain.cuebook import CUEBOOK
from bot.domain.features import analyse
from bot.domain.linear import LinearModel, round_float, to_bytes
from bot.training.data import Example

C = 10.0  # inverse regularisation strength, chosen by leave-one-set-out accuracy (docs/quality.md)
CUE_SCALE = 0.15  # a cue hit's feature value, beside TF-IDF rows of unit length
MIN_DF = 2  # a feature must occur in two decisions to be learnt
# A decision's TF-IDF row is normalised as if it also held a constant feature of this squared size,
# so that a few words cannot look as certain as a whole paragraph (chosen with C, docs/quality.md).
NORM_FLOOR = 4000.0
CUE_IDS = tuple(c.id for c in CUEBOOK)
Fold = tuple[list[int], list[int]]  # indices to train on, indices held out


@dataclass(frozen=True)
class Prepared:
    """An example as the model reads it: instructions blanked, cues found."""

    example: Example
    text: str
    cues: tuple[str, ...]


def prepare(examples: Sequence[Example]) -> list[Prepared]:
    prepared = []
    for example in examples:
        text = instructions.mask(example.text)
        prepared.append(Prepared(example, text, tuple(h.cue.id for h in rubric.MATCHER.find(text))))
    return prepared


def vectorizer() -> TfidfVectorizer:
    """Term frequencies (sublinear) times idf, left unnormalised: `design` normalises them."""
    return TfidfVectorizer(analyzer=analyse, sublinear_tf=True, min_df=MIN_DF, norm=None, dtype=np.float64)


def design(words: sparse.csr_matrix, items: Sequence[Prepared]) -> sparse.csr_matrix:
    """The rows the regression reads: each decision's TF-IDF row divided by the square root of its
    squared length plus NORM_FLOOR, then its cue hits."""
    lengths = np.sqrt(np.asarray(words.multiply(words).sum(axis=1)).ravel() + NORM_FLOOR)
    return sparse.hstack([sparse.diags(1.0 / lengths) @ words, cue_matrix(items)]).tocsr()


def regression() -> LogisticRegression:
    return LogisticRegression(C=C, solver="newton-cg", max_iter=1_000, tol=1e-8)


def fit(items: Sequence[Prepared], *, calibration: tuple[float, float] = (1.0, 0.0), meta: dict | None = None) -> bytes:
    """A model file fitted on `items`."""
    words = vectorizer()
    fitted = regression().fit(
        design(words.fit_transform([p.text for p in items]), items), labels(items), sample_weight=weights(items)
    )
    n = len(words.vocabulary_)
    header = {
        "norm_floor": NORM_FLOOR,
        "cues": {"ids": list(CUE_IDS), "scale": CUE_SCALE},
        "intercept": round_float(float(fitted.intercept_[0])),
        "calibration": {"a": _calibration_figure(calibration[0]), "b": _calibration_figure(calibration[1])},
        "training": {"C": C, "min_df": MIN_DF, "examples": len(items), **(meta or {})},
    }
    coef = fitted.coef_[0]
    return to_bytes(header, list(words.get_feature_names_out()), list(words.idf_), list(coef[:n]), list(coef[n:]))


def cue_matrix(items: Sequence[Prepared]) -> sparse.csr_matrix:
    column = {cue_id: i for i, cue_id in enumerate(CUE_IDS)}
    rows = [(r, column[c]) for r, p in enumerate(items) for c in p.cues]
    data = np.full(len(rows), CUE_SCALE)
    shape = (len(items), len(CUE_IDS))
    if not rows:
        return sparse.csr_matrix(shape)
    return sparse.csr_matrix((data, ([r for r, _ in rows], [c for _, c in rows])), shape=shape)


def labels(items: Sequence[Prepared]) -> np.ndarray:
    return np.array([1 if p.example.label == "strategic" else 0 for p in items])


def weights(items: Sequence[Prepared]) -> np.ndarray:
    return np.array([p.example.weight for p in items], dtype=np.float64)


def _calibration_figure(value: float) -> float:
    """Six significant digits: a probability needs no more, and the ninth digit of the fit moves with
    the versions of NumPy and SciPy even though the optimum does not."""
    return float(f"{value:.6g}")


def platt(margins: Sequence[float], items: Sequence[Prepared]) -> tuple[float, float]:
    """Calibration of margins into probabilities: a one-feature logistic regression. Newton's method
    converges to the optimum itself, so the rounded figures are the same whatever the versions of
    scikit-learn and SciPy (L-BFGS stops near it, at a point that moves with them in the ninth digit)."""
    regression = LogisticRegression(C=1e4, solver="newton-cholesky", tol=1e-14, max_iter=1_000)
    regression.fit(np.array(margins).reshape(-1, 1), labels(items), sample_weight=weights(items))
    return float(regression.coef_[0][0]), float(regression.intercept_[0])


def out_of_fold(items: Sequence[Prepared], folds: Sequence[Fold]) -> list[float | None]:
    """Each held-out item's margin from the model fitted on its fold's training part (None for
    items no fold holds out). Margins come from the model file, read as classifying reads it."""
    margins: list[float | None] = [None] * len(items)
    for train, test in folds:
        model = LinearModel.from_bytes(fit([items[i] for i in train]))
        for i in test:
            margins[i] = model.score(items[i].text, items[i].cues).margin
    return margins


def leave_one_group_out(items: Sequence[Prepared], held_out: Sequence[str] | None = None) -> list[Fold]:
    """One fold per group in `held_out` (default: every group), trained on every other item."""
    groups = [p.example.group for p in items]
    names = sorted(set(groups)) if held_out is None else list(held_out)
    return [
        ([i for i, g in enumerate(groups) if g != name], [i for i, g in enumerate(groups) if g == name])
        for name in names
    ]
