"""Throwaway databases for tests: a SQLite file, or a fresh PostgreSQL database dropped afterwards.

PostgreSQL comes from ALTITUDE_TEST_POSTGRES_URL (default: postgres on 127.0.0.1:5432, trust auth).
Where none answers, its tests are skipped with the reason, unless ALTITUDE_REQUIRE_POSTGRES=1
(set by .ci/run), when they fail instead.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest

POSTGRES_ADMIN_URL = os.environ.get(
    "ALTITUDE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@contextmanager
def postgres_database():
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    name = f"altitude_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure means: no PostgreSQL here
        admin.dispose()
        reason = f"PostgreSQL not reachable at {make_url(POSTGRES_ADMIN_URL).render_as_string(hide_password=True)}: {type(exc).__name__}"
        if os.environ.get("ALTITUDE_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + " (ALTITUDE_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def database_url(kind: str, tmp_path):
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'decisions.db'}"
    else:
        with postgres_database() as url:
            yield url


_TEMPLATES: dict[str, bytes] = {}


def migrated_sqlite_file(path) -> str:
    """The URL of a SQLite file at `path`, which, unless it exists, is made an empty decision log
    already at the newest schema: a copy of one migrated once per test process (migrating costs each test about 70 ms;
    tests/storage/test_schema.py runs the migrations themselves on empty databases)."""
    from pathlib import Path

    if "sqlite" not in _TEMPLATES:
        import tempfile

        from bot.storage.log import DecisionLog

        with tempfile.TemporaryDirectory() as folder:
            template = Path(folder) / "template.db"
            DecisionLog.open(f"sqlite:///{template}").engine.dispose()
            _TEMPLATES["sqlite"] = template.read_bytes()
    if not Path(path).exists():
        Path(path).write_bytes(_TEMPLATES["sqlite"])
    return f"sqlite:///{path}"
