import csv
import io
import json
import subprocess
import sys


def test_classify_logs_by_default_and_returns_the_row_id(cli):
    status, out, _ = cli("classify", "--json", "Board approved exiting the bus market by 2030.")
    assert status == 0 and json.loads(out)["id"] == 1
    status, out, _ = cli("classify", "--json", "Cleaners start 6am tomorrow.")
    assert json.loads(out)["id"] == 2


def test_no_log_touches_no_database_and_loads_no_sqlalchemy(tmp_path):
    code = (
        "import sys; from bot.cli import main; main(['classify', '--no-log', 'Open a plant in Peru.']);"
        "print('sqlalchemy' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr.strip() == "False"
    assert not (tmp_path / "altitude.db").exists()


def test_review_set_list_export_and_stats(cli):
    cli("classify", "Board approved exiting the bus market by 2030.")
    cli("classify", "Cleaners start 6am tomorrow.")
    status, out, _ = cli("review", "set", "2", "--label", "strategic", "--by", "U42", "--note", "it is a policy")
    assert status == 0 and "reviewed as strategic by U42" in out

    status, out, _ = cli("review", "list", "--unreviewed")
    assert status == 0 and "bus market" in out and "Cleaners" not in out
    status, out, _ = cli("review", "list", "--json", "--label", "strategic")
    assert {json.loads(line)["id"] for line in out.splitlines()} == {1, 2}

    status, out, _ = cli("review", "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[1]["review_label"] == "strategic" and rows[1]["reviewed_by"] == "U42" and rows[0]["review_label"] == ""
    assert rows[0]["created_at"].endswith("+00:00") and rows[0]["source"] == "cli"

    status, out, _ = cli("review", "stats", "--json")
    group = json.loads(out)["groups"][0]
    assert (group["reviewed"], group["agreed"]) == (1, 0)


def test_export_to_a_file_in_jsonl(cli, tmp_path):
    cli("classify", "Sell the trucking division by 2027.")
    target = tmp_path / "out.jsonl"
    status, _, _ = cli("review", "export", "--format", "jsonl", "--output", str(target), "--since", "1d")
    assert status == 0 and json.loads(target.read_text())["text"] == "Sell the trucking division by 2027."


def test_purge_reports_what_it_removed(cli):
    cli("classify", "Sell the trucking division by 2027.")
    status, out, _ = cli("review", "purge", "--before", "2999-01-01")
    assert status == 0 and out.startswith("removed 1 decision created before 2999-01-01")


def test_db_upgrade_reports_the_revision(cli):
    status, out, _ = cli("db", "upgrade")
    from bot.storage.database import HEAD

    assert status == 0 and HEAD in out


def test_review_errors_are_one_line_exit_2(cli):
    cli("classify", "Sell the trucking division by 2027.")
    for args, fragment in [
        (("review", "set", "99", "--label", "strategic", "--by", "U1"), "no decision with id 99"),
        (("review", "list", "--since", "last tuesday"), "is not a date or a span"),
        (
            (
                "review",
                "purge",
            ),
            "--before DATE or --user",
        ),
        (("review", "export", "--output", "/nonexistent/dir/x.csv"), "cannot write"),
    ]:
        status, out, err = cli(*args)
        assert status == 2 and fragment in err and err.count("\n") == 1, (args, err)


def test_invalid_label_is_a_usage_error(cli):
    status, _, err = cli("review", "set", "1", "--label", "tactical", "--by", "U1")
    assert status == 2 and "invalid choice" in err


def test_bad_database_urls(cli, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "not a url")
    status, _, err = cli("classify", "Sell the bus unit.")
    assert status == 2 and "DATABASE_URL is not a valid database URL" in err
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://bob:s3cret@127.0.0.1:1/x")
    status, _, err = cli("review", "list")
    assert status == 1 and "127.0.0.1:1" in err and "s3cret" not in err


def test_each_command_group_named_alone_prints_its_own_help(cli):
    for group, command in (("review", "purge"), ("db", "upgrade"), ("answers", "stats")):
        status, out, err = cli(group)
        assert status == 2 and f"usage: altitude {group}" in err and command in err, group
        assert "name a command" not in err


def test_help_shows_examples(cli):
    status, out, _ = cli("review", "purge", "--help")
    assert status == 0 and "examples:\n  altitude review purge --before 2025-01-01 --dry-run" in out
    status, out, _ = cli("--help")
    assert "examples:" in out and 'altitude classify "' in out


def test_purge_dry_run_counts_and_removes_nothing(cli):
    cli("classify", "Board approved exiting the bus market by 2030.")
    cli("review", "set", "1", "--label", "strategic", "--by", "U42")
    status, out, _ = cli("review", "purge", "--before", "2999-01-01", "--dry-run")
    assert status == 0 and out.startswith(
        "would remove 1 decision created before 2999-01-01 00:00 UTC, with their 1 review"
    )
    assert "nothing was removed" in out
    status, out, _ = cli("review", "list")
    assert "bus market" in out
    status, out, _ = cli("review", "purge", "--before", "2999-01-01")  # not a terminal: no question asked
    assert status == 0 and out.startswith("removed 1 decision ")


def test_stats_since_today_counts_todays_reviews_and_an_empty_window_says_so(cli):
    cli("classify", "Board approved exiting the bus market by 2030.")
    cli("review", "set", "1", "--label", "operational", "--by", "U42")
    status, out, _ = cli("review", "stats", "--since", "0d")
    assert status == 0 and "rubric" in out and "No reviewed" not in out
    status, out, _ = cli("review", "stats", "--since", "2999-01-01")
    assert out.strip() == "No decisions made since 2999-01-01 00:00 UTC have been reviewed."


def test_a_corrected_decision_shows_the_reviewed_label_and_reviewer_never_the_other_labels_confidence(cli):
    cli("classify", "Board approved exiting the bus market by 2030.")
    cli("review", "set", "1", "--label", "operational", "--by", "U42")
    status, out, _ = cli("review", "list")
    header, row = out.splitlines()[:2]
    assert "reviewed by" in header
    assert row.split()[4:6] == ["operational", "U42"]  # no confidence column value: it was for strategic


def test_jsonl_reads_text_fields_as_eval_does(altitude_process):
    lines = b'{"text": "Board approved exiting the bus market by 2030.", "label": "strategic"}\n{"label": "x"}\n'
    result = altitude_process("classify", "--jsonl", "--no-log", stdin=lines)
    status, out, err = result.returncode, result.stdout.decode(), result.stderr.decode()
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["label"] == "strategic" and "bus market" in json.dumps(first["dimensions"])
    assert second == {
        "error": 'a JSON line needs a "text" field holding the decision; write {"text": "..."} or plain text',
        "line": 2,
    }
    assert status == 2 and "1 of 2 lines was not classified" in err


def test_purge_of_an_empty_user_is_refused_and_a_span_for_before_gets_a_date_hint(cli):
    status, _, err = cli("review", "purge", "--user", "")
    assert status == 2 and "--user is empty" in err
    status, _, err = cli("review", "purge", "--before", "1d")
    assert status == 2 and "is not a date" in err and "7d" not in err


def test_a_span_reaching_past_the_calendar_is_one_line(cli):
    status, _, err = cli("review", "list", "--since", "99999999999999d")
    assert status == 2 and "reaches back before the year 1" in err and err.count("\n") == 1
