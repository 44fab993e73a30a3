"""One verdict type and one answer type, shared by every engine.

Plain dataclasses, so the command line starts fast; pydantic validates them and derives their
JSON schema (`pydantic.TypeAdapter(Verdict)`) where a model's output must be checked.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Annotated, Literal

Label = Literal["strategic", "operational"]
Leaning = Literal["strategic", "operational", "neutral"]
DIMENSIONS: tuple[str, ...] = ("scope", "level", "time_horizon", "focus", "link_to_strategy")
_STRICT = {"extra": "forbid"}  # read by pydantic as the dataclasses' config


class Between:
    """A closed range for a float, which pydantic checks and writes into the JSON schema (without
    importing a validation library until a schema is needed)."""

    def __init__(self, low: float, high: float):
        self.low, self.high = low, high

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic_core import core_schema

        return core_schema.float_schema(ge=self.low, le=self.high)


@dataclass(frozen=True)
class DimensionJudgement:
    __pydantic_config__ = _STRICT
    leaning: Leaning
    evidence: str  # the words of the decision that decided this leaning


@dataclass(frozen=True)
class Dimensions:
    __pydantic_config__ = _STRICT
    scope: DimensionJudgement
    level: DimensionJudgement
    time_horizon: DimensionJudgement
    focus: DimensionJudgement
    link_to_strategy: DimensionJudgement


@dataclass(frozen=True)
class Verdict:
    """What an engine concludes about one decision."""

    __pydantic_config__ = _STRICT
    label: Label
    confidence: Annotated[float, Between(0.5, 1.0)]
    dimensions: Dimensions
    rationale: str

    def to_dict(self) -> dict:
        dims = self.dimensions
        return {
            "label": self.label,
            "confidence": self.confidence,
            "dimensions": {d: {"leaning": (j := getattr(dims, d)).leaning, "evidence": j.evidence} for d in DIMENSIONS},
            "rationale": self.rationale,
        }


@dataclass(frozen=True)
class Answer:
    """What an engine answers to one question."""

    __pydantic_config__ = _STRICT
    answer: str
    citations: list[str]
    in_scope: bool

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    latency_ms: float = 0.0


@dataclass(frozen=True)
class Provenance:
    """Which engine produced a result, and how."""

    engine: Literal["rubric", "openai"]
    prompt_version: str
    model: str | None = None
    usage: Usage = field(default_factory=Usage)
    fallback_reason: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Classification:
    verdict: Verdict
    provenance: Provenance
    decision_id: int | None = None  # the decision-log row, when the caller logged it
    message_id: int | None = None  # the outbox message that carries it to Slack, if one is owed


@dataclass(frozen=True)
class AnswerResult:
    answer: Answer
    provenance: Provenance
    answer_id: int | None = None  # the answers-log row, when the caller logged it


@dataclass(frozen=True)
class Origin:
    """Where a decision came from: `source` is slash, shortcut, auto or cli."""

    source: str
    team_id: str | None = None
    channel_id: str | None = None
    user_id: str | None = None
    message_ts: str | None = None
    permalink: str | None = None
    reply: dict | None = None  # where the verdict goes in Slack (see storage.outbox.Target)
