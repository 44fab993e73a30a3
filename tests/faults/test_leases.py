"""Leases that hold: only a dead process loses its work, and two replicas never do it twice."""

import sqlite3
import time
from datetime import timedelta

import pytest

from bot.domain.verdict import Origin
from bot.storage.log import DecisionLog
from tests.databases import postgres_database
from tests.faults.serving import Serve, wait_until


@pytest.fixture
def postgres_url():
    with postgres_database() as url:
        yield url


def test_a_model_slower_than_the_lease_is_not_taken_over(tmp_path, fake_slack, fake_openai, postgres_url):
    """Two replicas with a 2-second lease and a model that takes 5: the heartbeat keeps the lease."""
    fake_openai.delay = 5.0
    env = {"DATABASE_URL": postgres_url, "ALTITUDE_LEASE_SECONDS": "2", "ALTITUDE_LLM_TIMEOUT": "20"}
    first, second = Serve(tmp_path, fake_slack, fake_openai, **env), Serve(tmp_path, fake_slack, fake_openai, **env)
    try:
        for n in range(3):
            assert (
                first.command(
                    f"Board approved entering market number {n} by 2030.",
                    response_url=fake_slack.response_url(f"slow{n}"),
                )[0]
                == 200
            )
        fake_slack.wait_for("chat.postMessage", 3, timeout=40)
        time.sleep(4)  # long enough for a second post, were there one
    finally:
        first.stop(), second.stop()
    posts = fake_slack.called("chat.postMessage")
    assert len(posts) == 3 and len({p["blocks"][-1]["block_id"] for p in posts}) == 3
    assert len(fake_openai.requests) == 3  # no replica asked the model again


def test_two_replicas_recovering_twenty_orphans_finish_each_once(tmp_path, fake_slack, postgres_url):
    log = DecisionLog.open(postgres_url)
    for n in range(20):
        reply = {"route": "post", "channel_id": "C0ORPHAN", "user_id": "U0ORPHAN"}
        log.record_pending(
            text=f"Board approved exiting the bus market number {n} by 2030.",
            origin=Origin(source="slash", team_id="T0001", channel_id="C0ORPHAN", user_id="U0ORPHAN", reply=reply),
            lease=timedelta(milliseconds=1),
        )
    log.engine.dispose()
    time.sleep(0.1)  # every lease has run out: their process is gone
    env = {"DATABASE_URL": postgres_url, "ALTITUDE_LEASE_SECONDS": "4"}  # recovery looks every 2 seconds
    replicas = [Serve(tmp_path, fake_slack, **env), Serve(tmp_path, fake_slack, **env)]
    try:
        fake_slack.wait_for("chat.postMessage", 20, timeout=60)
        time.sleep(3)
    finally:
        for replica in replicas:
            replica.stop()
    posts = [p for p in fake_slack.called("chat.postMessage") if p["channel"] == "C0ORPHAN"]
    assert len(posts) == 20 and len({p["blocks"][-1]["block_id"] for p in posts}) == 20
    log = DecisionLog.open(postgres_url)
    rows = log.list(limit=50)
    log.engine.dispose()
    assert {(r["status"], r["delivery"]) for r in rows} == {("classified", "posted")}
    assert max(r["attempts"] for r in rows) == 2  # taken over once each, by one replica


def test_a_killed_writer_of_an_answer_is_replaced(tmp_path, fake_slack, fake_openai):
    """The model hangs; the process dies while it writes; the next one answers the question once."""
    fake_openai.delay = 30.0
    env = {"ALTITUDE_LEASE_SECONDS": "2", "ALTITUDE_LLM_TIMEOUT": "40"}
    first = Serve(tmp_path, fake_slack, fake_openai, **env)
    mention = {
        "type": "app_mention",
        "user": "U0ASK",
        "channel": "C0FAULTS",
        "ts": "1700000000.000009",
        "text": "<@UBOT0001> what is the scope of operations strategy?",
    }
    assert first.event(mention, event_id="EvKILLED")[0] == 200
    wait_until(lambda: fake_openai.requests)
    first.kill()
    fake_openai.delay = 0.0
    second = Serve(tmp_path, fake_slack, fake_openai, **env)
    try:
        fake_slack.wait_for("chat.stopStream", timeout=30)
        time.sleep(2)
    finally:
        second.stop()
    (answer,) = fake_slack.called("chat.startStream")
    assert answer["thread_ts"] == "1700000000.000009" and fake_slack.called("chat.postMessage") == []


def test_an_answer_whose_writer_dies_mid_stream_is_finished_on_the_same_message(tmp_path, fake_slack, fake_openai):
    """The stream has begun in Slack when the process dies: the next one replaces that message
    (chat.update), and neither posts nor streams a second one."""
    fake_openai.chunk_delay = 0.5
    fake_openai.reply(
        {
            "answer": "Scope is broad for operations strategy, which spans the whole organisation and "
            "its network, while operations management is narrow.",
            "citations": ["scope"],
            "in_scope": True,
        }
    )
    env = {"ALTITUDE_LEASE_SECONDS": "2", "ALTITUDE_LLM_TIMEOUT": "40"}
    first = Serve(tmp_path, fake_slack, fake_openai, **env)
    mention = {
        "type": "app_mention",
        "user": "U0ASK",
        "channel": "C0FAULTS",
        "ts": "1700000000.000010",
        "text": "<@UBOT0001> what is the scope of operations strategy?",
    }
    assert first.event(mention, event_id="EvMIDSTREAM")[0] == 200
    fake_slack.wait_for("chat.appendStream", timeout=30)  # after the stream's ts is in the outbox
    first.kill()
    fake_openai.chunk_delay = 0.0
    second = Serve(tmp_path, fake_slack, fake_openai, **env)
    try:
        (update,) = fake_slack.wait_for("chat.update", timeout=30)
        time.sleep(2)
    finally:
        second.stop()
    (stream,) = fake_slack.called("chat.startStream")
    assert update["ts"] == stream["_ts"] and update["channel"] == "C0FAULTS"
    assert fake_slack.called("chat.postMessage") == [] and len(fake_slack.called("chat.update")) == 1
    with sqlite3.connect(tmp_path / "faults.db") as connection:
        assert connection.execute("SELECT count(*) FROM answers").fetchone() == (1,)  # one answer logged
