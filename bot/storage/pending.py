"""Pending decisions written in groups, so that an ack can wait for its row without slowing down.

A `/classify` ack waits until its decision is in the log as pending (at most a bound; see the Slack
listener). One writer thread takes every decision queued meanwhile and logs them in one statement:
under a burst of acks the database commits once per group, not once per ack.
The writer keeps one connection of its own, in autocommit, and sends each group as one multi-row
INSERT on the driver's cursor: every ack waits on this path, and each call into the driver gives up
the interpreter to the acks and must win it back, so the fewer calls the better. A request's claim
(its trigger id) is a unique column of the decision itself, so a replay is refused by that same
statement.

What an ack waits for is the row in the database, which keeps it through any crash of Altitude (a
kill, a deploy, an out-of-memory): SQLite has it in its write-ahead log and PostgreSQL in its own
memory. It does not wait for the disk to sync. A sync takes a fraction of a millisecond on a quiet
disk, but hundreds of milliseconds when the machine is busy (the kernel thread that commits the
file system's journal waits for a CPU), and every ack in the group would wait with it. The disk has
the row soon after: SQLite syncs its log with the next write from any other connection, the
decision's own verdict among them (those keep `synchronous=FULL`), and PostgreSQL within three
`wal_writer_delay`s (0.6 s by default). Only a power loss or an operating-system crash in that
moment can lose a decision whose ack said "Classifying…".
"""

from __future__ import annotations

import logging
import queue
import re
import sqlite3
import threading
import time
from concurrent.futures import Future
from dataclasses import fields
from datetime import timedelta

from sqlalchemy import bindparam

from bot.domain.verdict import Origin
from bot.storage.database import SQLITE_BUSY_TIMEOUT_MS, translated_errors
from bot.storage.models import Decision, utcnow

logger = logging.getLogger(__name__)
MAX_GROUP = 200
# SQLite's own busy handler sleeps ever longer between tries (up to 100 ms), so a writer that meets
# the write lock held by a stream of other transactions waits hundreds of milliseconds, and every
# ack with it. This writer, whose callers are acks, tries again every millisecond instead.
BUSY_POLL_SECONDS = 0.001
SHARED = ("status", "created_at", "updated_at", "lease_until", "attempts")  # the same in every row of a group
COLUMNS = [
    "text",
    "status",
    "created_at",
    "updated_at",
    "lease_until",
    "attempts",
    "claim",
    *(field.name for field in fields(Origin)),
]


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
        try:
            self._open()  # now, not in the middle of the first burst of acks
        except Exception as exc:  # noqa: BLE001 - the first group tries again, and its callers get the error
            logger.warning("opening the pending writer's connection failed: %s", type(exc).__name__)
            self._reconnect()
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
            rows = [
                dict(
                    text=text,
                    status="pending",
                    created_at=now,
                    updated_at=now,
                    lease_until=now + self.lease,
                    attempts=1,
                    claim=claim[:200] if claim else None,
                    **vars(origin),
                )
                for text, origin, claim, _ in group
            ]
            with translated_errors(self.engine):
                ids = self._commit(rows)
        except Exception as exc:  # noqa: BLE001 - each caller gets the error and writes its row itself; the thread lives on
            logger.warning("writing %s pending decisions failed: %s", len(group), type(exc).__name__)
            self._reconnect()
            for *_, held in group:
                held.set_exception(exc)
            return
        self.groups += 1
        for (*_, held), decision_id in zip(group, ids, strict=True):
            held.set_result(decision_id)

    def _commit(self, rows: list[dict]) -> list[int | None]:
        """Insert the rows in one statement, in autocommit (one statement is atomic and durable by
        itself): each row's id, None for a replay. One call into the driver and no COMMIT after it:
        each call gives up the interpreter, which this thread must then win back from the acks."""
        if self._connection is None:
            self._open()
        deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
        while True:
            cursor = self._connection.connection.cursor()
            try:
                return _match(rows, self._insert.run(cursor, rows))
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                    raise
            finally:
                cursor.close()
            time.sleep(BUSY_POLL_SECONDS)

    def _open(self) -> None:
        self._connection = self.engine.connect()  # held for good; only its driver connection is used
        driver = self._connection.connection.driver_connection
        if self.engine.dialect.name == "sqlite":  # its connections run in autocommit already
            driver.execute("PRAGMA wal_autocheckpoint=0")  # other connections checkpoint, off the ack path
            driver.execute("PRAGMA busy_timeout=0")  # see BUSY_POLL_SECONDS
            driver.execute("PRAGMA synchronous=NORMAL")  # see the module's docstring: kept through a crash
        else:
            driver.autocommit = True
            driver.execute("SET synchronous_commit = off")  # the same, for PostgreSQL
        if self._insert is None:
            self._insert = _DriverInsert(self.engine.dialect, COLUMNS)
            self._insert.statement(1)

    def _reconnect(self) -> None:
        """A failed connection is dropped; the next group opens a new one."""
        if self._connection is not None:
            try:
                self._connection.invalidate()
                self._connection.close()
            except Exception:  # noqa: BLE001 - it is being dropped anyway
                pass
            self._connection = None


