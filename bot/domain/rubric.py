"""The offline engine: judges the five dimensions from cue phrases, then combines them.

Deterministic and local. The label is a weighted vote of the dimensions; confidence is a
logistic function of the vote's margin, calibrated on labelled decisions (`altitude eval`).
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.domain import cues as cue_module
from bot.domain.cues import CUES, MASKS, Cue
from bot.domain.text import PreparedText
from bot.domain.verdict import DIMENSIONS, DimensionJudgement, Dimensions, Verdict

# How much each dimension counts toward the label: scope and focus say what the decision
# changes, which the reference document treats as decisive; who decides counts least.
DIMENSION_WEIGHTS = {"scope": 1.2, "level": 0.6, "time_horizon": 0.7, "focus": 1.2, "link_to_strategy": 0.6}
SCORE_CAP = 4.0
LEANING_THRESHOLD = 0.5
# With no cue at all, an everyday post is more likely operational.
PRIOR = -0.2
# Logistic map of |margin| -> P(correct), set on labelled decisions from industries the cues were
# not written for: 0.55 at margin 0, 0.75 at 1, 0.88 at 2, 0.95 at 3.
CALIBRATION = (0.9, 0.2)
NON_ENGLISH_CONFIDENCE = 0.55
# Seniority and the word "strategy" only amplify: without a strategic object (a market, the
# portfolio, capacity, resources) they are weak evidence, as in a CEO asking for a roster change.
AMPLIFIER_DISCOUNT = 0.15
IMPLEMENTATION_DISCOUNT = 0.4
NO_CUE = "no cue in the text"
READ_WITH_THE_WHOLE = "read with the decision as a whole"


@lru_cache(maxsize=1)
def version() -> str:
    digest = hashlib.sha256(Path(cue_module.__file__).read_bytes() + Path(__file__).read_bytes())
    return f"rubric-{digest.hexdigest()[:10]}"


@dataclass
class Hit:
    cue: Cue
    phrase: str
    weight: float


@dataclass
class Judgement:
    """Everything the rubric found: per-dimension hits and scores, the margin."""

    hits: dict[str, list[Hit]] = field(default_factory=lambda: {d: [] for d in DIMENSIONS})
    scores: dict[str, float] = field(default_factory=dict)
    margin: float = 0.0


def judge(text: str) -> Judgement:
    analysed = _mask(text.replace("’", "'").lower())
    if len(analysed) != len(text):  # a rare character changed length when lower-cased
        text = analysed
    found = [(cue, m) for cue in CUES if (m := cue.pattern.search(analysed))]
    kinds = {cue.kind for cue, _ in found}
    substance = any(cue.weight > 0 and cue.dimension in ("scope", "focus") and cue.kind not in ("money", "strategy_word")
                    for cue, _ in found)
    discount = 1.0 if substance else AMPLIFIER_DISCOUNT
    judgement = Judgement()
    for cue, match in found:
        weight = _adjusted_weight(cue, kinds, discount)
        judgement.hits[cue.dimension].append(Hit(cue, _phrase(text, match, cue.dimension), weight))
    for dim in DIMENSIONS:
        judgement.scores[dim] = _diminished([h.weight for h in judgement.hits[dim]])
    judgement.margin = PRIOR + sum(
        DIMENSION_WEIGHTS[d] * max(-SCORE_CAP, min(SCORE_CAP, s)) for d, s in judgement.scores.items()
    )
    return judgement


_FOLLOWING_WORDS = re.compile(r"(?:[ \t]+[\w&'’/-]+){1,2}")


def _phrase(text: str, match: re.Match, dimension: str) -> str:
    """The matched words; for what a decision changes, with the words that name its object."""
    end = match.end()
    if dimension == "scope" and end - match.start() < 15:
        following = _FOLLOWING_WORDS.match(text, end)
        end = following.end() if following else end
    return text[match.start() : end]


def _mask(text: str) -> str:
    """Blank out (keeping offsets) the words that do not describe the decision's reach."""
    for pattern in MASKS:
        text = pattern.sub(lambda m: m.group(0)[: m.start(1) - m.start()] + " " * len(m.group(1)), text)
    return text


