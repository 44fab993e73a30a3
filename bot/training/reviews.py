"""`altitude train`: the shipped examples plus a deployment's reviewed decisions, its own model.

Figures before and after are honest: on each shipped set, a model that never saw that set; on the
reviews, the shipped model (before) and five-fold cross-validation (after). The new model is
activated unless it does worse on the shipped sets by more than `WORSE_BY`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain import rubric
from bot.domain.linear import LinearModel
from bot.domain.scoring import ratio
from bot.training import cv, fit
from bot.training.data import REVIEWS, Example, reviewed, shipped

REVIEW_WEIGHT = 3.0  # a team's review counts three times a shipped example
WORSE_BY = 0.02  # the most a new model may lose on the shipped sets and still be activated
REVIEW_FOLDS = 5


@dataclass(frozen=True)
class Outcome:
    model: str
    data: bytes | None  # the new model file; None when there was nothing to learn
    examples: int
    reviewed: int
    activate: bool
    reason: str
    before: dict
    after: dict

    def to_dict(self, *, activated: bool) -> dict:
        return {
            "model": self.model,
            "examples": self.examples,
            "reviewed": self.reviewed,
            "activated": activated,
            "reason": self.reason,
            "before": self.before,
            "after": self.after,
        }


def train(rows: Sequence[dict], *, force: bool = False) -> Outcome:
    """Train on the shipped examples plus `rows` (decisions with their latest `review_label`)."""
    base = shipped()
    team = reviewed(rows, REVIEW_WEIGHT)
    model = rubric.shipped_model()
    before = {"shipped_sets": model.header["training"]["loso_accuracy"], "reviewed": _accuracy_of(model, team)}
    if not team:
        return Outcome(
            model.name,
            None,
            len(base),
            0,
            False,
            "no reviewed decisions in the log yet: Altitude uses the shipped model",
            before,
            before,
        )
    items = fit.prepare([*base, *team])
    folds = fit.leave_one_group_out(items, sorted({e.group for e in base})) + _review_folds(items)
    margins = fit.out_of_fold(items, folds)
    report = cv.report(items, margins, folds)
    groups = sorted({e.group for e in base})
    after = {"shipped_sets": cv.accuracy(report, groups), "reviewed": cv.accuracy(report, [REVIEWS])}
    data = fit.fit(
        items,
        calibration=fit.platt(margins, items),
        meta={
            "sets": groups,
            "reviewed": len(team),
            "loso_accuracy": after["shipped_sets"],
            "loso_hard_accuracy": None,
        },
    )
    name = LinearModel.from_bytes(data).name
    worse = after["shipped_sets"] < before["shipped_sets"] - WORSE_BY
    if worse and not force:
        reason = (
            f"not activated: on the shipped sets it scores {after['shipped_sets']:.1%} against "
            f"{before['shipped_sets']:.1%}, worse by more than {WORSE_BY:.0%} (--force activates it anyway)"
        )
    else:
        reason = "activated" + (" (forced)" if worse else "")
    return Outcome(name, data, len(base) + len(team), len(team), not worse or force, reason, before, after)


def _review_folds(items: Sequence[fit.Prepared]) -> list[fit.Fold]:
    team = [i for i, p in enumerate(items) if p.example.group == REVIEWS]
    k = min(REVIEW_FOLDS, len(team))
    folds = []
    for fold in range(k):
        test = set(team[fold::k])
        folds.append(([i for i in range(len(items)) if i not in test], sorted(test)))
    return folds


def _accuracy_of(model: LinearModel, examples: Sequence[Example]) -> float | None:
    from bot.domain.text import prepare

    right = [rubric.classify(prepare(e.text), model).label == e.label for e in examples]
    return ratio(sum(right), len(right))
