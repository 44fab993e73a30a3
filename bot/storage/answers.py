"""The answers log: every question Altitude answered, what it answered, how, and whether it helped.

A person's feedback on an answer is one vote, which a later press replaces (`answer_votes`); the
answer row keeps the latest vote of anyone, for lists. `stats` is what a team reads to improve its
documents: the helpful rate per engine and prompt version, and the questions they did not cover.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, case, delete, exc, func, insert, select, update

from bot.domain.verdict import AnswerResult
from bot.storage.database import WRITE, translated_errors
from bot.storage.models import AnswerVote, LoggedAnswer, utcnow

COLUMNS = (
    "id",
    "created_at",
    "team_id",
    "channel_id",
    "user_id",
    "thread_ts",
    "question",
    "answer",
    "citations",
    "in_scope",
    "engine",
    "model",
    "prompt_version",
    "fallback_reason",
    "input_tokens",
    "output_tokens",
    "latency_ms",
    "feedback",
)
VOTES = ("positive", "negative")


@dataclass(frozen=True)
class Asked:
    """Where a question was asked: a Slack thread, or the command line (all None)."""

    team_id: str | None = None
    channel_id: str | None = None
    thread_ts: str | None = None
    user_id: str | None = None
    key: str | None = None  # what the answer is for (its Slack message): a second answer for it replaces the first


class AnswersLog:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._writer = engine.execution_options(**WRITE)

    def record(self, question: str, result: AnswerResult, asked: Asked) -> int:
        provenance, answer = result.provenance, result.answer
        values = dict(
            created_at=utcnow(),
            team_id=asked.team_id,
            channel_id=asked.channel_id,
            thread_ts=asked.thread_ts,
            user_id=asked.user_id,
            question=question,
            answer=answer.answer,
            citations=list(answer.citations),
            in_scope=answer.in_scope,
            engine=provenance.engine,
            model=provenance.model,
            prompt_version=provenance.prompt_version,
            fallback_reason=provenance.fallback_reason,
            input_tokens=provenance.usage.input_tokens or None,
            output_tokens=provenance.usage.output_tokens or None,
            latency_ms=provenance.usage.latency_ms,
            key=asked.key[:200] if asked.key else None,
        )
        with translated_errors(self.engine), self._writer.begin() as connection:
            try:
                with connection.begin_nested():
                    return connection.execute(
                        insert(LoggedAnswer).values(**values).returning(LoggedAnswer.id)
                    ).scalar_one()
            except exc.IntegrityError:  # answered again after a crash: the answer now shown replaces it
                values.pop("created_at")
                return connection.execute(
                    update(LoggedAnswer)
                    .where(LoggedAnswer.key == values["key"])
                    .values(**values)
                    .returning(LoggedAnswer.id)
                ).scalar_one()

    def vote(self, answer_id: int, *, user_id: str, vote: str, team_id: str | None) -> bool:
        """Keep `user_id`'s vote on an answer of `team_id`'s (replacing their earlier one); False
        when there is no such answer (purged, or another team's)."""
        if vote not in VOTES:
            raise ValueError(f"a vote is positive or negative, not {vote!r}")
        now = utcnow()
        with translated_errors(self.engine), self._writer.begin() as connection:
            found = connection.execute(
                select(LoggedAnswer.id).where(LoggedAnswer.id == answer_id, LoggedAnswer.team_id == team_id)
            ).first()
            if found is None:
                return False
            changed = connection.execute(
                update(AnswerVote)
                .where(AnswerVote.answer_id == answer_id, AnswerVote.user_id == user_id)
                .values(vote=vote, voted_at=now)
            ).rowcount
            if not changed:
                connection.execute(
                    insert(AnswerVote).values(answer_id=answer_id, user_id=user_id, vote=vote, voted_at=now)
                )
            connection.execute(update(LoggedAnswer).where(LoggedAnswer.id == answer_id).values(feedback=vote))
        return True

    def get(self, answer_id: int) -> dict | None:
        with translated_errors(self.engine), self.engine.connect() as connection:
            row = connection.execute(select(LoggedAnswer).where(LoggedAnswer.id == answer_id)).mappings().first()
            return dict(row) if row else None

    def list(
        self, *, since: datetime | None = None, team_id: str | None = None, limit: int | None = None
    ) -> list[dict]:
        """Answers, newest first."""
        query = self._filtered(select(LoggedAnswer), since, team_id).order_by(LoggedAnswer.id.desc())
        if limit is not None:
            query = query.limit(limit)
        with translated_errors(self.engine), self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    def export_rows(self, *, since: datetime | None = None, batch: int = 1000) -> Iterator[dict]:
        """Every answer, oldest first, read in batches (a large log never sits in memory at once)."""
        last = 0
        while True:
            query = self._filtered(select(LoggedAnswer), since, None).where(LoggedAnswer.id > last)
            with translated_errors(self.engine), self.engine.connect() as connection:
                rows = [dict(r) for r in connection.execute(query.order_by(LoggedAnswer.id).limit(batch)).mappings()]
            yield from rows
            if len(rows) < batch:
                return
            last = rows[-1]["id"]

    def thread(self, team_id: str | None, channel_id: str, thread_ts: str, *, limit: int = 20) -> list[tuple[str, str]]:
        """A thread's earlier questions and Altitude's answers as (speaker, text), oldest first."""
        query = (
            select(LoggedAnswer.question, LoggedAnswer.answer)
            .where(
                LoggedAnswer.team_id == team_id,
                LoggedAnswer.channel_id == channel_id,
                LoggedAnswer.thread_ts == thread_ts,
            )
            .order_by(LoggedAnswer.id.desc())
            .limit(limit)
        )
        with translated_errors(self.engine), self.engine.connect() as connection:
            rows = list(connection.execute(query))
        history: list[tuple[str, str]] = []
        for question, answer in reversed(rows):
            history += [("user", question), ("altitude", answer)]
        return history

    def stats(self, *, since: datetime | None = None, team_id: str | None = None, uncovered: int = 10) -> dict:
        """Votes and the helpful rate per engine and prompt version, and the questions most often
        asked that the documents did not cover."""
        votes = func.count(AnswerVote.vote)
        positive = func.sum(case((AnswerVote.vote == "positive", 1), else_=0))
        per_engine = (
            self._filtered(
                select(
                    LoggedAnswer.engine,
                    LoggedAnswer.prompt_version,
                    func.count(func.distinct(LoggedAnswer.id)),
                    votes,
                    positive,
                ).outerjoin(AnswerVote, AnswerVote.answer_id == LoggedAnswer.id),
                since,
                team_id,
            )
            .group_by(LoggedAnswer.engine, LoggedAnswer.prompt_version)
            .order_by(LoggedAnswer.engine, LoggedAnswer.prompt_version)
        )
        missed = self._filtered(select(LoggedAnswer.question), since, team_id).where(LoggedAnswer.in_scope.is_(False))
        with translated_errors(self.engine), self.engine.connect() as connection:
            engines = [
                {
                    "engine": e,
                    "prompt_version": p,
                    "answers": n,
                    "votes": v,
                    "positive": int(y or 0),
                    "helpful_rate": round(int(y or 0) / v, 3) if v else None,
                }
                for e, p, n, v, y in connection.execute(per_engine)
            ]
            missed_questions = [q for (q,) in connection.execute(missed)]
        return {
            "answers": sum(e["answers"] for e in engines),
            "engines": engines,
            "uncovered": [{"question": q, "times": n} for q, n in _most_asked(missed_questions, uncovered)],
        }

    def week(self, *, since: datetime, until: datetime, team_id: str | None = None) -> dict:
        """The digest's and App Home's line: answers, their votes, and the top uncovered questions."""
        window = (LoggedAnswer.created_at >= since) & (LoggedAnswer.created_at < until)
        if team_id is not None:  # None: every team's, as the decision log's weeks count them
            window &= LoggedAnswer.team_id == team_id
        counts = select(
            func.count(),
            func.sum(case((LoggedAnswer.feedback == "positive", 1), else_=0)),
            func.sum(case((LoggedAnswer.feedback.is_not(None), 1), else_=0)),
        ).where(window)
        missed = select(LoggedAnswer.question).where(window, LoggedAnswer.in_scope.is_(False))
        with translated_errors(self.engine), self.engine.connect() as connection:
            answered, helpful, rated = connection.execute(counts).one()
            missed_questions = [q for (q,) in connection.execute(missed)]
        return {
            "answered": answered or 0,
            "rated": int(rated or 0),
            "helpful": int(helpful or 0),
            "uncovered": [q for q, _ in _most_asked(missed_questions, 3)],
        }

    def purge(self, *, before: datetime | None = None, user_id: str | None = None) -> int:
        """Remove answers asked before `before` and/or by `user_id` (their votes go with them), and
        `user_id`'s votes on anyone's answers."""
        condition = self._purge_condition(before, user_id)
        if condition is None:
            return 0
        with translated_errors(self.engine), self._writer.begin() as connection:
            return self._purge(connection, condition, user_id)

    def would_purge(self, *, before: datetime | None = None, user_id: str | None = None) -> int:
        """How many answers `purge` would remove, counted without taking a write lock."""
        condition = self._purge_condition(before, user_id)
        if condition is None:
            return 0
        with translated_errors(self.engine), self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(LoggedAnswer).where(condition)).scalar() or 0

    @staticmethod
    def _purge_condition(before: datetime | None, user_id: str | None):
        condition = None
        if before is not None:
            condition = LoggedAnswer.created_at < before
        if user_id is not None:
            mine = LoggedAnswer.user_id == user_id
            condition = mine if condition is None else condition & mine
        return condition

    @staticmethod
    def _purge(connection, condition, user_id: str | None) -> int:
        ids = select(LoggedAnswer.id).where(condition)
        connection.execute(delete(AnswerVote).where(AnswerVote.answer_id.in_(ids)))
        removed = connection.execute(delete(LoggedAnswer).where(condition)).rowcount
        if user_id is not None:
            voted = select(AnswerVote.answer_id).where(AnswerVote.user_id == user_id)
            touched = list(connection.execute(voted).scalars())
            connection.execute(delete(AnswerVote).where(AnswerVote.user_id == user_id))
            latest = (
                select(AnswerVote.vote)
                .where(AnswerVote.answer_id == LoggedAnswer.id)
                .order_by(AnswerVote.voted_at.desc())
                .limit(1)
                .correlate(LoggedAnswer)
                .scalar_subquery()
            )
            if touched:
                connection.execute(update(LoggedAnswer).where(LoggedAnswer.id.in_(touched)).values(feedback=latest))
        return removed

    @staticmethod
    def _filtered(query, since: datetime | None, team_id: str | None):
        if since is not None:
            query = query.where(LoggedAnswer.created_at >= since)
        if team_id is not None:
            query = query.where(LoggedAnswer.team_id == team_id)
        return query


def _most_asked(questions: list[str], limit: int) -> list[tuple[str, int]]:
    """The questions asked most, counted without regard to case or spacing, each shown as first asked."""
    counts: Counter = Counter()
    shown: dict[str, str] = {}
    for question in questions:
        flat = " ".join(question.split())
        counts[flat.lower()] += 1
        shown.setdefault(flat.lower(), flat)
    return [(shown[key], n) for key, n in counts.most_common(limit)]
