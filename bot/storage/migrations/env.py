"""Alembic environment: runs on the connection `ensure_schema` passes in (or on DATABASE_URL)."""

from alembic import context

from bot.storage.models import Base

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from bot.config import load_settings
        from bot.storage.database import make_engine

        with make_engine(load_settings().database_url).connect() as fresh:
            _migrate(fresh)
            fresh.commit()
    else:
        _migrate(connection)


def _migrate(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
