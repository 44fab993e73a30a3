"""Grouped pending writes: every caller gets its own row, many rows share a commit, and a failed
write reaches the caller, who then logs the decision alone."""

import threading
from concurrent.futures import Future
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.domain.verdict import Origin
from bot.errors import AltitudeError
from bot.services import Held, Services
from bot.storage.claims import Claims
from bot.storage.database import make_engine
from bot.storage.log import DecisionLog
from bot.storage.pending import PendingWriter

LEASE = timedelta(seconds=90)


def _origin(n: int) -> Origin:
    return Origin(
        source="slash",
        team_id="T1",
        channel_id="C1",
        user_id=f"U{n}",
        reply={"route": "post", "channel_id": "C1", "user_id": f"U{n}"},
    )  # a JSON column, as from Slack


def test_concurrent_callers_each_get_their_own_row_in_fewer_commits(decision_log):
    writer = PendingWriter(decision_log, LEASE)
    start = threading.Barrier(40)
    held: dict[int, Future] = {}

    def submit(n: int):
        start.wait()
        held[n] = writer.submit(f"Decision number {n}", _origin(n))

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(40)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    ids = {n: future.result(timeout=30) for n, future in held.items()}
    assert len(set(ids.values())) == 40
    for n, decision_id in ids.items():
        row = decision_log.get(decision_id)
        assert (row["text"], row["user_id"], row["status"]) == (f"Decision number {n}", f"U{n}", "pending")
        assert row["lease_until"] is not None
        assert row["reply"] == {"route": "post", "channel_id": "C1", "user_id": f"U{n}"}
    assert 0 < writer.groups < 40  # in groups, none of them failed


