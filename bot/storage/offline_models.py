"""The `models` table: offline models trained on a deployment's reviews, and which one is active.

Reading the active model must not cost the command line its fast start, so `active_model` runs
one SQL statement through the database's own DB-API driver: the standard library's sqlite3 for a
SQLite file (no SQLAlchemy import), and SQLAlchemy's raw connection otherwise.
"""

from __future__ import annotations

import os
from urllib.parse import unquote

ACTIVE = "SELECT name, body FROM models WHERE active ORDER BY id DESC LIMIT 1"


def active_model(database_url: str, engine=None) -> tuple[str, bytes] | None:
    """The newest active model's (name, file bytes), or None: no database yet, no `models` table
    yet (it comes with the next migration), or no model trained."""
    path = _sqlite_path(database_url)
    if path is not None and engine is None:
        if path == "" or not os.path.exists(path):
            return None
        return _query_sqlite(path)
    if engine is None:
        from bot.storage.database import make_engine

        engine = make_engine(database_url)
    return _query_engine(engine)


def _sqlite_path(url: str) -> str | None:
    """The file of a `sqlite:///FILE` URL ("" for an in-memory database), None for other databases."""
    if not url.startswith("sqlite"):
        return None
    rest = url.split("://", 1)[1] if "://" in url else ""
    path = unquote(rest[1:].split("?", 1)[0]) if rest.startswith("/") else ""
    return "" if path in ("", ":memory:") else path


def _query_sqlite(path: str) -> tuple[str, bytes] | None:
    import sqlite3

    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute(ACTIVE).fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    finally:
        connection.close()
    return (row[0], bytes(row[1])) if row else None


def _query_engine(engine) -> tuple[str, bytes] | None:
    from sqlalchemy import inspect, text

    from bot.storage.database import translated_errors

    with translated_errors(engine), engine.connect() as connection:
        if not inspect(connection).has_table("models"):
            return None
        row = connection.execute(text(ACTIVE)).first()
    return (row[0], bytes(row[1])) if row else None


class ModelStore:
    """Saving trained models and activating them (SQLAlchemy; used by `altitude train`)."""

    def __init__(self, engine):
        self.engine = engine

    def save(self, *, name: str, body: bytes, examples: int, reviewed: int, figures: dict, activate: bool) -> int:
        """Store a model (once per name: the same data gives the same model) and, if asked, activate it."""
        from sqlalchemy import select, update

        from bot.storage.database import WRITE, translated_errors
        from bot.storage.models import OfflineModel, utcnow

        with translated_errors(self.engine), self.engine.execution_options(**WRITE).begin() as connection:
            found = connection.execute(select(OfflineModel.id).where(OfflineModel.name == name)).scalar()
            if found is None:
                found = connection.execute(
                    OfflineModel.__table__.insert()
                    .values(
                        name=name,
                        body=body,
                        examples=examples,
                        reviewed=reviewed,
                        figures=figures,
                        active=False,
                        created_at=utcnow(),
                    )
                    .returning(OfflineModel.id)
                ).scalar_one()
            if activate:  # one active model at a time
                connection.execute(update(OfflineModel).where(OfflineModel.id != found).values(active=False))
                connection.execute(
                    update(OfflineModel).where(OfflineModel.id == found).values(active=True, activated_at=utcnow())
                )
            return found

    def listing(self) -> list[dict]:
        from sqlalchemy import select

        from bot.storage.database import translated_errors
        from bot.storage.models import OfflineModel

        columns = [c for c in OfflineModel.__table__.c if c.key != "body"]
        with translated_errors(self.engine), self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(select(*columns).order_by(OfflineModel.id)).mappings()]