def _match(rows: list[dict], inserted: list[tuple[int, str | None]]) -> list[int | None]:
    """Each row's id among the rows inserted, (id, claim); None for a row whose claim was taken
    before, or by an earlier row of the same group. Rows without a claim were all inserted, their
    ids in the order of the rows."""
    by_claim = {claim: decision_id for decision_id, claim in inserted if claim is not None}
    unclaimed = iter(sorted(decision_id for decision_id, claim in inserted if claim is None))
    return [by_claim.pop(row["claim"], None) if row["claim"] else next(unclaimed) for row in rows]


class _DriverInsert:
    """INSERT ... VALUES (...), (...) ON CONFLICT (claim) DO NOTHING, compiled once per group size,
    with the column types' own conversions; it returns the rows inserted as (id, claim). PostgreSQL
    says so itself (RETURNING). On SQLite (AUTOINCREMENT, one statement holding the write lock) the
    new ids are the last `rowcount` ones when every row went in, so only a group with a replay in it
    reads them back."""

    def __init__(self, dialect, columns: list[str]):
        self.dialect = dialect
        self.columns = columns
        types = {c: Decision.__table__.c[c].type.dialect_impl(dialect) for c in columns}  # the dialect's own JSON
        self.convert = {c: p for c, kind in types.items() if (p := kind.bind_processor(dialect))}
        self._compiled: dict[int, tuple[str, tuple[str, ...] | None]] = {}

    def run(self, cursor, rows: list[dict]) -> list[tuple[int, str | None]]:
        sql, positions = self.statement(len(rows))
        shared = {c: self.convert[c](rows[0][c]) if c in self.convert else rows[0][c] for c in SHARED}
        values = {
            f"{c}_{i}": shared[c] if c in shared else self.convert[c](v) if c in self.convert else v
            for i, row in enumerate(rows)
            for c, v in row.items()
        }
        cursor.execute(sql, tuple(values[name] for name in positions) if positions else values)
        if self.dialect.name != "sqlite":
            return [(row[0], row[1]) for row in cursor.fetchall()]
        count, last = cursor.rowcount, cursor.lastrowid
        if count == len(rows):
            return list(zip(range(last - count + 1, last + 1), (row["claim"] for row in rows), strict=True))
        if count == 0:
            return []
        # A row skipped for its claim still used up its id, so the new ones lie among the last
        # len(rows) ids; the group's own created_at tells them from an earlier group's.
        created = values["created_at_0"]
        cursor.execute(
            f"SELECT id, claim FROM {Decision.__tablename__} WHERE id BETWEEN ? AND ? AND created_at = ?",
            (last - len(rows) + 1, last, created),
        )
        return [(row[0], row[1]) for row in cursor.fetchall()]

    def statement(self, size: int) -> tuple[str, tuple[str, ...] | None]:
        """The statement for `size` rows: the one-row statement, compiled once, with its VALUES row
        repeated (compiling one for each group size would cost the writer milliseconds of CPU, in the
        middle of a burst, for every new size)."""
        if size not in self._compiled:
            head, row, tail, positions = self._one_row()
            rows = ", ".join(_ROW_PARAM.sub(rf"%(\g<1>_{i})s", row) for i in range(size))
            named = None if positions is None else tuple(_numbered(name, i) for i in range(size) for name in positions)
            self._compiled[size] = (f"{head}{rows}{tail}", named)
        return self._compiled[size]

    def _one_row(self) -> tuple[str, str, str, tuple[str, ...] | None]:
        """The compiled one-row statement, cut into what comes before its VALUES row, the row, and
        what follows; with its parameters' order for positional paramstyles (SQLite's)."""
        if self.dialect.name == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        table = Decision.__table__
        statement = insert(table).values({c: bindparam(f"{c}_0") for c in self.columns})
        statement = statement.on_conflict_do_nothing(index_elements=["claim"])
        if self.dialect.name != "sqlite":
            statement = statement.returning(table.c.id, table.c.claim)
        compiled = statement.compile(dialect=self.dialect)
        sql, positions = compiled.string, compiled.positiontup
        values = sql.index(" VALUES ") + len(" VALUES ")
        end = sql.index(" ON CONFLICT ")
        return sql[:values], sql[values:end], sql[end:], tuple(positions) if positions else None


_ROW_PARAM = re.compile(r"%\((\w+)_0\)s")  # a named parameter of the one-row statement (pyformat)


def _numbered(name: str, row: int) -> str:
    if not name.endswith("_0"):
        raise ValueError(f"unexpected parameter {name!r} in the pending insert")
    return f"{name[:-2]}_{row}"
