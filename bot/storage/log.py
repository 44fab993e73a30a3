"""The decision log's data functions: record, review, list, export, stats, purge.

Keyword-only arguments; every function opens its own short transaction. Writes start with
BEGIN IMMEDIATE on SQLite (see `database`), so concurrent writers wait instead of failing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.orm import Session

from bot.domain.verdict import Classification, Origin
from bot.errors import BadInput
from bot.storage.claims import AlreadyClaimed, insert_claims
from bot.storage.database import WRITE, connect, translated_errors
from bot.storage.models import Decision, Review, utcnow
from bot.storage.outbox import Target, enqueue

EXPORT_COLUMNS = (
    "id",
    "created_at",
    "team_id",
    "channel_id",
    "user_id",
    "source",
    "message_ts",
    "permalink",
    "status",
    "text",
    "label",
    "confidence",
    "engine",
    "model",
    "prompt_version",
    "fallback_reason",
    "input_tokens",
    "output_tokens",
    "cached_tokens",
    "latency_ms",
    "delivery",
    "review_label",
    "reviewed_by",
    "reviewed_at",
)


def _insert_for(connection):
    """The dialect's INSERT, which knows ON CONFLICT."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert


@dataclass(frozen=True)
class PurgeResult:
    decisions: int
    reviews: int


