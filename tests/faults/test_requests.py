"""Nobody gets in, nothing happens twice: replays, floods, malformed and incomplete requests."""

import signal
import sqlite3
import threading
import time
from urllib.parse import urlencode

from tests.faults.serving import Serve

DECISION = "Board approved entering the Chilean market with two plants by 2029."


def _count(tmp_path, table):
    with sqlite3.connect(tmp_path / "faults.db") as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


def test_a_replayed_command_and_a_replayed_click_act_once(tmp_path, fake_slack):
    serve = Serve(tmp_path, fake_slack)
    try:
        for _ in range(4):  # the same signed request, sent again within Slack's five minutes
            assert serve.command(DECISION, response_url=fake_slack.response_url(), trigger="77.7")[0] == 200
        fake_slack.wait_for("chat.postMessage", timeout=20)
        click = {
            "type": "block_actions",
            "team": {"id": "T0001"},
            "user": {"id": "U0REV"},
            "trigger_id": "88.8",
            "response_url": fake_slack.response_url("click"),
            "actions": [{"action_id": "review_operational", "value": "1", "type": "button"}],
        }
        for _ in range(3):
            assert serve.interaction(click)[0] == 200
        fake_slack.wait_for("response_url", timeout=20)
        time.sleep(1.0)
    finally:
        serve.stop()
    assert _count(tmp_path, "decisions") == 1 and _count(tmp_path, "reviews") == 1
    assert len(fake_slack.called("chat.postMessage")) == 1 and len(fake_slack.called("response_url")) == 1


def test_a_flood_of_huge_unsigned_bodies_is_refused_unread_and_acks_stay_fast(tmp_path, fake_slack):
    serve = Serve(tmp_path, fake_slack)
    try:
        before = _rss_kb(serve.process.pid)
        statuses = []

        def flood():
            body = b"x" * (2 * 1024 * 1024)
            try:
                statuses.append(serve.raw(body, {"Content-Type": "application/json"})[0])
            except OSError:  # the server answered 413 and closed the connection while the body was still going
                statuses.append(413)

        threads = [threading.Thread(target=flood) for _ in range(16)]
        [t.start() for t in threads]
        started = time.monotonic()
        status, body = serve.command(DECISION, response_url=fake_slack.response_url())
        ack = time.monotonic() - started
        [t.join() for t in threads]
        grown = _rss_kb(serve.process.pid) - before
    finally:
        logs = serve.stop()
    assert (status, body) == (200, "Classifying…") and ack < 2.0
    assert statuses == [413] * 16 and grown < 40_000  # kilobytes: the bodies were never held in memory
    assert "Traceback" not in logs


def test_sigterm_while_an_ack_is_still_on_its_way_lets_it_reach_slack(tmp_path, fake_slack):
    serve = Serve(tmp_path, fake_slack)
    lock = sqlite3.connect(tmp_path / "faults.db", isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # the ack now waits for its pending row, in one of the server's threads
    replies = []
    try:
        sender = threading.Thread(
            target=lambda: replies.append(serve.command(DECISION, response_url=fake_slack.response_url()))
        )
        sender.start()
        time.sleep(0.2)
        serve.process.send_signal(signal.SIGTERM)
        sender.join(timeout=10)
        lock.rollback()
        code = serve.process.wait(timeout=30)
    finally:
        lock.close()
        logs = serve.stop()
    assert replies == [(200, "Classifying…")] and code == 0
    assert "Traceback" not in logs and '"message": "stopped"' in logs
    assert _count(tmp_path, "decisions") == 1 and len(fake_slack.called("chat.postMessage")) == 1


def test_malformed_or_unsigned_requests_get_a_status_and_no_traceback(tmp_path, fake_slack):
    serve = Serve(tmp_path, fake_slack)
    try:
        unsigned = serve.raw(b"{not json", {"Content-Type": "application/json"})
        bad_stamp = serve.raw(
            b"{}",
            {"Content-Type": "application/json", "X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=abc"},
        )
        stale = serve.signed("{}", "application/json", timestamp=int(time.time()) - 600)
        wrong = serve.raw(
            b"{}",
            {
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": str(int(time.time())),
                "X-Slack-Signature": "v0=" + "0" * 64,
            },
        )
        signed_garbage = serve.signed("{not json", "application/json")
        signed_bad_payload = serve.signed(urlencode({"payload": "[1, 2"}), "application/x-www-form-urlencoded")
        bad_length = serve.raw(b"", {"Content-Type": "application/json", "Content-Length": "many"})
    finally:
        logs = serve.stop()
    assert [unsigned[0], bad_stamp[0], stale[0], wrong[0]] == [401, 401, 401, 401]
    assert [signed_garbage[0], signed_bad_payload[0]] == [400, 400] and bad_length[0] == 400
    assert "Traceback" not in logs and _count(tmp_path, "decisions") == 0


def test_a_signed_request_missing_its_team_channel_or_user_is_refused(tmp_path, fake_slack):
    serve = Serve(tmp_path, fake_slack)
    try:
        status, body = serve.command(DECISION, response_url=fake_slack.response_url(), team_id="")
        click = {
            "type": "block_actions",
            "team": None,
            "user": {"id": "U0REV"},
            "trigger_id": "99.1",
            "response_url": fake_slack.response_url("nullteam"),
            "actions": [{"action_id": "review_strategic", "value": "1", "type": "button"}],
        }
        serve.interaction(click)
        (refusal,) = fake_slack.wait_for("response_url", timeout=20)
    finally:
        serve.stop()
    assert status == 200 and "missing its team, channel or user" in body
    assert "missing its team or user" in refusal["text"] and refusal.get("replace_original") in (False, None)
    assert _count(tmp_path, "decisions") == 0 and _count(tmp_path, "reviews") == 0


def test_old_claims_are_forgotten_but_threads_are_kept(tmp_path, fake_slack):
    from datetime import timedelta

    from bot.storage.claims import Claims
    from bot.storage.log import DecisionLog
    from bot.storage.models import utcnow

    log = DecisionLog.open(f"sqlite:///{tmp_path / 'faults.db'}")
    claims = Claims(log.engine)
    for key in ("event:Ev1", "message:T1:C1:1.0", "trigger:1.2", "thread:T1:C1:1.0"):
        claims.claim(key)
    assert claims.prune(before=utcnow() + timedelta(seconds=1)) == 3
    assert claims.has("thread:T1:C1:1.0") and not claims.has("trigger:1.2")
    log.engine.dispose()
