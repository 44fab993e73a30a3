"""The digest's data: aggregates over one week, computed in SQL, and its exactly-once claims."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import datetime, timedelta

from sqlalchemy import Engine, case, delete, exc, func, insert, select, update

from bot.storage.database import WRITE, translated_errors
from bot.storage.log import EXPORT_COLUMNS, DecisionLog, _rows_query
from bot.storage.models import Decision, DigestPost, Review, utcnow

STALE_CLAIM = timedelta(minutes=10)  # a claim older than this belonged to a process that died


class DigestStore:
    def __init__(self, log: DecisionLog):
        self.log = log
        self.engine: Engine = log.engine
        self._writer = self.engine.execution_options(**WRITE)

    # --- aggregates ---

    def week_summary(self, *, since: datetime, until: datetime, team_id: str | None) -> dict:
        """Totals by effective label (a review's label where there is one), awaiting review, reviewed
        and corrected, busiest channels. Reviews are few beside decisions, so they are counted apart."""
        window = self._window(since, until, team_id)
        totals = select(
            func.count().label("total"), func.sum(case((Decision.label == "strategic", 1), else_=0)).label("strategic")
        ).where(*window)
        channels = (
            select(Decision.channel_id, func.count().label("n"))
            .where(*window, Decision.channel_id.is_not(None))
            .group_by(Decision.channel_id)
            .order_by(func.count().desc(), Decision.channel_id)
            .limit(5)
        )
        with translated_errors(self.engine), self.engine.connect() as connection:
            row = connection.execute(totals).mappings().one()
            busiest = [(r.channel_id, r.n) for r in connection.execute(channels)]
            reviewed = connection.execute(self._reviews(window)).all()
        total, strategic = int(row["total"] or 0), int(row["strategic"] or 0)
        moved_up = sum(1 for _, label, review, _ in reviewed if label == "operational" and review == "strategic")
        moved_down = sum(1 for _, label, review, _ in reviewed if label == "strategic" and review == "operational")
        strategic += moved_up - moved_down
        return {
            "total": total,
            "strategic": strategic,
            "operational": total - strategic,
            "awaiting": total - len(reviewed),
            "reviewed": len(reviewed),
            "corrected": sum(1 for _, label, review, _ in reviewed if label != review),
            "channels": busiest,
        }

    def top_decisions(self, *, since: datetime, until: datetime, team_id: str | None, limit: int) -> list[dict]:
        """The week's most significant decisions: strategic (as reviewed) first, then the most confident."""
        window = self._window(since, until, team_id)
        strategic_first = case((Decision.label == "strategic", 0), else_=1)
        by_engine = (
            select(Decision.id)
            .where(*window)
            .order_by(strategic_first, Decision.confidence.desc(), Decision.id)
            .limit(2 * limit)
        )
        with translated_errors(self.engine), self.engine.connect() as connection:
            candidates = set(connection.execute(by_engine).scalars())
            promoted = sorted(
                (-(conf or 0), i)
                for i, _, review, conf in connection.execute(self._reviews(window))
                if review == "strategic"
            )[: 2 * limit]
            candidates |= {i for _, i in promoted}
            rows = [dict(r) for r in connection.execute(_rows_query().where(Decision.id.in_(candidates))).mappings()]
        rows.sort(key=lambda r: ((r["review_label"] or r["label"]) != "strategic", -(r["confidence"] or 0), r["id"]))
        return rows[:limit]

    def _window(self, since: datetime, until: datetime, team_id: str | None) -> list:
        window = [Decision.created_at >= since, Decision.created_at < until, Decision.status == "classified"]
        return window + [Decision.team_id == team_id] if team_id is not None else window

    @staticmethod
    def _reviews(window: list):
        """(id, Altitude's label, the latest review's label, confidence) of the reviewed decisions in the
        window, driven from the reviews (few) into the decisions by primary key."""
        latest = (
            select(Review.decision_id, func.max(Review.id).label("review_id"))
            .group_by(Review.decision_id)
            .subquery("latest")
        )
        return (
            select(Decision.id, Decision.label, Review.label, Decision.confidence)
            .select_from(latest)
            .join(Review, Review.id == latest.c.review_id)
            .join(Decision, Decision.id == latest.c.decision_id)
            .where(*window)
        )

    def week_rows(self, *, since: datetime, until: datetime, team_id: str | None) -> Iterator[dict]:
        """Every decision of the week, streamed, for the CSV attachment."""
        query = _rows_query().where(Decision.created_at >= since, Decision.created_at < until).order_by(Decision.id)
        if team_id is not None:
            query = query.where(Decision.team_id == team_id)
        with translated_errors(self.engine), self.engine.connect() as connection:
            for row in connection.execution_options(yield_per=1000).execute(query).mappings():
                yield {column: row[column] for column in EXPORT_COLUMNS}

    # --- exactly once ---

    def claim(self, *, team_id: str, channel_id: str, week: str) -> str:
        """ "claimed" if this process may post; else "posted" or "in progress" (another process)."""
        me = f"{socket.gethostname()}:{os.getpid()}"
        key = (DigestPost.team_id == team_id, DigestPost.channel_id == channel_id, DigestPost.week == week)
        with translated_errors(self.engine):
            try:
                with self._writer.begin() as connection:
                    connection.execute(
                        insert(DigestPost).values(
                            team_id=team_id,
                            channel_id=channel_id,
                            week=week,
                            status="claimed",
                            claimed_by=me,
                            claimed_at=utcnow(),
                        )
                    )
                return "claimed"
            except exc.IntegrityError:
                pass
            with self._writer.begin() as connection:
                row = connection.execute(select(DigestPost).where(*key)).mappings().one()
                if row["status"] == "posted":
                    return "posted"
                if utcnow() - row["claimed_at"] < STALE_CLAIM:
                    return "in progress"
                taken = connection.execute(
                    update(DigestPost)
                    .where(*key, DigestPost.claimed_at == row["claimed_at"])
                    .values(claimed_by=me, claimed_at=utcnow())
                ).rowcount
                return "claimed" if taken else "in progress"

    def status(self, *, team_id: str, channel_id: str, week: str) -> str | None:
        """ "posted", "claimed" (being posted), or None when no one has posted that week's digest."""
        with translated_errors(self.engine), self.engine.connect() as connection:
            return connection.execute(
                select(DigestPost.status).where(
                    DigestPost.team_id == team_id, DigestPost.channel_id == channel_id, DigestPost.week == week
                )
            ).scalar()

    def mark_posted(self, *, team_id: str, channel_id: str, week: str, message_ts: str | None) -> None:
        with translated_errors(self.engine), self._writer.begin() as connection:
            connection.execute(
                update(DigestPost)
                .where(DigestPost.team_id == team_id, DigestPost.channel_id == channel_id, DigestPost.week == week)
                .values(status="posted", posted_at=utcnow(), message_ts=message_ts)
            )

    def release(self, *, team_id: str, channel_id: str, week: str, posted_too: bool = False) -> None:
        """Give up a claim after a failed post, so a later try can succeed (`posted_too`: a claim
        already marked posted, whose message Slack then refused for good)."""
        statuses = ("claimed", "posted") if posted_too else ("claimed",)
        with translated_errors(self.engine), self._writer.begin() as connection:
            connection.execute(
                delete(DigestPost).where(
                    DigestPost.team_id == team_id,
                    DigestPost.channel_id == channel_id,
                    DigestPost.week == week,
                    DigestPost.status.in_(statuses),
                )
            )
