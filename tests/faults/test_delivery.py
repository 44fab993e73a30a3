"""Nothing accepted is lost, nothing is posted twice: the real `serve` against a Slack that fails."""

import sqlite3

from tests.faults.serving import Serve, wait_until

DECISION = "Board approved entering the Chilean market with two plants by 2029."


def _rows(tmp_path, query):
    with sqlite3.connect(tmp_path / "faults.db") as connection:
        return connection.execute(query).fetchall()


def _mention(ts: str, text: str = "<@UBOT0001> what is the scope of operations strategy?") -> dict:
    return {"type": "app_mention", "user": "U0ASK", "channel": "C0FAULTS", "ts": ts, "text": text}


def test_slack_failing_for_a_while_delays_every_message_and_loses_none(tmp_path, fake_slack):
    """5xx, `ok: false` with ratelimited, and a 429 that outlasts the client's own retries."""
    fake_slack.fail("chat.postMessage", "internal_error", status=500, times=4)
    fake_slack.fail("chat.postMessage", "ratelimited", times=3)
    fake_slack.fail("chat.postMessage", "ratelimited", status=429, headers={"Retry-After": "1"}, times=3)
    serve = Serve(tmp_path, fake_slack, ALTITUDE_DECISION_CHANNELS="C0DEC")
    try:
        assert serve.command(DECISION, response_url=fake_slack.response_url())[0] == 200
        assert (
            serve.event(
                {
                    "type": "message",
                    "user": "U0POST",
                    "channel": "C0DEC",
                    "ts": "1700000000.000001",
                    "text": "Decision: we exit the Polish retail market by 2028.",
                },
                event_id="EvPOST",
            )[0]
            == 200
        )
        assert serve.event(_mention("1700000000.000002"), event_id="EvMENTION")[0] == 200
        wait_until(lambda: len([c for c in fake_slack.called("chat.postMessage")]) >= 13, timeout=60)
        wait_until(
            lambda: _rows(tmp_path, "SELECT count(*) FROM outbox WHERE status != 'posted'") == [(0,)], timeout=60
        )
    finally:
        serve.stop()
    delivered = [c for c in fake_slack.called("chat.postMessage")][10:]  # the ten refusals came first
    assert len(delivered) == 3  # one verdict, one verdict in the post's thread, one answer: each once
    assert _rows(tmp_path, "SELECT source, status, delivery FROM decisions ORDER BY id") == [
        ("slash", "classified", "posted"),
        ("auto", "classified", "posted"),
    ]


def test_a_channel_refused_for_good_sends_the_verdict_through_response_url(tmp_path, fake_slack):
    fake_slack.down("chat.postMessage", "not_in_channel", status=200)
    serve = Serve(tmp_path, fake_slack)
    try:
        serve.command(DECISION, response_url=fake_slack.response_url("slash1"))
        (reply,) = fake_slack.wait_for("response_url", timeout=20)
        assert reply["response_type"] == "in_channel" and reply["text"].startswith("Strategic")
    finally:
        serve.stop()
    assert _rows(tmp_path, "SELECT delivery FROM decisions") == [("posted",)]


def test_both_routes_refused_for_good_are_recorded_and_the_user_is_told_privately(tmp_path, fake_slack):
    fake_slack.down("chat.postMessage", "not_in_channel", status=200)
    fake_slack.fail("response_url", "expired_url", status=404)
    serve = Serve(tmp_path, fake_slack)
    try:
        serve.command(DECISION, response_url=fake_slack.response_url("slash2"))
        wait_until(lambda: _rows(tmp_path, "SELECT delivery FROM decisions") == [("failed",)], timeout=20)
        notes = fake_slack.wait_for("response_url", 2, timeout=20)
    finally:
        serve.stop()
    assert "not_in_channel" in notes[-1]["text"] and notes[-1]["response_type"] == "ephemeral"
    assert "invite @Altitude" in notes[-1]["text"]
    (outbox,) = _rows(tmp_path, "SELECT status, error FROM outbox WHERE kind = 'verdict'")
    assert outbox[0] == "failed" and "expired_url" in outbox[1]


def test_a_process_killed_between_the_verdict_and_the_post_leaves_it_to_the_next(tmp_path, fake_slack):
    fake_slack.down("chat.postMessage")  # the verdicts are recorded, but Slack will not take them yet
    first = Serve(tmp_path, fake_slack)
    for n in range(6):
        first.command(f"{DECISION} (number {n})", response_url=fake_slack.response_url(f"k{n}"))
    wait_until(lambda: _rows(tmp_path, "SELECT count(*) FROM decisions WHERE status = 'classified'") == [(6,)])
    first.kill()
    assert _rows(tmp_path, "SELECT count(*) FROM decisions WHERE delivery = 'queued'") == [(6,)]
    fake_slack.up("chat.postMessage")
    refused = len(fake_slack.called("chat.postMessage"))
    second = Serve(tmp_path, fake_slack)
    try:
        wait_until(
            lambda: _rows(tmp_path, "SELECT count(*) FROM decisions WHERE delivery = 'posted'") == [(6,)], timeout=60
        )
    finally:
        second.stop()
    posted = fake_slack.called("chat.postMessage")[refused:]
    assert len(posted) == 6 and len({p["blocks"][-1]["block_id"] for p in posted}) == 6  # each decision once
