"""Figures of quality shared by `altitude eval` and the training reports: accuracy by difficulty,
and a calibration table (does a confidence of 0.8 mean right four times in five?)."""

from __future__ import annotations

from collections.abc import Sequence

BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def by_difficulty(correct: Sequence[bool], difficulties: Sequence[str | None]) -> dict[str, dict]:
    table = {}
    for difficulty in sorted({d for d in difficulties if d}):
        hits = [c for c, d in zip(correct, difficulties) if d == difficulty]
        table[difficulty] = {"n": len(hits), "accuracy": ratio(sum(hits), len(hits))}
    return table


def calibration(confidences: Sequence[float], correct: Sequence[bool]) -> list[dict]:
    table = []
    for low, high in zip(BINS, BINS[1:]):
        inside = [(p, c) for p, c in zip(confidences, correct) if low <= p < high]
        if inside:
            table.append(
                {
                    "bin": f"{low:.1f}-{min(high, 1.0):.1f}",
                    "n": len(inside),
                    "mean_confidence": round(sum(p for p, _ in inside) / len(inside), 3),
                    "accuracy": ratio(sum(c for _, c in inside), len(inside)),
                }
            )
    return table
