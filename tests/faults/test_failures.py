"""The database failing under the real `serve`: readiness says so, and a `Decision:` post is tried
again, then the poster is told in the thread; nothing is lost silently."""

import sqlite3
import threading
import urllib.error
import urllib.request

from tests.faults.serving import Serve

POST = "Decision: we close the Lyon warehouse and serve France from Antwerp from 2027."
REFUSE = "CREATE TRIGGER refuse BEFORE INSERT ON decisions BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"


def _sql(tmp_path, statement):
    with sqlite3.connect(tmp_path / "faults.db") as connection:
        return connection.execute(statement).fetchall()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _post(serve: Serve, ts: str) -> None:
    assert (
        serve.event(
            {"type": "message", "user": "U0POST", "channel": "C0DEC", "ts": ts, "text": POST}, event_id=f"Ev{ts}"
        )[0]
        == 200
    )


def test_readiness_fails_when_the_database_file_is_gone(tmp_path, fake_slack):
    serve = Serve(tmp_path, fake_slack)
    try:
        assert _status(f"{serve.url}/readyz") == 200
        (tmp_path / "faults.db").unlink()
        assert _status(f"{serve.url}/readyz") == 503
        assert _status(f"{serve.url}/healthz") == 200  # alive, so not restarted in a loop; just not sent traffic
    finally:
        serve.stop()


def test_a_post_whose_log_write_fails_for_a_moment_is_tried_again_and_classified(tmp_path, fake_slack):
    serve = Serve(tmp_path, fake_slack, ALTITUDE_DECISION_CHANNELS="C0DEC")
    try:
        _sql(tmp_path, REFUSE)
        _post(serve, "1700000100.000001")
        threading.Timer(1.0, _sql, (tmp_path, "DROP TRIGGER refuse")).start()
        (reply,) = fake_slack.wait_for("chat.postMessage", timeout=30)
        logs = serve.stop()
    finally:
        serve.stop()
    assert reply["thread_ts"] == "1700000100.000001" and reply["text"].startswith("Strategic")
    assert _sql(tmp_path, "SELECT source, status, delivery FROM decisions") == [("auto", "classified", "posted")]
    assert "trying again" in logs and "disk I/O error" in logs and "Traceback" not in logs


def test_a_post_that_can_never_be_logged_is_reported_in_its_thread(tmp_path, fake_slack):
    serve = Serve(tmp_path, fake_slack, ALTITUDE_DECISION_CHANNELS="C0DEC")
    try:
        _sql(tmp_path, REFUSE)
        _post(serve, "1700000100.000002")
        (reply,) = fake_slack.wait_for("chat.postMessage", timeout=30)
        logs = serve.stop()
    finally:
        serve.stop()
    assert "could not be logged" in logs and logs.count("trying again") == 3 and "Traceback" not in logs
    assert reply["thread_ts"] == "1700000100.000002"
    assert "could not log this decision" in reply["text"] and "Post it again" in reply["text"]
    assert _sql(tmp_path, "SELECT count(*) FROM decisions") == [(0,)]
