"""The offline engine: a trained linear model gives the verdict, named cues and the model's own
weights give the five dimensions and their evidence.

Deterministic, local and fast. Instructions inside a decision are blanked out first, so they never
count as evidence. The model is the shipped one unless the caller passes another (a team's own,
trained on its reviews: see `bot.training`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import evidence, instructions
from bot.domain.cuebook import CUEBOOK, WORD_SETS
from bot.domain.cues import Hit, Matcher, Scan
from bot.domain.linear import LinearModel, Scored
from bot.domain.shipped import SHIPPED_MODEL, shipped_model  # noqa: F401 - this module's public names too
from bot.domain.text import PreparedText
from bot.domain.verdict import DIMENSIONS, Dimensions, Label, Verdict

NON_ENGLISH_CONFIDENCE = 0.55
MAX_CONFIDENCE = 0.99
MATCHER = Matcher(CUEBOOK, WORD_SETS)
READ_WITH_THE_WHOLE = evidence.READ_WITH_THE_WHOLE


def version(model: LinearModel | None = None) -> str:
    """The name of the model that makes the verdicts: `rubric-` and a hash of its content."""
    return (model or shipped_model()).name


@dataclass(frozen=True)
class Reading:
    """Everything the engine saw in one decision."""

    source: str  # the decision as given
    text: str  # with instructions blanked out
    scan: Scan  # the cues found, and the words
    scored: Scored
    label: Label
    confidence: float

    @property
    def hits(self) -> list[Hit]:
        return self.scan.hits

    def phrases(self, toward: Label, limit: int = 3) -> list[evidence.Phrase]:
        scan = self.scan
        return evidence.model_phrases(
            self.text, scan.spans, scan.words, self.scored.word_contributions, toward, limit=limit
        )


def read(prepared: PreparedText, model: LinearModel | None = None) -> Reading:
    model = model or shipped_model()
    text = instructions.mask(prepared.text)
    scan = MATCHER.scan(text)
    scored = model.score(text, [h.cue.id for h in scan.hits])
    return Reading(prepared.text, text, scan, scored, *verdict_of(scored.calibrated, english=prepared.english))


def verdict_of(p_strategic: float, *, english: bool = True) -> tuple[Label, float]:
    """The label and its confidence for a calibrated probability of strategy."""
    label: Label = "strategic" if p_strategic >= 0.5 else "operational"
    cap = MAX_CONFIDENCE if english else NON_ENGLISH_CONFIDENCE
    return label, round(max(0.5, min(cap, max(p_strategic, 1 - p_strategic))), 2)


def classify(prepared: PreparedText, model: LinearModel | None = None) -> Verdict:
    reading = read(prepared, model)
    dims = evidence.dimensions(reading.hits, reading.label, lambda: reading.phrases(reading.label))
    return Verdict(
        label=reading.label,
        confidence=reading.confidence,
        dimensions=Dimensions(**{d: dims[d] for d in DIMENSIONS}),
        rationale=evidence.rationale(reading.label, dims),
    )


def explain(reading: Reading, model: LinearModel | None = None, *, limit: int = 5) -> dict:
    """The workings of one verdict. The parts add up to the margin exactly: intercept, cues, the
    phrases listed for each side, and the rest of the words."""
    model = model or shipped_model()
    scored = reading.scored
    cues = [
        {
            "id": h.cue.id,
            "dimension": h.cue.dimension,
            "weight": h.cue.weight,
            "kind": h.cue.kind,
            "phrase": h.phrase,
            "contribution": round(scored.cue_contributions.get(h.cue.id, 0.0), 4),
        }
        for h in reading.hits
    ]
    sides = {
        toward: [
            {"phrase": p.text, "contribution": round(p.weight if toward == "strategic" else -p.weight, 4)}
            for p in reading.phrases(toward, limit)
        ]
        for toward in ("strategic", "operational")
    }
    listed = sum(row["contribution"] for rows in sides.values() for row in rows)
    words = sum(scored.word_contributions)
    return {
        "model": model.name,
        "margin": round(scored.margin, 4),
        "probability": round(scored.probability, 4),
        "calibrated": round(scored.calibrated, 4),
        "intercept": round(model.intercept, 4),
        "cues": cues,
        "toward_strategic": sides["strategic"],
        "toward_operational": sides["operational"],
        "other_words": round(words - listed, 4),
        "instructions_ignored": instructions.signals(reading.source),
    }