def _adjusted_weight(cue: Cue, kinds: set[str], discount: float) -> float:
    if cue.kind == "money" and "like_for_like" in kinds:
        return -cue.weight  # big money on a repair or like-for-like replacement is still operations
    if cue.kind in ("senior", "strategy_word") and cue.weight > 0:
        return cue.weight * discount
    if "market_move" in kinds and cue.weight < 0 and cue.dimension in ("time_horizon", "focus"):
        # The decision changes what the organization does: "from Monday" is when it starts, not its
        # horizon, and the routine words describe the new business, not a process being tuned.
        return cue.weight * IMPLEMENTATION_DISCOUNT
    return cue.weight


def _diminished(weights) -> float:
    """Sum each side with diminishing returns, so many weak cues never outvote a strong one."""
    total = 0.0
    for sign in (1, -1):
        side = sorted((abs(w) for w in weights if w * sign > 0), reverse=True)
        total += sign * sum(w * 0.6**i for i, w in enumerate(side))
    return total


def classify(prepared: PreparedText) -> Verdict:
    judgement = judge(prepared.text)
    label = "strategic" if judgement.margin > 0 else "operational"
    confidence = _confidence(judgement.margin, prepared.english)
    dims = {d: _dimension(judgement, d) for d in DIMENSIONS}
    return Verdict(
        label=label,
        confidence=confidence,
        dimensions=Dimensions(**{d: _with_the_whole(j, label, judgement.scores[d]) for d, j in dims.items()}),
        rationale=explain(label, dims),  # from the dimensions the text speaks to, not the inferred ones
    )


def _with_the_whole(judgement: DimensionJudgement, label: str, score: float) -> DimensionJudgement:
    """A dimension the text gives no clear leaning on: its weak cues tip it, else it is read with
    the decision as a whole (the document describes the five as moving together). Its evidence
    says which."""
    if judgement.leaning != "neutral":
        return judgement
    if judgement.evidence == NO_CUE or score == 0:
        return DimensionJudgement(leaning=label, evidence=f"no cue of its own; {READ_WITH_THE_WHOLE}")
    leaning = "strategic" if score > 0 else "operational"
    return DimensionJudgement(leaning=leaning, evidence=f"{judgement.evidence}, a weak cue")


def _confidence(margin: float, english: bool) -> float:
    a, b = CALIBRATION
    p = 1 / (1 + math.exp(-(a * abs(margin) + b)))
    p = max(0.5, min(0.99, p))
    return round(min(p, NON_ENGLISH_CONFIDENCE) if not english else p, 2)


def _dimension(judgement: Judgement, dim: str) -> DimensionJudgement:
    score = judgement.scores[dim]
    if abs(score) < LEANING_THRESHOLD:
        leaning = "neutral"
        hits = sorted(judgement.hits[dim], key=lambda h: -abs(h.weight))
    else:
        leaning = "strategic" if score > 0 else "operational"
        hits = sorted((h for h in judgement.hits[dim] if h.weight * score > 0), key=lambda h: -abs(h.weight))
    phrases: list[str] = []
    for phrase in (h.phrase for h in hits):
        if not any(phrase.lower() in kept.lower() or kept.lower() in phrase.lower() for kept in phrases):
            phrases.append(phrase)
    phrases = phrases[:3]
    evidence = "; ".join(f'"{p}"' for p in phrases) if phrases else NO_CUE
    return DimensionJudgement(leaning=leaning, evidence=evidence)


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
_NAMES = {"scope": "scope", "level": "level", "time_horizon": "time horizon", "focus": "focus",
          "link_to_strategy": "link to strategy"}


def explain(label: str, dims: dict[str, DimensionJudgement]) -> str:
    side = "Operations strategy" if label == "strategic" else "Operations management"
    agree = [d for d in DIMENSIONS if dims[d].leaning == label]
    against = [d for d in DIMENSIONS if dims[d].leaning not in (label, "neutral")]
    parts = [f"{side}: " + (_join([_REASONS[(d, label)] for d in agree]) or "no dimension is decisive, "
                            "and without cues of direction, markets or resources a decision is taken as "
                            "day-to-day operations") + "."]
    if against:
        names = _join([_NAMES[d] for d in against])
        parts.append(f"The {names} point{'s' if len(against) == 1 else ''} the other way, but not enough to outweigh the rest.")
    parts.append(f"In the document's words, {_DEFINITIONS[label]}.")
    return " ".join(parts)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
