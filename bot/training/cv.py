"""Honest figures: leave one labelled set out, train on the rest, measure on the set left out."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from bot.domain import rubric
from bot.domain.scoring import by_difficulty, calibration, ratio
from bot.training.fit import Fold, Prepared, platt


def report(items: Sequence[Prepared], margins: Sequence[float | None], folds: Sequence[Fold]) -> dict:
    """Per group held out: accuracy, overall and on hard items; and a calibration table over all of
    them. Each fold's margins are calibrated on the out-of-fold margins of the items it trained on."""
    outcomes: dict[str, list[tuple[bool, str | None]]] = defaultdict(list)
    confidences, correct, difficulties = [], [], []
    for train, test in folds:
        known = [i for i in train if margins[i] is not None]
        a, b = platt([margins[i] for i in known], [items[i] for i in known])
        for i in test:
            label, confidence = rubric.verdict_of(_sigmoid(a * margins[i] + b))
            example = items[i].example
            outcomes[example.group].append((label == example.label, example.difficulty))
            confidences.append(confidence)
            correct.append(label == example.label)
            difficulties.append(example.difficulty)
    sets = {}
    for name in sorted(outcomes):
        right, kinds = zip(*outcomes[name])
        sets[name] = {
            "n": len(right),
            "accuracy": ratio(sum(right), len(right)),
            "hard": by_difficulty(right, kinds).get("hard"),
        }
    return {
        "sets": sets,
        "n": len(correct),
        "accuracy": ratio(sum(correct), len(correct)),
        "by_difficulty": by_difficulty(correct, difficulties),
        "calibration": calibration(confidences, correct),
    }


def accuracy(report: dict, groups: Sequence[str]) -> float | None:
    """The accuracy over the items of `groups` together."""
    rows = [report["sets"][g] for g in groups if g in report["sets"]]
    return ratio(round(sum(r["accuracy"] * r["n"] for r in rows)), sum(r["n"] for r in rows))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
