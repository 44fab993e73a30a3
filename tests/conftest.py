import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
DATA = Path(__file__).resolve().parent / "data"
TRAINING = ROOT / "bot" / "examples" / "training"  # the offline model's labelled training sets
_SETTING_PREFIXES = ("ALTITUDE_", "SLACK_", "OPENAI_", "DATABASE_URL", "PORT")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """Every test starts with no settings and no .env: the working directory is empty, and so is the
    cache folder (where the command line keeps a team's knowledge index)."""
    for name in list(os.environ):
        if name.startswith(_SETTING_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def cli(capsys):
    """Run `altitude ARGS` in this process; returns (exit status, stdout, stderr)."""
    from bot.cli import main

    def run(*args: str):
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            status = exc.code
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.fixture
def altitude_process(tmp_path):
    """Run `python -m bot ARGS` as a separate process, as a user would."""

    def run(*args: str | bytes, stdin: bytes = b"", env: dict | None = None, timeout: float = 60):
        environment = {k: v for k, v in os.environ.items() if not k.startswith(_SETTING_PREFIXES)}
        environment.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=stdin,
            capture_output=True,
            cwd=tmp_path,
            env=environment,
            timeout=timeout,
        )

    return run


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """The URL of an empty database, on SQLite and on PostgreSQL."""
    from tests.databases import database_url

    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def decision_log(db_url):
    from bot.storage.log import DecisionLog

    log = DecisionLog.open(db_url)
    yield log
    log.engine.dispose()


@pytest.fixture
def fake_openai():
    from tests.fakes.openai_server import FakeOpenAI

    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def fake_slack():
    from tests.fakes.slack_server import FakeSlack

    with FakeSlack() as fake:
        yield fake
