"""Exactly-once for Slack: claim a set of keys atomically before acting on an event."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Engine, delete, or_, select

from bot.storage.database import WRITE, translated_errors
from bot.storage.models import SlackClaim, utcnow


class AlreadyClaimed(Exception):
    """Raised inside a transaction to roll it back: another request took one of its keys first."""


def insert_claims(connection: Connection, keys: tuple[str, ...]) -> None:
    """Claim `keys` in `connection`'s transaction, or raise AlreadyClaimed. Only a key taken before
    counts: any other failure of the insert is the database's, and is raised as such."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    now = utcnow()
    rows = [{"key": key[:200], "created_at": now} for key in dict.fromkeys(keys)]
    statement = insert(SlackClaim).values(rows).on_conflict_do_nothing().returning(SlackClaim.key)
    if len(connection.execute(statement).all()) != len(rows):
        raise AlreadyClaimed


class Claims:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._writer = engine.execution_options(**WRITE)

    def claim(self, *keys: str) -> bool:
        """True for the one caller that inserts all `keys` first; False if any was already claimed."""
        try:
            with translated_errors(self.engine), self._writer.begin() as connection:
                insert_claims(connection, keys)
            return True
        except AlreadyClaimed:
            return False

    def mark(self, key: str) -> None:
        """Record `key` if it is not there yet (e.g. a thread Altitude has answered)."""
        self.claim(key)

    def has(self, key: str) -> bool:
        with translated_errors(self.engine), self.engine.connect() as connection:
            return connection.execute(select(SlackClaim.key).where(SlackClaim.key == key[:200])).first() is not None

    def prune(self, *, before: datetime, prefixes: tuple[str, ...] = ("event:", "message:", "trigger:")) -> int:
        """Forget old event and message claims (Slack stops retrying after minutes); threads stay."""
        condition = SlackClaim.created_at < before
        condition &= or_(*(SlackClaim.key.startswith(p) for p in prefixes))
        with translated_errors(self.engine), self._writer.begin() as connection:
            return connection.execute(delete(SlackClaim).where(condition)).rowcount
