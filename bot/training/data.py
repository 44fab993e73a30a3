"""What the offline model learns from: the labelled decisions shipped in `bot/examples/training/`,
one set per file (a set is one industry mix, written independently), plus a team's reviews."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

LABELS = ("strategic", "operational")
REVIEWS = "reviews"  # the group of a deployment's reviewed decisions


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    group: str  # the labelled set it comes from, or REVIEWS
    weight: float = 1.0
    difficulty: str | None = None


def shipped() -> list[Example]:
    """Every shipped labelled decision, set by set in name order (the order fixes the model's bytes)."""
    folder = resources.files("bot.examples").joinpath("training")
    examples = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".jsonl"):
            group = entry.name.removesuffix(".jsonl")
            for line in entry.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    examples.append(Example(item["text"], item["label"], group, 1.0, item.get("difficulty")))
    return examples


def reviewed(rows: list[dict], weight: float) -> list[Example]:
    """A log's reviewed decisions (`text` and the latest `review_label`), each counting `weight` times."""
    return [Example(r["text"], r["review_label"], REVIEWS, weight) for r in rows if r["review_label"] in LABELS]
