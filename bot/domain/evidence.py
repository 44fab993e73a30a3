"""From what the offline engine found to what it says: the five dimensions and the rationale.

A dimension leans the way its named cues point when they are decisive; scope and focus (what a
decision changes) otherwise take the phrases the model weighed most toward the verdict; any other
dimension is read with the decision as a whole. Evidence quotes whole phrases of the decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.domain.cues import FUNCTION_WORDS, Hit
from bot.domain.verdict import DIMENSIONS, DimensionJudgement, Label

LEANING_THRESHOLD = 0.5
DIMINISHING = 0.6
NO_CUE = "no cue of its own; read with the decision as a whole"
READ_WITH_THE_WHOLE = "read with the decision as a whole"
BY_THE_MODEL = "weighed most by the model"
MIN_PHRASE_WEIGHT = 0.05  # a phrase's share of the margin below this is not worth quoting
MAX_PHRASE_WORDS = 4
_JOINING_GAPS = frozenset((" ", "-", "/", "&", " & ", " - ", "'", "’"))  # what may stand between a phrase's words
# The small words a phrase may hold inside it: "enter the Japanese market", "cost of goods".
_INNER = frozenset("a an the of our their its his her to for".split())
_NOT_INSIDE = FUNCTION_WORDS - _INNER


@dataclass(frozen=True)
class Phrase:
    text: str
    weight: float  # its share of the margin, toward the verdict


def diminished(weights: list[float]) -> float:
    """Sum each side with diminishing returns, so that many weak cues never outvote a strong one."""
    if len(weights) < 2:
        return weights[0] if weights else 0.0
    total = 0.0
    for sign in (1, -1):
        side = sorted((abs(w) for w in weights if w * sign > 0), reverse=True)
        total += sign * sum(w * DIMINISHING**i for i, w in enumerate(side))
    return total


def dimensions(hits: list[Hit], label: Label, phrases: Callable[[], list[Phrase]]) -> dict[str, DimensionJudgement]:
    """The five leanings: `phrases()` gives the model's phrases toward `label`, asked for only when
    scope or focus has no decisive cue."""
    by_dimension: dict[str, list[Hit]] = {d: [] for d in DIMENSIONS}
    for hit in hits:
        by_dimension[hit.cue.dimension].append(hit)
    judged = {d: _from_cues(by_dimension[d]) for d in DIMENSIONS}
    unclaimed = phrases() if judged["scope"] is None or judged["focus"] is None else []
    for dim in ("scope", "focus"):
        if judged[dim] is None and unclaimed:
            quoted = unclaimed[:2]
            unclaimed = unclaimed[2:] or quoted
            evidence = "; ".join(f'"{p.text}"' for p in quoted) + f", {BY_THE_MODEL}"
            judged[dim] = DimensionJudgement(leaning=label, evidence=evidence)
    return {d: judged[d] or _weak_or_whole(by_dimension[d], label) for d in DIMENSIONS}


def _from_cues(mine: list[Hit]) -> DimensionJudgement | None:
    if not mine:
        return None
    score = diminished([h.cue.weight for h in mine])
    if abs(score) < LEANING_THRESHOLD:
        return None
    leaning: Label = "strategic" if score > 0 else "operational"
    if len(mine) == 1:
        return DimensionJudgement(leaning=leaning, evidence=f'"{mine[0].phrase}"')
    agreeing = sorted((h for h in mine if h.cue.weight * score > 0), key=lambda h: -abs(h.cue.weight))
    return DimensionJudgement(leaning=leaning, evidence=_quote([h.phrase for h in agreeing]))


def _weak_or_whole(mine: list[Hit], label: Label) -> DimensionJudgement:
    score = diminished([h.cue.weight for h in mine])
    if not mine or score == 0:
        return DimensionJudgement(leaning=label, evidence=NO_CUE)
    leaning: Label = "strategic" if score > 0 else "operational"
    return DimensionJudgement(leaning=leaning, evidence=f"{_quote([h.phrase for h in mine])}, a weak cue")


def _quote(phrases: list[str]) -> str:
    kept: list[str] = []
    for phrase in phrases:
        if not any(phrase.lower() in k.lower() or k.lower() in phrase.lower() for k in kept):
            kept.append(phrase)
    return "; ".join(f'"{p}"' for p in kept[:3])


def model_phrases(
    text: str,
    spans: list[tuple[int, int]],
    words: list[str],
    weights: tuple[float, ...],
    toward: Label,
    *,
    limit: int = 3,
) -> list[Phrase]:
    """The decision's phrases that moved the model most toward `toward`, strongest first: runs of
    up to four adjacent words whose ends are content words that themselves point that way, and
    whose inner words are content words or the small words of a noun phrase ("the", "of")."""
    sign = 1.0 if toward == "strategic" else -1.0
    pointed = [sign * w for w in weights]
    ends = [p > 0 and w not in FUNCTION_WORDS for p, w in zip(pointed, words)]
    # joins[j]: word j may follow word j - 1 inside a phrase
    joins = [False] + [
        text[spans[j - 1][1] : spans[j][0]] in _JOINING_GAPS and words[j] not in _NOT_INSIDE
        for j in range(1, len(spans))
    ]
    seeds = sorted((i for i, ok in enumerate(ends) if ok), key=lambda i: -pointed[i])[: limit * 3]
    starts = {s for seed in seeds for s in range(max(0, seed - MAX_PHRASE_WORDS + 1), seed + 1) if ends[s]}
    candidates = []
    for i in starts:
        total = 0.0
        for j in range(i, min(i + MAX_PHRASE_WORDS, len(spans))):
            if j > i and not joins[j]:
                break
            total += pointed[j]
            if ends[j]:
                candidates.append((total, i, j))
    chosen: list[tuple[float, int, int]] = []
    for weight, i, j in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if weight < MIN_PHRASE_WEIGHT or len(chosen) == limit:
            break
        if all(j < a or i > b for _, a, b in chosen):
            chosen.append((weight, i, j))
    return [Phrase(text[spans[i][0] : spans[j][1]], round(weight, 3)) for weight, i, j in chosen]


_REASONS = {
    ("scope", "strategic"): "it shapes the overall direction and scope of the organization's operations",
    ("scope", "operational"): "it concerns one operational process, not the organization as a whole",
    ("level", "strategic"): "it is decided at the corporate level by top management",
    ("level", "operational"): "it is carried out by middle and lower level managers",
    ("time_horizon", "strategic"): "it plays out over the long term",
    ("time_horizon", "operational"): "its time horizon is short, day to day",
    ("focus", "strategic"): "it is about market focus, competitive position or resource allocation",
    ("focus", "operational"): "it aims at the efficiency and effectiveness of an operational process",
    ("link_to_strategy", "strategic"): "it aligns operations with the business strategy and goals",
    ("link_to_strategy", "operational"): "it serves day-to-day control rather than the business strategy",
}
_DEFINITIONS = {
    "strategic": "operations strategy is a long-term plan for the development and management of an "
    "organization's operations in order to achieve its goals and objectives",
    "operational": "operations management is the day-to-day planning, organizing, coordinating, and "
    "controlling of the activities that produce an organization's goods and services",
}
SIDES = {"strategic": "Operations strategy", "operational": "Operations management"}
NAMES = {
    "scope": "scope",
    "level": "level",
    "time_horizon": "time horizon",
    "focus": "focus",
    "link_to_strategy": "link to strategy",
}


def spoken(judgement: DimensionJudgement) -> bool:
    """Whether the decision's own words decided this dimension (not the decision as a whole)."""
    return not judgement.evidence.endswith(READ_WITH_THE_WHOLE)


def rationale(label: Label, dims: dict[str, DimensionJudgement]) -> str:
    """Why the verdict is what it is, in the document's terms; it always argues for `label`."""
    agree = [d for d in DIMENSIONS if dims[d].leaning == label and spoken(dims[d])]
    against = [d for d in DIMENSIONS if dims[d].leaning not in (label, "neutral") and spoken(dims[d])]
    if agree:
        reasons = _join([_REASONS[(d, label)] for d in agree])
    elif label == "operational":
        reasons = (
            "no dimension is decisive, and without cues of direction, markets or resources a decision "
            "is taken as day-to-day operations"
        )
    else:
        reasons = "read as a whole, its words are those of decisions about direction, markets and resources"
    parts = [f"{SIDES[label]}: {reasons}."]
    if against:
        verb = "points" if len(against) == 1 else "point"
        parts.append(
            f"The {_join([NAMES[d] for d in against])} {verb} the other way, but not enough to outweigh the rest."
        )
    parts.append(f"In the document's words, {_DEFINITIONS[label]}.")
    return " ".join(parts)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
