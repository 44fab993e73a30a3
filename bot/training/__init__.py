"""Training the offline engine's model (needs the `train` extra: scikit-learn).

`build` makes a model file and its leave-one-set-out figures from labelled examples; `python -m
bot.training` (`make model`) writes the shipped one from `bot/examples/training/`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass

from bot.errors import BadInput
from bot.training.data import Example


@dataclass(frozen=True)
class Trained:
    data: bytes  # the model file
    report: dict  # leave-one-set-out figures of the data it was trained on


def require_library() -> None:
    if importlib.util.find_spec("sklearn") is None:
        raise BadInput("training needs scikit-learn", "install the train extra: pip install 'altitude[train]'")


def leave_one_set_out(examples: Sequence[Example]) -> dict:
    """Train on every set but one and measure on that one, for each set."""
    from bot.training import cv, fit

    items = fit.prepare(examples)
    folds = fit.leave_one_group_out(items)
    return cv.report(items, fit.out_of_fold(items, folds), folds)


def build(examples: Sequence[Example]) -> Trained:
    """Fit on every example, with confidence calibrated on the out-of-fold margins of leaving one
    set out at a time; the figures of those folds come with it."""
    from bot.training import cv, fit

    items = fit.prepare(examples)
    folds = fit.leave_one_group_out(items)
    margins = fit.out_of_fold(items, folds)
    report = cv.report(items, margins, folds)
    summary = {
        "sets": sorted({e.group for e in examples}),
        "loso_accuracy": report["accuracy"],
        "loso_hard_accuracy": report["by_difficulty"].get("hard", {}).get("accuracy"),
    }
    return Trained(fit.fit(items, calibration=fit.platt(margins, items), meta=summary), report)
