"""`altitude answers ...`: the answers log from the command line (the working directory's SQLite log)."""

import csv
import io
import json

import pytest

from bot.domain.verdict import Answer, AnswerResult, Provenance
from bot.storage.answers import AnswersLog, Asked
from bot.storage.database import connect


@pytest.fixture
def logged():
    answers = AnswersLog(connect("sqlite:///altitude.db"))
    covered = AnswerResult(
        Answer(answer="Scope is broad.", citations=["scope"], in_scope=True),
        Provenance(engine="openai", prompt_version="answer-1", model="m"),
    )
    declined = AnswerResult(
        Answer(answer="Not covered.", citations=[], in_scope=False),
        Provenance(engine="rubric", prompt_version="rubric-1"),
    )
    first = answers.record(
        "What is scope?", covered, Asked(team_id="T1", channel_id="C1", thread_ts="1.1", user_id="U1")
    )
    answers.record('=HYPERLINK("https://evil.example")', declined, Asked(team_id="T1", user_id="U2"))
    answers.vote(first, user_id="U1", vote="positive", team_id="T1")
    yield answers
    answers.engine.dispose()


def test_list_shows_the_newest_first_and_json_has_every_field(cli, logged):
    status, out, _ = cli("answers", "list")
    assert status == 0 and out.index("HYPERLINK") < out.index("What is scope?") and "positive" in out
    status, out, _ = cli("answers", "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert set(rows[1]) >= {
        "id",
        "created_at",
        "team_id",
        "channel_id",
        "user_id",
        "thread_ts",
        "question",
        "answer",
        "citations",
        "in_scope",
        "engine",
        "model",
        "prompt_version",
        "feedback",
    }
    assert rows[1]["feedback"] == "positive" and rows[1]["citations"] == ["scope"] and rows[0]["feedback"] is None


def test_export_writes_csv_that_a_spreadsheet_cannot_run(cli, logged, tmp_path):
    status, _, _ = cli("answers", "export", "--output", str(tmp_path / "answers.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "answers.csv").read_text())))
    assert status == 0 and rows[0]["citations"] == "scope" and rows[1]["question"].startswith("'=HYPERLINK")
    status, out, _ = cli("answers", "export", "--format", "jsonl")
    assert [json.loads(line)["engine"] for line in out.splitlines()] == ["openai", "rubric"]


def test_stats_give_the_helpful_rate_and_what_to_write_next(cli, logged):
    status, out, _ = cli("answers", "stats")
    assert status == 0 and "openai" in out and "100%" in out and "HYPERLINK" in out
    status, out, _ = cli("answers", "stats", "--json")
    stats = json.loads(out)
    assert stats["answers"] == 2 and stats["uncovered"][0]["times"] == 1


def test_stats_on_an_empty_log_say_so(cli):
    assert cli("answers", "stats")[1].strip() == "No answers logged yet."


def test_answers_with_no_command_prints_its_own_help(cli):
    status, _, err = cli("answers")
    assert status == 2 and "list" in err and "altitude answers stats" in err


def test_review_purge_by_person_removes_their_answers_too(cli, logged):
    status, out, _ = cli("review", "purge", "--user", "U2")
    assert status == 0 and "and 1 answer to questions asked by U2" in out
    assert [r["user_id"] for r in logged.list()] == ["U1"]
