"""What Altitude does, for the CLI and Slack alike: classify decisions, answer questions.

With the OpenAI engine, any failure of the model falls back to the offline engine, whose result
carries `fallback_reason`: the caller always gets a verdict or an answer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.domain.text import PreparedText, prepare
from bot.domain.verdict import AnswerResult, Classification, Origin, Provenance, Usage
from bot.errors import BadInput

if TYPE_CHECKING:
    from concurrent.futures import Future
    from datetime import timedelta

    from bot.active_model import ActiveModel
    from bot.domain.knowledge import KnowledgeBase
    from bot.leases import LeaseKeeper
    from bot.llm.engine import OpenAIEngine
    from bot.storage.answers import AnswersLog, Asked
    from bot.storage.claims import Claims
    from bot.storage.log import DecisionLog
    from bot.storage.outbox import Outbox
    from bot.storage.pending import PendingWriter
    from bot.storage.usage import ModelBudget


def _log():
    """This module's logger. `logging` is imported on first use: the command line starts faster
    without it, and it is needed only when something goes wrong."""
    import logging

    return logging.getLogger(__name__)


@dataclass(frozen=True)
class Held:
    """A decision accepted from Slack, with its text prepared and its engine chosen, whose pending
    row is being written: `decision` gives its id, or None for a replay."""

    text: str
    prepared: PreparedText
    engine: str
    origin: Origin
    decision: Future
    claim: str | None = None


class Services:
    """Parts are built on first use (so a command loads only what it needs), once, even when many
    Slack workers ask at the same moment."""

    def __init__(self, settings: Settings, *, model_refresh: float | None = None, index_on_disk: bool = True):
        """`model_refresh`: how often (seconds) a long-running process re-reads which offline model is
        active; None reads it once. `index_on_disk`: keep the index of a team's knowledge in the user's
        cache folder, for processes that start often (the command line); a server keeps it in memory."""
        self.settings = settings
        self.model_refresh = model_refresh
        self.index_on_disk = index_on_disk
        self.on_unexpected: list = []  # called with (where) when something fails that is not the model's fault
        # Count every model call per team and day, even with no budget set (the Slack app shows today's use).
        self.count_model_calls = settings.daily_model_calls is not None
        self._parts: dict[str, object] = {}
        self._building = threading.RLock()  # building one part may build another

    def _part(self, name: str, build):
        part = self._parts.get(name)
        if part is None:
            with self._building:
                part = self._parts.get(name)
                if part is None:
                    part = self._parts[name] = build()
        return part

    @property
    def knowledge(self) -> KnowledgeBase:
        def build():
            from bot.domain import knowledge, retrieval, search_index

            kb = knowledge.load(self.settings.knowledge_dir)
            for note in kb.notes:
                _log().warning("%s", note)
            if len(kb.sections) <= retrieval.SMALL_INDEX_SECTIONS:  # indexed in a millisecond: nothing to cache
                return kb.with_index(retrieval.build_index(kb))
            fingerprint = retrieval.index_fingerprint(kb)
            cached = search_index.cache_path(fingerprint) if self.index_on_disk else None
            return kb.with_index(
                search_index.load_or_build(
                    cached, fingerprint, lambda: retrieval.build_index(kb, fingerprint), warn=_log().warning
                )
            )

        return self._part("knowledge", build)

    @property
    def log(self) -> DecisionLog:
        def build():
            from bot.storage.log import DecisionLog

            return DecisionLog.open(self.settings.database_url)

        return self._part("log", build)

    @log.setter
    def log(self, value: DecisionLog) -> None:
        self._parts["log"] = value

    @property
    def openai(self) -> OpenAIEngine:
        def build():
            from bot.llm.engine import OpenAIEngine

            return OpenAIEngine(self.settings, self.knowledge)

        return self._part("openai", build)

    @property
    def offline_model(self) -> ActiveModel:
        def build():
            from bot.active_model import ActiveModel
            from bot.storage.offline_models import active_model

            def fetch():
                log = self._parts.get("log")  # a process with the log open reads through its engine
                return active_model(self.settings.database_url, log.engine if log is not None else None)

            return ActiveModel(fetch, refresh=self.model_refresh)

        return self._part("offline_model", build)

    @property
    def outbox(self) -> Outbox:
        def build():
            from bot.storage.outbox import Outbox

            return Outbox(self.log.engine)

        return self._part("outbox", build)

    @property
    def answers(self) -> AnswersLog:
        def build():
            from bot.storage.answers import AnswersLog

            return AnswersLog(self.log.engine)

        return self._part("answers", build)

    @property
    def budget(self) -> ModelBudget:
        def build():
            from bot.storage.usage import ModelBudget

            return ModelBudget(self.log.engine, self.settings.daily_model_calls)

        return self._part("budget", build)

    @property
    def leases(self) -> LeaseKeeper:
        def build():
            from bot.leases import LeaseKeeper
            from bot.storage.outbox import SEND_LEASE

            return LeaseKeeper(
                {
                    "decision": (lambda ids, lease: self.log.renew_leases(ids, lease=lease), self.lease),
                    "message": (lambda ids, lease: self.outbox.renew(ids, lease=lease, status="pending"), self.lease),
                    "send": (lambda ids, lease: self.outbox.renew(ids, lease=lease, status="queued"), SEND_LEASE),
                }
            )

        return self._part("leases", build)

    @property
    def claims(self) -> Claims:
        def build():
            from bot.storage.claims import Claims

            return Claims(self.log.engine)

        return self._part("claims", build)

    @property
    def pending(self) -> PendingWriter:
        def build():
            from bot.storage.pending import PendingWriter

            return PendingWriter(self.log, self.lease)

        return self._part("pending", build)

    def warm(self) -> None:
        """Build what serving needs before the first request: knowledge, the log, the engine."""
        self.knowledge, self.log, self.claims, self.pending  # noqa: B018 - touched for their side effect
        if self.settings.resolved_engine() == "openai" and self.settings.openai_configured:
            self.openai.warm()

    def review(self, decision_id: int, *, reviewer: str, choice: str, team_id: str | None = None) -> dict:
        """Record a review: `choice` is a label, or "agree" to confirm Altitude's. From Slack, a team
        reviews only its own decisions."""
        row = self.log.get(decision_id)
        if row is None or (team_id is not None and row["team_id"] != team_id):
            raise BadInput(f"no decision with id {decision_id}", "it may have been purged")
        label = row["label"] if choice == "agree" else choice
        if label not in ("strategic", "operational"):
            raise BadInput(f"decision {decision_id} has no verdict to agree with", "choose strategic or operational")
        return self.log.add_review(decision_id=decision_id, label=label, reviewer=reviewer)

    def decision(self, decision_id: int) -> tuple[dict, Classification] | None:
        """A logged decision and its verdict, as the engines return it."""
        row = self.log.get(decision_id)
        if row is None or row["label"] is None:
            return None
        return row, classification_from_row(row)

    def home(self, team_id: str | None) -> dict:
        from datetime import datetime

        from bot.domain import weeks

        start, end = weeks.bounds(weeks.week_of(datetime.now(UTC), self.settings.timezone), self.settings.timezone)
        awaiting = [r for r in self.log.list(team_id=team_id, unreviewed=True, limit=40) if r["status"] == "classified"]
        from bot.storage.digests import DigestStore

        week = DigestStore(self.log).week_summary(since=start, until=end, team_id=team_id)
        answers = self.answers.week(since=start, until=end, team_id=team_id)
        answers["recent"] = self.answers.list(since=start, team_id=team_id, limit=5)
        used = self.budget.used(team_id or "").get(team_id or "", {"calls": 0, "refused": 0})
        return {
            "recent": self.log.list(team_id=team_id, limit=10),
            "awaiting": awaiting[:10],
            "counts": week,
            "answers": answers,
            "model_use": {**used, "limit": self.settings.daily_model_calls},
        }

    def readiness(self) -> str | None:
        """None when ready to serve; else what is wrong (database unreachable, schema not current)."""
        import os

        from bot.storage.database import HEAD, current_revision

        url = self.log.engine.url
        if (
            url.get_backend_name() == "sqlite"
            and url.database not in (None, "", ":memory:")
            and not os.path.exists(url.database)
        ):  # an open connection still reads a file deleted under it
            return "database file is gone"
        try:
            with self.log.engine.connect() as connection:
                revision = current_revision(connection)
        except Exception as exc:  # noqa: BLE001 - any failure means not ready
            return f"database unreachable ({type(exc).__name__})"
        return None if revision == HEAD else f"schema at {revision}, expected {HEAD}"

    def check_engine(self, engine: str | None) -> str:
        """The engine that will run; refuses the OpenAI engine asked for by name without a key."""
        resolved = self.settings.resolved_engine(engine)
        if resolved == "openai" and not self.settings.openai_configured:
            raise BadInput(
                "the openai engine needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local server",
                "set OPENAI_API_KEY, or OPENAI_BASE_URL (e.g. http://localhost:11434/v1 for Ollama), "
                "or use --engine rubric",
            )
        return resolved

    @property
    def lease(self) -> timedelta:
        """How long a pending decision belongs to the process classifying it."""
        from datetime import timedelta

        return timedelta(seconds=self.settings.lease_seconds)

    def prepare(self, text: str) -> PreparedText:
        """A decision's text made ready for an engine, once; BadInput says what to fix."""
        return prepare(text)

    def hold(self, text: str, origin: Origin, claim: str | None = None) -> Held:
        """Accept a decision from Slack: prepare its text and choose its engine (BadInput says what
        to fix), and start logging it as pending and leased, in a group with others (see
        `storage.pending`). With a `claim` (a request's trigger id), a replay of a request already
        taken is logged not at all. Classify it with `classify_held`."""
        prepared, engine = prepare(text), self.check_engine(None)
        return Held(text, prepared, engine, origin, self.pending.submit(text, origin, claim), claim)

    def hold_once(self, keys: tuple[str, ...], text: str, origin: Origin) -> int | None:
        """Claim a Slack message's `keys` and log its decision as pending and leased, at once: the
        decision's id, or None when the message was taken before. Classify it with `finish`."""
        return self.log.record_pending_once(keys=keys, text=text, origin=origin, lease=self.lease)

    def classify(self, text: str, *, engine: str | None = None, origin: Origin | None = None) -> Classification:
        """Classify a decision; with an `origin`, log it (pending first, then its verdict, with its
        message to Slack queued in the same transaction when the origin says where it goes)."""
        prepared = prepare(text)
        resolved = self.check_engine(engine)
        if origin is None:
            return self._classify(prepared, resolved)
        decision_id = self.log.record_pending(text=text, origin=origin)
        return self._finish(decision_id, prepared, resolved, team_id=origin.team_id)

    def classify_held(self, held: Held, *, pause: Callable[[], None] | None = None) -> Classification | None:
        """Classify a decision accepted by `hold`; None when it was a replay. `pause` runs between the
        model's reply and the log write (in `serve`: wait for the acks in flight)."""
        try:
            decision_id = held.decision.result()
        except Exception as exc:  # noqa: BLE001 - the grouped write failed: this one is written alone
            _log().warning("a grouped pending write failed (%s); writing it alone", type(exc).__name__)
            decision_id = self.log.record_pending(
                text=held.text, origin=held.origin, lease=self.lease, claim=held.claim
            )
        if decision_id is None:
            return None
        return self._finish(decision_id, held.prepared, held.engine, pause, team_id=held.origin.team_id)

    def finish(
        self,
        decision_id: int,
        text: str | PreparedText,
        *,
        engine: str | None = None,
        pause: Callable[[], None] | None = None,
        team_id: str | None = None,
    ) -> Classification:
        """Classify a decision already logged as pending (by `hold_once`, or left by a dead process)."""
        prepared = text if isinstance(text, PreparedText) else prepare(text)
        return self._finish(decision_id, prepared, self.check_engine(engine), pause, team_id=team_id)

    def _finish(
        self,
        decision_id: int,
        prepared: PreparedText,
        engine: str,
        pause: Callable[[], None] | None = None,
        *,
        team_id: str | None = None,
    ) -> Classification:
        with self.leases.keep("decision", decision_id):  # a slow model never loses the lease to another replica
            try:
                result = self._classify(prepared, engine, team_id=team_id)
            except Exception as exc:
                self.log.record_failure(decision_id, type(exc).__name__)
                raise
            if pause is not None:
                pause()
            message_id = self.log.record_verdict(decision_id, result)
        return Classification(result.verdict, result.provenance, decision_id, message_id)

    def ask(
        self,
        question: str,
        *,
        engine: str | None = None,
        history: Sequence[tuple[str, str]] = (),
        asked: Asked | None = None,
        on_text: Callable[[str], None] | None = None,
    ) -> AnswerResult:
        """Answer a question; `history` is the thread so far as (speaker, text), oldest first. With
        `asked` (where it was asked), the answer is kept in the answers log and carries its id.
        `on_text` gets a model's answer so far as it is written (an offline answer comes whole)."""
        prepared = prepare(question, what="question")
        team_id = asked.team_id if asked else None
        result = self._answer(prepared, self.check_engine(engine), history, team_id, on_text)
        if asked is None:
            return result
        return replace(result, answer_id=self.answers.record(prepared.text, result, asked))

    def _answer(
        self,
        prepared: PreparedText,
        engine: str,
        history: Sequence[tuple[str, str]],
        team_id: str | None,
        on_text: Callable[[str], None] | None,
    ) -> AnswerResult:
        if engine != "openai":
            return self._answer_offline(prepared, None, history)
        from bot.domain import threads

        if (decision := threads.decision_asked(prepared.text, history)) is not None:
            return self._verdict_answer(prepared, decision, team_id)
        if not self._within_budget(team_id):
            return self._answer_offline(prepared, self.budget.exhausted_reason(), history)
        try:
            return self.openai.answer(prepared, history, on_text=on_text)
        except Exception as exc:  # noqa: BLE001 - the user gets the offline answer; see _fallback_reason
            return self._answer_offline(prepared, self._fallback_reason("ask", exc), history)

    def _verdict_answer(self, question: PreparedText, decision: str, team_id: str | None) -> AnswerResult:
        """A "which side" question answered with the verdict `classify` gives the same decision, by
        the same engine (and the same fallback)."""
        from bot.domain import answering

        classification = self._classify(prepare(decision, what="question"), "openai", team_id=team_id)
        answer = answering.verdict_answer(question.text, classification.verdict, self.knowledge)
        return AnswerResult(answer, replace(classification.provenance, notes=question.notes))

    def explain(self, text: str) -> dict:
        """How the offline engine reads a decision (`classify --explain`)."""
        model = self.offline_model.current()
        from bot.domain import rubric

        return rubric.explain(rubric.read(prepare(text), model), model)

    def _classify(self, prepared: PreparedText, engine: str, *, team_id: str | None = None) -> Classification:
        """`team_id`: whose daily budget of model calls pays for it (None: the command line's)."""
        if engine == "openai":
            if not self._within_budget(team_id):
                return self._classify_offline(prepared, self.budget.exhausted_reason())
            try:
                result = self.openai.classify(prepared)
            except Exception as exc:  # noqa: BLE001 - the user gets the offline verdict; see _fallback_reason
                return self._classify_offline(prepared, self._fallback_reason("classify", exc))
            return self._guard_instructions(prepared, result)
        return self._classify_offline(prepared, None)

    def _within_budget(self, team_id: str | None) -> bool:
        """Take one model call from the team's daily budget, if one is set (ALTITUDE_DAILY_MODEL_CALLS)."""
        return not self.count_model_calls or self.budget.take(team_id)

    def _guard_instructions(self, prepared: PreparedText, result: Classification) -> Classification:
        """Instructions inside a decision cannot set its label: where they are present and the
        model's label differs from the offline engine's, the offline verdict stands."""
        from bot.domain import instructions

        signals = instructions.signals(prepared.text)
        if not signals:
            return result
        offline = self._classify_offline(prepared, None)
        if offline.verdict.label == result.verdict.label:
            return result
        reason = (
            f"the decision contains instructions to the model ({signals[0][:60]}); the offline engine's verdict is used"
        )
        return Classification(
            offline.verdict, replace(offline.provenance, fallback_reason=reason, notes=result.provenance.notes)
        )

    def _fallback_reason(self, where: str, exc: Exception) -> str:
        """Why the offline engine answered. The model's own failures (its API, a timeout, output that
        breaks the schema, a refusal) are expected; anything else is a fault of ours: it is logged with
        its traceback and reported to the observers (Slack's /metrics), and the user still gets an answer."""
        from bot.llm.engine import EngineFailure

        if isinstance(exc, EngineFailure):
            _log().warning("model engine fell back to the rubric engine: %s", exc)
            return str(exc)
        _log().error("the model engine failed unexpectedly in %s", where, exc_info=exc)
        for observe in self.on_unexpected:
            observe(where)
        return f"the model engine failed unexpectedly ({type(exc).__name__}; details in the log)"

    def _classify_offline(self, prepared: PreparedText, fallback: str | None) -> Classification:
        started = time.perf_counter()
        model = self.offline_model.current()
        from bot.domain import rubric

        verdict = rubric.classify(prepared, model)
        return Classification(verdict, _offline_provenance(model.name, started, fallback, prepared.notes))

    def _answer_offline(
        self, prepared: PreparedText, fallback: str | None, history: Sequence[tuple[str, str]] = ()
    ) -> AnswerResult:
        started = time.perf_counter()
        model = self.offline_model.current()
        if history:
            from bot.domain import threads

            result = threads.answer_in_thread(prepared, history, self.knowledge, model)
        else:
            from bot.domain import answering

            result = answering.answer(prepared, self.knowledge, model)
        return AnswerResult(result, _offline_provenance(model.name, started, fallback, prepared.notes))


def classification_from_row(row: dict) -> Classification:
    from bot.domain.verdict import DimensionJudgement, Dimensions, Verdict

    dims = Dimensions(**{d: DimensionJudgement(**v) for d, v in row["dimensions"].items()})
    verdict = Verdict(
        label=row["label"], confidence=row["confidence"], dimensions=dims, rationale=row["rationale"] or ""
    )
    provenance = Provenance(
        engine=row["engine"] or "rubric",
        prompt_version=row["prompt_version"] or "",
        model=row["model"],
        fallback_reason=row["fallback_reason"],
    )
    return Classification(verdict, provenance, row["id"])


def _offline_provenance(model: str, started: float, fallback: str | None, notes: tuple[str, ...]) -> Provenance:
    usage = Usage(latency_ms=round((time.perf_counter() - started) * 1000, 3))
    return Provenance(engine="rubric", prompt_version=model, usage=usage, fallback_reason=fallback, notes=notes)
