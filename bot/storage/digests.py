"""The digest's data: aggregates over one week, computed in SQL, and its exactly-once claims."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import datetime, timedelta

from sqlalchemy import Engine, case, delete, exc, func, insert, select, update

from bot.storage.database import WRITE, translated_errors
from bot.storage.log import EXPORT_COLUMNS, DecisionLog, _latest_review, _rows_query
from bot.storage.models import Decision, DigestPost, utcnow

STALE_CLAIM = timedelta(minutes=10)  # a claim older than this belonged to a process that died


class DigestStore:
    def __init__(self, log: DecisionLog):
        self.log = log
        self.engine: Engine = log.engine
        self._writer = self.engine.execution_options(**WRITE)

    # --- aggregates ---

    def week_summary(self, *, since: datetime, until: datetime, team_id: str | None) -> dict:
        """Totals by effective label, awaiting review, reviewed and corrected, busiest channels."""
        latest = _latest_review()
        effective = func.coalesce(latest.c.label, Decision.label)
        window = [Decision.created_at >= since, Decision.created_at < until, Decision.status == "classified"]
        if team_id is not None:
            window.append(Decision.team_id == team_id)
        totals = (select(func.count().label("total"),
                         func.sum(case((effective == "strategic", 1), else_=0)).label("strategic"),
                         func.sum(case((latest.c.label.is_(None), 1), else_=0)).label("awaiting"),
                         func.sum(case((latest.c.label.is_not(None), 1), else_=0)).label("reviewed"),
                         func.sum(case((latest.c.label != Decision.label, 1), else_=0)).label("corrected"))
                  .select_from(Decision).outerjoin(latest, latest.c.decision_id == Decision.id).where(*window))
        channels = (select(Decision.channel_id, func.count().label("n")).where(*window, Decision.channel_id.is_not(None))
                    .group_by(Decision.channel_id).order_by(func.count().desc(), Decision.channel_id).limit(5))
        with translated_errors(self.engine), self.engine.connect() as connection:
            row = connection.execute(totals).mappings().one()
            busiest = [(r.channel_id, r.n) for r in connection.execute(channels)]
        summary = {k: int(row[k] or 0) for k in ("total", "strategic", "awaiting", "reviewed", "corrected")}
        summary["operational"] = summary["total"] - summary["strategic"]
        summary["channels"] = busiest
        return summary

    def top_decisions(self, *, since: datetime, until: datetime, team_id: str | None, limit: int) -> list[dict]:
        """The week's most significant decisions: strategic first, then the most confident."""
        query = _rows_query().where(Decision.created_at >= since, Decision.created_at < until,
                                    Decision.status == "classified")
        if team_id is not None:
            query = query.where(Decision.team_id == team_id)
        effective = func.coalesce(query.selected_columns.review_label, Decision.label)
        query = query.order_by(case((effective == "strategic", 0), else_=1), Decision.confidence.desc(), Decision.id)
        with translated_errors(self.engine), self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(query.limit(limit)).mappings()]

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
        """"claimed" if this process may post; else "posted" or "in progress" (another process)."""
        me = f"{socket.gethostname()}:{os.getpid()}"
        key = (DigestPost.team_id == team_id, DigestPost.channel_id == channel_id, DigestPost.week == week)
        with translated_errors(self.engine):
            try:
                with self._writer.begin() as connection:
                    connection.execute(insert(DigestPost).values(team_id=team_id, channel_id=channel_id, week=week,
                                                                 status="claimed", claimed_by=me, claimed_at=utcnow()))
                return "claimed"
            except exc.IntegrityError:
                pass
            with self._writer.begin() as connection:
                row = connection.execute(select(DigestPost).where(*key)).mappings().one()
                if row["status"] == "posted":
                    return "posted"
                if utcnow() - row["claimed_at"] < STALE_CLAIM:
                    return "in progress"
                taken = connection.execute(update(DigestPost).where(*key, DigestPost.claimed_at == row["claimed_at"])
                                           .values(claimed_by=me, claimed_at=utcnow())).rowcount
                return "claimed" if taken else "in progress"

    def mark_posted(self, *, team_id: str, channel_id: str, week: str, message_ts: str | None) -> None:
        with translated_errors(self.engine), self._writer.begin() as connection:
            connection.execute(update(DigestPost).where(DigestPost.team_id == team_id, DigestPost.channel_id == channel_id,
                                                        DigestPost.week == week)
                               .values(status="posted", posted_at=utcnow(), message_ts=message_ts))

    def release(self, *, team_id: str, channel_id: str, week: str) -> None:
        """Give up a claim after a failed post, so a later try can succeed."""
        with translated_errors(self.engine), self._writer.begin() as connection:
            connection.execute(delete(DigestPost).where(DigestPost.team_id == team_id, DigestPost.channel_id == channel_id,
                                                        DigestPost.week == week, DigestPost.status == "claimed"))
