import re
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, create_engine, inspect, text

from bot.storage import database
from bot.storage.models import Base

VERSIONS = Path(database.__file__).parent / "migrations" / "versions"


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", "bot.storage:migrations")
    return ScriptDirectory.from_config(config)


def _expected_schema() -> MetaData:
    """Our models, and the tables slack-sdk's installation and OAuth state stores read and write."""
    everything = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(everything)
    SQLAlchemyInstallationStore.build_installations_table(everything, "slack_installations")
    SQLAlchemyInstallationStore.build_bots_table(everything, "slack_bots")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(everything, "slack_oauth_states")
    return everything


def test_migrations_produce_exactly_the_models_schema(decision_log):
    with decision_log.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), _expected_schema()) == []


def test_head_constant_is_the_newest_migration():
    assert _scripts().get_current_head() == database.HEAD


def test_migrations_are_one_numbered_line():
    revisions = list(_scripts().walk_revisions())
    assert all(len(r.nextrev) <= 1 for r in revisions), "migrations must not branch"
    files = sorted(p.stem for p in VERSIONS.glob("*.py"))
    assert files == sorted(r.revision for r in revisions)
    assert all(re.fullmatch(r"\d{4}_[a-z0-9_]+", f) for f in files)


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path):
    engine = database.connect(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == database.SQLITE_BUSY_TIMEOUT_MS


def test_processes_starting_together_upgrade_once(db_url, tmp_path):
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "db", "upgrade"],
            cwd=tmp_path,
            env={"DATABASE_URL": db_url, "PATH": "/usr/bin:/bin"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    results = [(p.wait(timeout=60), p.stderr.read()) for p in processes]
    assert all(code == 0 for code, _ in results), results
    engine = create_engine(db_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [database.HEAD]
    assert {"decisions", "reviews"} <= set(inspect(engine).get_table_names())
    engine.dispose()
