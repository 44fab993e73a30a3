"""The decision log: logged decisions a second (one and four writers) and a 100,000-row export.

Runs on SQLite and, when one answers, on the PostgreSQL at ALTITUDE_TEST_POSTGRES_URL
(default postgres@127.0.0.1:5432). Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.databases import postgres_database

PER_WRITER = 500
EXPORT_ROWS = 100_000
WRITER = """
import sys, time
from bot.config import Settings
from bot.domain.verdict import Origin
from bot.services import Services
from bot.storage.log import DecisionLog
services = Services(Settings())
services.log = DecisionLog.open(sys.argv[1])
started = time.time()
for i in range(int(sys.argv[2])):
    services.classify(f"Crew {i} moves the substation inspection to Friday 6am.", origin=Origin(source="cli", user_id="U1"))
print(started, time.time())
"""


def logged_per_second(url: str, writers: int) -> float:
    """Decisions logged a second by `writers` processes together, timed from inside the writers."""
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, str(PER_WRITER)], stdout=subprocess.PIPE, text=True)
        for _ in range(writers)
    ]
    spans = [tuple(map(float, p.communicate()[0].split())) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    return writers * PER_WRITER / (max(end for _, end in spans) - min(start for start, _ in spans))


def fill(url: str, rows: int) -> None:
    from sqlalchemy import insert

    from bot.storage.log import DecisionLog
    from bot.storage.models import Decision

    log = DecisionLog.open(url)
    now = datetime.now(UTC)
    batch = [
        dict(
            created_at=now,
            updated_at=now,
            status="classified",
            source="auto",
            team_id="T1",
            channel_id="C1",
            user_id="U1",
            text=f"Decision number {i}: move the night shift to 6am at depot {i % 40}.",
            label="operational",
            confidence=0.9,
            engine="rubric",
            prompt_version="rubric-bench",
            dimensions={"scope": {"leaning": "operational", "evidence": '"night shift"'}},
        )
        for i in range(10_000)
    ]
    with log.engine.begin() as connection:
        for _ in range(rows // len(batch)):
            connection.execute(insert(Decision), batch)
    log.engine.dispose()


def export(url: str, fmt: str) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of `altitude review export` as its own process."""
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "review", "export", "--format", fmt, "--output", os.devnull], env=env
    )
    _, status, usage = os.wait4(proc.pid, 0)
    assert status == 0
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def bench(name: str, make_url) -> None:
    for writers in (1, 4):
        with make_url() as url:
            fill(url, 0)
            print(
                f"{name}: {writers} writer{'s' * (writers > 1)}: {logged_per_second(url, writers):,.0f} logged decisions/s "
                f"(each a pending insert and a verdict update, committed separately)"
            )
    for rows in (10_000, EXPORT_ROWS):
        with make_url() as url:
            fill(url, rows)
            for fmt in ("csv", "jsonl"):
                seconds, peak = export(url, fmt)
                print(f"{name}: export {rows:,} rows as {fmt}: {seconds:.2f} s, peak memory {peak:.0f} MB")


def sqlite_url():
    from contextlib import contextmanager

    @contextmanager
    def make():
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"

    return make()


def main() -> None:
    bench("SQLite", sqlite_url)
    try:
        bench("PostgreSQL", postgres_database)
    except BaseException as exc:  # noqa: BLE001 - pytest's skip is a BaseException
        print(f"PostgreSQL: skipped ({exc})")


if __name__ == "__main__":
    main()
