"""Pending decisions written in groups, so that an ack can wait for its row without slowing down.

A `/classify` ack waits until its decision is in the log as pending (at most a bound; see the Slack
listener). One writer thread takes every decision queued meanwhile and logs them in one transaction:
under a burst of acks the database commits (and syncs to disk) once per group, not once per ack.
The writer keeps one connection of its own and sends each group as one multi-row INSERT on the
driver's cursor: every ack waits on this path, and each call into the driver gives up the
interpreter to the acks and must win it back, so the fewer calls the better.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from datetime import timedelta

from sqlalchemy import bindparam, insert

from bot.domain.verdict import Origin
from bot.storage.database import translated_errors
from bot.storage.models import Decision, utcnow

logger = logging.getLogger(__name__)
MAX_GROUP = 200


class PendingWriter:
    def __init__(self, log, lease: timedelta):
        self.engine = log.engine
        self.lease = lease
        self.groups = 0  # transactions committed, for tests and the benchmark
        self._queue: queue.SimpleQueue[tuple[str, Origin, str | None, Future]] = queue.SimpleQueue()
        self._connection = None
        self._insert: _DriverInsert | None = None
        threading.Thread(target=self._run, name="altitude-pending", daemon=True).start()

    def submit(self, text: str, origin: Origin, claim: str | None = None) -> Future:
        """The decision's log id, once its pending row is committed (or the database's error). With a
        `claim` (a Slack request's trigger id), None when that key was claimed before: a replay."""
        held: Future = Future()
        self._queue.put((text, origin, claim, held))
        return held

    def _run(self) -> None:
        while True:
            group = [self._queue.get()]
            while len(group) < MAX_GROUP:
                try:
                    group.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._write(group)

    def _write(self, group: list[tuple[str, Origin, str | None, Future]]) -> None:
        try:
            now = utcnow()
            rows = [dict(text=text, status="pending", created_at=now, updated_at=now, lease_until=now + self.lease,
                         attempts=1, **vars(origin)) for text, origin, _, _ in group]
            with translated_errors(self.engine):
                ids = self._commit(rows, [claim for _, _, claim, _ in group], now)
        except Exception as exc:  # noqa: BLE001 - each caller gets the error and writes its row itself; the thread lives on
            logger.warning("writing %s pending decisions failed: %s", len(group), type(exc).__name__)
            self._reconnect()
            for *_, held in group:
                held.set_exception(exc)
            return
        self.groups += 1
        for (*_, held), decision_id in zip(group, ids, strict=True):
            held.set_result(decision_id)

    def _commit(self, rows: list[dict], claims: list[str | None], now) -> list[int | None]:
        """Insert the claims and the rows of the decisions not claimed before, in one transaction;
        each row's id, None for a replay."""
        if self._connection is None:
            self._connection = self.engine.connect()  # held for good; only its driver connection is used
            self._insert = _DriverInsert(self.engine.dialect, list(rows[0]))
        driver = self._connection.connection
        cursor = driver.cursor()
        sqlite = self.engine.dialect.name == "sqlite"
        try:
            if sqlite:
                cursor.execute("BEGIN IMMEDIATE")  # the connection runs in autocommit otherwise
            wanted = [c[:200] for c in claims if c]
            taken = _claim(cursor, self.engine.dialect, wanted, now) if wanted else set()
            fresh = [i for i, c in enumerate(claims) if not c or c[:200] in taken]
            ids = self._insert.run(cursor, [rows[i] for i in fresh]) if fresh else []
            driver.commit()
        except BaseException:
            driver.rollback()
            raise
        finally:
            cursor.close()
        found: list[int | None] = [None] * len(rows)
        for i, decision_id in zip(fresh, ids, strict=True):
            found[i] = decision_id
        return found

    def _reconnect(self) -> None:
        """A failed connection is dropped; the next group opens a new one."""
        if self._connection is not None:
            try:
                self._connection.invalidate()
                self._connection.close()
            except Exception:  # noqa: BLE001 - it is being dropped anyway
                pass
            self._connection = None


def _claim(cursor, dialect, keys: list[str], now) -> set[str]:
    """Insert the keys that are not claimed yet; those it inserted."""
    if dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    from bot.storage.models import SlackClaim

    processor = SlackClaim.__table__.c.created_at.type.bind_processor(dialect)
    rows = [{"key": key, "created_at": processor(now) if processor else now} for key in dict.fromkeys(keys)]
    statement = dialect_insert(SlackClaim.__table__).values(rows).on_conflict_do_nothing()
    compiled = statement.returning(SlackClaim.__table__.c.key).compile(dialect=dialect)
    params = compiled.construct_params()
    cursor.execute(compiled.string, tuple(params[n] for n in compiled.positiontup) if compiled.positiontup else params)
    return {row[0] for row in cursor.fetchall()}


class _DriverInsert:
    """INSERT ... VALUES (...), (...) RETURNING id, compiled once per group size, with the column
    types' own conversions. Ids come from a sequence (PostgreSQL) or the next rowid (SQLite), taken
    row after row in VALUES order, so the sorted ids are in the order of the rows."""

    def __init__(self, dialect, columns: list[str]):
        self.dialect = dialect
        self.columns = columns
        self.convert = {c: p for c in columns if (p := Decision.__table__.c[c].type.bind_processor(dialect))}
        self._compiled: dict[int, tuple[str, tuple[str, ...] | None]] = {}

    def run(self, cursor, rows: list[dict]) -> list[int]:
        sql, positions = self._statement(len(rows))
        values = {f"{c}_{i}": self.convert[c](v) if c in self.convert else v
                  for i, row in enumerate(rows) for c, v in row.items()}
        cursor.execute(sql, tuple(values[name] for name in positions) if positions else values)
        return sorted(row[0] for row in cursor.fetchall())

    def _statement(self, size: int) -> tuple[str, tuple[str, ...] | None]:
        if size not in self._compiled:
            table = Decision.__table__
            rows = [{c: bindparam(f"{c}_{i}") for c in self.columns} for i in range(size)]
            compiled = insert(table).values(rows).returning(table.c.id).compile(dialect=self.dialect)
            self._compiled[size] = (compiled.string, compiled.positiontup)  # positiontup: positional paramstyles
        return self._compiled[size]
