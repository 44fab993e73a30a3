"""What Altitude does, for the CLI and Slack alike: classify decisions, answer questions."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.domain import answering, knowledge, rubric
from bot.domain.knowledge import KnowledgeBase
from bot.domain.text import prepare
from bot.domain.verdict import AnswerResult, Classification, Origin, Provenance, Usage
from bot.errors import BadInput

if TYPE_CHECKING:
    from bot.storage.log import DecisionLog

OPENAI_UNAVAILABLE = "the OpenAI engine is not available in this version"


class Services:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._knowledge: KnowledgeBase | None = None
        self._log: DecisionLog | None = None

    @property
    def knowledge(self) -> KnowledgeBase:
        if self._knowledge is None:
            self._knowledge = knowledge.load(self.settings.knowledge_dir)
        return self._knowledge

    @property
    def log(self) -> DecisionLog:
        if self._log is None:
            from bot.storage.log import DecisionLog

            self._log = DecisionLog.open(self.settings.database_url)
        return self._log

    def classify(self, text: str, *, engine: str | None = None, origin: Origin | None = None) -> Classification:
        """Classify a decision; with an `origin`, log it (pending first, then its verdict)."""
        prepared = prepare(text)
        fallback = self._fallback_reason(engine)
        decision_id = self.log.record_pending(text=text, origin=origin) if origin else None
        try:
            started = time.perf_counter()
            verdict = rubric.classify(prepared)
            result = Classification(verdict, self._rubric_provenance(started, fallback, prepared.notes), decision_id)
        except Exception as exc:
            if decision_id is not None:
                self.log.record_failure(decision_id, f"{type(exc).__name__}: {exc}")
            raise
        if decision_id is not None:
            self.log.record_verdict(decision_id, result)
        return result

    def ask(self, question: str, *, engine: str | None = None) -> AnswerResult:
        prepared = prepare(question, what="question")
        fallback = self._fallback_reason(engine)
        started = time.perf_counter()
        result = answering.answer(prepared, self.knowledge)
        return AnswerResult(answer=result, provenance=self._rubric_provenance(started, fallback, prepared.notes))

    def check_engine(self, engine: str | None) -> None:
        """Refuse an engine asked for by name that cannot run here."""
        if (engine or self.settings.engine) == "openai":
            raise BadInput(OPENAI_UNAVAILABLE, "use --engine rubric")

    def _fallback_reason(self, engine: str | None) -> str | None:
        self.check_engine(engine)
        return OPENAI_UNAVAILABLE if self.settings.resolved_engine(engine) == "openai" else None

    @staticmethod
    def _rubric_provenance(started: float, fallback: str | None, notes: tuple[str, ...]) -> Provenance:
        usage = Usage(latency_ms=round((time.perf_counter() - started) * 1000, 3))
        return Provenance(engine="rubric", prompt_version=rubric.version(), usage=usage,
                          fallback_reason=fallback, notes=notes)
