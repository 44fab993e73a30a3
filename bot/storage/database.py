"""Connecting to the decision log's database, and keeping its schema current.

SQLite gets WAL, a busy timeout and foreign keys; every writing transaction starts with
BEGIN IMMEDIATE so concurrent writers queue on the lock instead of failing. Migrations run under
a lock (an advisory lock on PostgreSQL, the write lock on SQLite) so that processes starting
together upgrade once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import Connection, Engine, create_engine, event, exc, make_url, text
from sqlalchemy.engine import URL

from bot.errors import AltitudeError, BadInput

HEAD = "0009_answers_log"  # the newest migration; a test checks it against the migrations folder
SQLITE_BUSY_TIMEOUT_MS = 30_000
_MIGRATION_LOCK = 0x616C746974756465  # "altitude"
WRITE = {"altitude_write": True}


def connect(url: str) -> Engine:
    """An engine for `url`, reachable and with the schema at HEAD."""
    engine = make_engine(url)
    ensure_schema(engine)
    return engine


def make_engine(url: str) -> Engine:
    parsed = _parse(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True, connect_args=_connect_timeout(parsed))
    except (exc.NoSuchModuleError, ImportError):
        raise BadInput(
            f"DATABASE_URL uses an unsupported database ({parsed.drivername})",
            "use sqlite:///FILE or postgresql+psycopg://USER@HOST:PORT/DB",
        ) from None


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        raise BadInput(
            "DATABASE_URL is not a valid database URL", "use sqlite:///FILE or postgresql+psycopg://USER@HOST:PORT/DB"
        ) from None
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _connect_timeout(url: URL) -> dict:
    return {"connect_timeout": 10} if url.get_backend_name() == "postgresql" else {}


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection):
        writing = connection.get_execution_options().get("altitude_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def describe(engine: Engine) -> str:
    """Where the database is, for messages: host and port or file, never the password."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database or ':memory:'}"
    return f"{url.host or 'localhost'}:{url.port or 5432}"


@contextlib.contextmanager
def translated_errors(engine: Engine) -> Iterator[None]:
    """Turn driver failures into one line that names the database and the fix."""
    try:
        yield
    except exc.OperationalError as error:
        if _unreachable(error):
            raise AltitudeError(
                f"cannot reach the database at {describe(engine)}",
                "check DATABASE_URL and that the database server is running",
            ) from None
        raise AltitudeError(
            f"the database at {describe(engine)} failed: {_first_line(error)}",
            "check the database's health and try again",
        ) from None
    except exc.DBAPIError as error:
        raise AltitudeError(
            f"the database at {describe(engine)} failed: {_first_line(error)}",
            "check the database's health and try again",
        ) from None


def _unreachable(error: exc.OperationalError) -> bool:
    message = str(error.orig).lower()
    return any(
        s in message
        for s in ("connection", "could not", "unable to open", "timeout", "refused", "does not exist", "authentication")
    )


def _first_line(error: exc.DBAPIError) -> str:
    return str(error.orig).strip().splitlines()[0][:200] if error.orig else type(error).__name__


def current_revision(connection: Connection) -> str | None:
    try:
        with connection.begin_nested() if connection.in_transaction() else contextlib.nullcontext():
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except exc.DBAPIError:
        return None


def ensure_schema(engine: Engine) -> None:
    """Bring the schema to HEAD, once, however many processes start together."""
    with translated_errors(engine):
        with engine.connect() as connection:
            if current_revision(connection) == HEAD:
                return
        with engine.connect() as connection:
            connection = connection.execution_options(**WRITE)
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
                if current_revision(connection) != HEAD:
                    _upgrade(connection)


def _upgrade(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "bot.storage:migrations")
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