def _db_errors(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with translated_errors(self.engine):
            return method(self, *args, **kwargs)

    return wrapper


def _iter_db_errors(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with translated_errors(self.engine):
            yield from method(self, *args, **kwargs)

    return wrapper


class DecisionLog:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._writer = engine.execution_options(**WRITE)

    @classmethod
    def open(cls, url: str) -> DecisionLog:
        return cls(connect(url))

    def _write(self) -> Session:
        return Session(self._writer, expire_on_commit=False)

    def _read(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @_db_errors
    def record_pending(
        self, *, text: str, origin: Origin, lease: timedelta | None = None, claim: str | None = None
    ) -> int | None:
        """Log a decision before its verdict exists, so a process that dies loses nothing. With a
        `lease`, another process may take the decision over once the lease has run out. With a
        `claim` (the Slack request's trigger id), None when that request was logged before."""
        now = utcnow()
        with self._writer.begin() as connection:
            statement = _insert_for(connection)(Decision).values(
                text=text,
                status="pending",
                created_at=now,
                updated_at=now,
                lease_until=now + lease if lease else None,
                attempts=1,
                claim=claim[:200] if claim else None,
                **vars(origin),
            )
            statement = statement.on_conflict_do_nothing(index_elements=["claim"]).returning(Decision.id)
            return connection.execute(statement).scalar()

    @_db_errors
    def record_pending_once(self, *, keys: tuple[str, ...], text: str, origin: Origin, lease: timedelta) -> int | None:
        """Claim the Slack `keys` and log a leased pending decision, in one transaction: the new
        decision's id, or None when any key was claimed before (a retry, a duplicate delivery)."""
        now = utcnow()
        try:
            with self._writer.begin() as connection:
                insert_claims(connection, keys)
                statement = insert(Decision).values(
                    text=text,
                    status="pending",
                    created_at=now,
                    updated_at=now,
                    lease_until=now + lease,
                    attempts=1,
                    **vars(origin),
                )
                return connection.execute(statement.returning(Decision.id)).scalar_one()
        except AlreadyClaimed:
            return None

    @_db_errors
    def take_orphan(self, *, lease: timedelta) -> dict | None:
        """One pending decision whose lease has run out (its process died), re-leased to the caller:
        a compare-and-set on the old lease, so two processes never take the same one."""
        now = utcnow()
        found = (
            select(Decision.id, Decision.lease_until)
            .where(Decision.status == "pending", Decision.lease_until.is_not(None), Decision.lease_until < now)
            .order_by(Decision.id)
            .limit(5)
        )
        with self._writer.begin() as connection:
            for decision_id, old_lease in connection.execute(found).all():
                renewed = connection.execute(
                    update(Decision)
                    .where(Decision.id == decision_id, Decision.lease_until == old_lease)
                    .values(lease_until=now + lease, attempts=Decision.attempts + 1)
                ).rowcount
                if renewed:
                    break
            else:
                return None
        return self.get(decision_id)

    @_db_errors
    def renew_leases(self, decision_ids: list[int], *, lease: timedelta) -> int:
        """Extend the leases of decisions this process is still working on (a heartbeat)."""
        with self._writer.begin() as connection:
            return connection.execute(
                update(Decision)
                .where(Decision.id.in_(decision_ids), Decision.status == "pending")
                .values(lease_until=utcnow() + lease)
            ).rowcount

    @_db_errors
    def record_verdict(self, decision_id: int, result: Classification) -> int | None:
        """Record the verdict and, when the decision is owed a reply in Slack, queue its message in the
        same transaction (see `storage.outbox`); the message's id, or None."""
        verdict, prov = result.verdict, result.provenance
        values = dict(
            status="classified",
            lease_until=None,
            label=verdict.label,
            confidence=verdict.confidence,
            dimensions=verdict.to_dict()["dimensions"],
            rationale=verdict.rationale,
            engine=prov.engine,
            model=prov.model,
            prompt_version=prov.prompt_version,
            fallback_reason=prov.fallback_reason,
            input_tokens=prov.usage.input_tokens,
            output_tokens=prov.usage.output_tokens,
            cached_tokens=prov.usage.cached_tokens,
            latency_ms=prov.usage.latency_ms,
            updated_at=utcnow(),
        )
        with self._writer.begin() as connection:
            connection.execute(update(Decision).where(Decision.id == decision_id).values(**values))
            team, reply = connection.execute(
                select(Decision.team_id, Decision.reply).where(Decision.id == decision_id)
            ).one()
            if not reply:
                return None
            options = reply.get("options") or {}  # how the message goes out, e.g. a private response_type
            target = Target(**{k: v for k, v in reply.items() if k != "options"})
            return enqueue(
                connection,
                key=f"verdict:{decision_id}",
                kind="verdict",
                team_id=team,
                target=target,
                payload=options,
                decision_id=decision_id,
            )

    @_db_errors
    def record_failure(self, decision_id: int, error: str) -> None:
        with self._write() as session, session.begin():
            session.execute(
                update(Decision)
                .where(Decision.id == decision_id)
                .values(status="failed", error=error[:2000], lease_until=None, updated_at=utcnow())
            )

    @_db_errors
    def record_permalink(self, decision_id: int, permalink: str) -> None:
        """The link to the decision's own message, found after the decision was logged."""
        with self._write() as session, session.begin():
            session.execute(
                update(Decision)
                .where(Decision.id == decision_id, Decision.permalink.is_(None))
                .values(permalink=permalink)
            )

    @_db_errors
    def get(self, decision_id: int) -> dict | None:
        with self.engine.connect() as connection:
            row = connection.execute(_rows_query().where(Decision.id == decision_id)).mappings().first()
            return dict(row) if row else None

    @_db_errors
    def add_review(self, *, decision_id: int, label: str, reviewer: str, note: str | None = None) -> dict:
        with self._write() as session, session.begin():
            if session.get(Decision, decision_id) is None:
                raise BadInput(f"no decision with id {decision_id}", "see the ids with: altitude review list")
            review = Review(decision_id=decision_id, label=label, reviewer=reviewer, note=note)
            session.add(review)
            session.flush()
            return {
                "id": review.id,
                "decision_id": decision_id,
                "label": label,
                "reviewer": reviewer,
                "note": note,
                "created_at": review.created_at,
            }

    @_db_errors
    def list(
        self,
        *,
        since: datetime | None = None,
        unreviewed: bool = False,
        label: str | None = None,
        team_id: str | None = None,
        limit: int = 200,
    ) -> list[dict]:
        query = _filtered(_rows_query(), since=since, unreviewed=unreviewed, label=label)
        if team_id is not None:
            query = query.where(Decision.team_id == team_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(Decision.id.desc()).limit(limit)).mappings()
            return [dict(row) for row in rows]

    @_iter_db_errors
    def export_rows(self, *, since: datetime | None = None, batch: int = 1000) -> Iterator[dict]:
        """Every decision with its latest review, oldest first, streamed in batches."""
        query = _filtered(_rows_query(), since=since).order_by(Decision.id)
        with self.engine.connect() as connection:
            result = connection.execution_options(yield_per=batch).execute(query).mappings()
            for row in result:
                yield {column: row[column] for column in EXPORT_COLUMNS}

    @_db_errors
    def reviewed(self) -> list[dict]:
        """Every decision with a review: its text and its latest review's label, oldest first."""
        review_label = latest_review(Review.label)
        query = (
            select(Decision.id, Decision.text, review_label.label("review_label"))
            .where(review_label.is_not(None))
            .order_by(Decision.id)
        )
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    @_db_errors
    def review_stats(self, *, since: datetime | None = None) -> list[dict]:
        """Per engine and prompt version: decisions reviewed, how many reviewers agreed, the confusion matrix."""
        review_label = latest_review(Review.label)
        query = (
            select(
                Decision.engine,
                Decision.prompt_version,
                Decision.label,
                review_label.label("review_label"),
                func.count().label("n"),
            )
            .where(Decision.label.is_not(None), review_label.is_not(None))
            .group_by(Decision.engine, Decision.prompt_version, Decision.label, review_label)
        )
        if since is not None:
            query = query.where(Decision.created_at >= since)
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    @_db_errors
    def purge(self, *, before: datetime | None = None, user_id: str | None = None) -> PurgeResult:
        """Remove decisions (and their reviews) made before `before` and/or by `user_id`."""
        condition = _purge_condition(before, user_id)
        with self._write() as session, session.begin():
            ids = select(Decision.id).where(condition)
            reviews = session.execute(delete(Review).where(Review.decision_id.in_(ids))).rowcount
            decisions = session.execute(delete(Decision).where(condition)).rowcount
        return PurgeResult(decisions=decisions, reviews=reviews)

    def would_purge(self, *, before: datetime | None = None, user_id: str | None = None) -> PurgeResult:
        """What `purge` would remove, counted without taking a write lock."""
        condition = _purge_condition(before, user_id)
        ids = select(Decision.id).where(condition)
        with self.engine.connect() as connection:
            decisions = connection.execute(select(func.count()).select_from(Decision).where(condition)).scalar()
            reviews = connection.execute(
                select(func.count()).select_from(Review).where(Review.decision_id.in_(ids))
            ).scalar()
        return PurgeResult(decisions=decisions or 0, reviews=reviews or 0)


def _purge_condition(before: datetime | None, user_id: str | None):
    if before is None and user_id is None:
        raise BadInput("purge needs --before DATE or --user USER_ID", "say which decisions to remove")
    if user_id is not None and not user_id.strip():
        raise BadInput("--user is empty", "give the Slack user ID whose decisions and questions to remove")
    conditions = []
    if before is not None:
        conditions.append(Decision.created_at < before)
    if user_id is not None:
        conditions.append(Decision.user_id == user_id)
    return conditions[0] if len(conditions) == 1 else conditions[0] & conditions[1]


def latest_review(column):
    """`column` of a decision's latest review, as a correlated subquery (an index seek per row on
    reviews(decision_id, id), which SQLite and PostgreSQL both plan well)."""
    return (
        select(column)
        .where(Review.decision_id == Decision.id)
        .order_by(Review.id.desc())
        .limit(1)
        .correlate(Decision)
        .scalar_subquery()
    )


def _rows_query():
    columns = [c for c in Decision.__table__.c if c.key not in ("dimensions", "claim")]  # a claim is internal
    return select(
        *columns,
        Decision.dimensions,
        latest_review(Review.label).label("review_label"),
        latest_review(Review.reviewer).label("reviewed_by"),
        latest_review(Review.created_at).label("reviewed_at"),
    )


def _filtered(query, *, since=None, unreviewed=False, label=None):
    columns = query.selected_columns
    if since is not None:
        query = query.where(Decision.created_at >= since)
    if unreviewed:
        query = query.where(columns.review_label.is_(None))
    if label is not None:
        query = query.where(func.coalesce(columns.review_label, Decision.label) == label)
    return query