def test_a_failed_group_write_reaches_every_caller():
    unreachable = DecisionLog(make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"))
    writer = PendingWriter(unreachable, LEASE)
    with pytest.raises(AltitudeError, match="cannot reach the database"):
        writer.submit("Close the Leeds depot.", _origin(1)).result(timeout=30)


def test_classify_logs_a_decision_alone_when_its_grouped_write_failed(db_url):
    services = Services(Settings(database_url=db_url))
    text = "Cleaners start at 6am tomorrow on floor 3."
    failed = Future()
    failed.set_exception(AltitudeError("cannot reach the database"))
    held = Held(text, services.prepare(text), "rubric", _origin(7), failed)
    result = services.classify_held(held)
    row = services.log.get(result.decision_id)
    assert (row["status"], row["label"], row["attempts"]) == ("classified", "operational", 1)
    assert row["lease_until"] is None  # classified: no lease left
    services.log.engine.dispose()


def test_the_writer_reconnects_after_its_connection_is_cut():
    from sqlalchemy import text

    from tests.databases import postgres_database

    with postgres_database() as url:
        log = DecisionLog.open(url)
        writer = PendingWriter(log, LEASE)
        first = writer.submit("Close the Leeds depot.", _origin(1)).result(timeout=30)
        with log.engine.connect() as connection:  # what a database restart or a failover does to it
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        with pytest.raises(Exception):  # noqa: B017 - whichever error the driver raises for a killed connection
            writer.submit("Open a night shift in Leeds.", _origin(2)).result(timeout=30)
        later = writer.submit("Open a night shift in Leeds.", _origin(2)).result(timeout=30)
        assert later > first and log.get(later)["status"] == "pending"
        log.engine.dispose()


def test_a_claimed_message_is_logged_once_with_its_claims_in_the_same_transaction(decision_log):
    keys = ("event:Ev1", "message:T1:C1:1700000000.000100")
    first = decision_log.record_pending_once(keys=keys, text="Close the Leeds depot.", origin=_origin(1), lease=LEASE)
    again = decision_log.record_pending_once(
        keys=("event:Ev2", keys[1]), text="Close the Leeds depot.", origin=_origin(1), lease=LEASE
    )
    assert first is not None and again is None
    assert [row["id"] for row in decision_log.list()] == [first]
    assert decision_log.get(first)["lease_until"] is not None
    assert not Claims(decision_log.engine).has("event:Ev2")  # the refused transaction left nothing behind


def test_a_group_that_cannot_be_written_does_not_stop_the_writer(decision_log):
    from dataclasses import dataclass

    @dataclass
    class NotAnOrigin:  # a field the decision log has no column for
        planet: str = "Mars"

    writer = PendingWriter(decision_log, LEASE)
    with pytest.raises(Exception):  # noqa: B017 - a KeyError on SQLite, the driver's ProgrammingError on PostgreSQL
        writer.submit("Close the Leeds depot.", NotAnOrigin()).result(timeout=30)
    later = writer.submit("Close the Leeds depot.", _origin(3)).result(timeout=30)
    assert decision_log.get(later)["user_id"] == "U3"


def test_a_replayed_request_is_logged_once_in_the_same_group_or_a_later_one(decision_log):
    """Forty callers at once: twenty with ten claims between them (each twice), twenty with none.
    Each claim gets one row, the unclaimed callers get one each, and every id names its own text."""
    writer = PendingWriter(decision_log, LEASE)
    start = threading.Barrier(40)
    held: dict[int, Future] = {}

    def submit(n: int):
        start.wait()
        claim = f"trigger:{n % 10}" if n < 20 else None
        held[n] = writer.submit(f"Decision number {n}", _origin(n), claim)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(40)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    ids = {n: future.result(timeout=30) for n, future in held.items()}
    claimed = [n for n in range(20) if ids[n] is not None]
    assert sorted(n % 10 for n in claimed) == list(range(10))
    assert all(ids[n] is not None for n in range(20, 40))
    for n in claimed + list(range(20, 40)):
        assert decision_log.get(ids[n])["text"] == f"Decision number {n}"
    assert len(decision_log.list(limit=100)) == 30
    assert writer.submit("Decision number 3", _origin(3), "trigger:3").result(timeout=30) is None  # a later group


def test_a_decision_logged_alone_with_its_claim_is_logged_once(decision_log):
    first, again = (
        decision_log.record_pending(text="Close the Leeds depot.", origin=_origin(1), lease=LEASE, claim="trigger:9")
        for _ in range(2)
    )
    assert first is not None and again is None
    assert [row["id"] for row in decision_log.list()] == [first]


def test_the_writer_waits_for_the_database_not_for_the_disk_and_other_connections_still_sync(decision_log):
    writer = PendingWriter(decision_log, LEASE)
    writer.submit("Close the Leeds depot.", _origin(1)).result(timeout=30)
    driver = writer._connection.connection.driver_connection
    setting = "PRAGMA synchronous" if decision_log.engine.dialect.name == "sqlite" else "SHOW synchronous_commit"
    with decision_log.engine.connect() as other:
        ours, theirs = driver.execute(setting).fetchone()[0], other.exec_driver_sql(setting).scalar()
    expected = (1, 2) if decision_log.engine.dialect.name == "sqlite" else ("off", "on")  # SQLite: NORMAL, FULL
    assert (ours, theirs) == expected


KILLED_WRITER = """
import sys
from datetime import timedelta
from bot.domain.verdict import Origin
from bot.storage.log import DecisionLog
from bot.storage.pending import PendingWriter
writer = PendingWriter(DecisionLog.open(sys.argv[1]), timedelta(seconds=90))
origin = Origin(source="slash", team_id="T1", channel_id="C1", user_id="U1", reply={"route": "post"})
print(writer.submit("Open a second plant in Brazil.", origin, "trigger:killed").result(timeout=30), flush=True)
sys.stdin.read()
"""


def test_a_row_the_ack_waited_for_outlives_a_killed_process(db_url):
    import signal
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, db_url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        decision_id = int(process.stdout.readline())
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    log = DecisionLog.open(db_url)
    row = log.get(decision_id)
    assert (row["text"], row["status"]) == ("Open a second plant in Brazil.", "pending")
    log.engine.dispose()
