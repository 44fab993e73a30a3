"""Logs: secrets are blanked out of every record, whoever wrote it; structured fields are kept."""

import json
import logging

import pytest

from bot.logs import REDACTED, JsonFormatter, Redact, TextFormatter


def _record(message, *args, exc_info=None, **extra):
    record = logging.LogRecord("some.library", logging.WARNING, __file__, 1, message, args, exc_info)
    record.__dict__.update(extra)
    return record


@pytest.mark.parametrize(
    "leak",
    [
        "xoxb-1234-5678-abcdefghijkl",
        "xapp-1-A0123-456-abcdef",
        "xoxp-99-88-77",
        "sk-proj-abcdefghijklmnop",
        "my-signing-secret-value",
    ],
)
def test_token_shapes_and_known_secrets_are_redacted_from_message_and_arguments(leak):
    redact = Redact(["my-signing-secret-value"])
    for record in (_record(f"calling with {leak} now"), _record("calling with %s now", leak)):
        assert redact.filter(record)
        assert record.getMessage() == f"calling with {REDACTED} now"


def test_secrets_in_a_traceback_are_redacted():
    try:
        raise RuntimeError("auth failed for xoxb-1234-5678-secret")
    except RuntimeError:
        import sys

        record = _record("job failed", exc_info=sys.exc_info())
    Redact().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert "xoxb-1234" not in json.dumps(entry) and REDACTED in entry["error"] and "RuntimeError" in entry["error"]


def test_short_or_empty_secrets_do_not_blank_ordinary_words():
    record = _record("the plan is set")
    Redact(["", None, "set"]).filter(record)
    assert record.getMessage() == "the plan is set"


def test_structured_fields_become_json_keys_and_text_pairs():
    record = _record("weekly digest: %s", "posted", team_id="T1", outcome="posted")
    entry = json.loads(JsonFormatter().format(record))
    assert (entry["message"], entry["team_id"], entry["outcome"], entry["level"]) == (
        "weekly digest: posted",
        "T1",
        "posted",
        "warning",
    )
    assert TextFormatter().format(record).endswith("weekly digest: posted team_id=T1 outcome=posted")


def test_configured_logging_redacts_what_any_library_logs(capsys):
    from bot.logs import configure

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure("json", secrets=["hunter2-database-password"])
        logging.getLogger("slack_bolt.App").error("token xoxb-1-2-3abc with hunter2-database-password")
        (line,) = capsys.readouterr().err.splitlines()
        assert json.loads(line)["message"] == f"token {REDACTED} with {REDACTED}"
    finally:
        root.handlers[:], _ = saved[0], root.setLevel(saved[1])
