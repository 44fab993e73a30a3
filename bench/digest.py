"""Composing a weekly digest over 100,000 decisions in one week, aggregated in SQL.

On SQLite and, when one answers, on PostgreSQL (ALTITUDE_TEST_POSTGRES_URL). Prints the time to
compose (totals, reviews, busiest channels, the most significant decisions, eight weeks of history)
and to render the chart. Goal: composing under one second.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.databases import postgres_database

ROWS = 100_000
WEEK = "2026-W47"
MONDAY = datetime(2026, 11, 16, tzinfo=UTC)


def fill(url: str) -> None:
    from sqlalchemy import insert

    from bot.storage.log import DecisionLog
    from bot.storage.models import Decision, Review

    log = DecisionLog.open(url)
    rows = []
    for i in range(ROWS):
        when = MONDAY + timedelta(seconds=i * 6)  # spread over the week
        rows.append(
            dict(
                created_at=when,
                updated_at=when,
                status="classified",
                source="auto",
                team_id="T1",
                channel_id=f"C{i % 37}",
                user_id=f"U{i % 500}",
                text=f"Decision {i}: move shift {i % 9} to 6am.",
                label="strategic" if i % 5 == 0 else "operational",
                confidence=0.5 + (i % 50) / 100,
                engine="rubric",
                prompt_version="rubric-bench",
                permalink=f"https://x.slack.com/archives/C1/p{i}",
            )
        )
    with log.engine.begin() as connection:
        for start in range(0, ROWS, 10_000):
            connection.execute(insert(Decision), rows[start : start + 10_000])
        connection.execute(
            insert(Review),
            [dict(decision_id=i, reviewer="U9", label="strategic", created_at=MONDAY) for i in range(1, ROWS, 7)],
        )
    log.engine.dispose()


def measure(name: str, url: str) -> None:
    from bot import digests
    from bot.config import Settings
    from bot.services import Services

    fill(url)
    services = Services(Settings(database_url=url))
    digests.compose(services, WEEK, "T1")  # warm the connection pool
    times = []
    for _ in range(5):
        started = time.perf_counter()
        digest = digests.compose(services, WEEK, "T1")
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    digests.chart_png(digest.series)
    chart = time.perf_counter() - started
    print(
        f"{name}: compose over {digest.summary['total']:,} decisions: median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); chart {chart * 1000:.0f} ms   (goal: compose < 1,000 ms)"
    )
    services.log.engine.dispose()


@contextmanager
def sqlite():
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/digest.db"


def main() -> None:
    with sqlite() as url:
        measure("SQLite", url)
    try:
        with postgres_database() as url:
            measure("PostgreSQL", url)
    except BaseException as exc:  # noqa: BLE001 - pytest's skip is a BaseException
        print(f"PostgreSQL: skipped ({exc})")


if __name__ == "__main__":
    main()
