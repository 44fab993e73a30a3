"""Two `altitude serve` replicas on one PostgreSQL, requests spread between them: a retried event is
answered once, the digest is posted once, and no decision is lost."""

import json
import signal
import time

import pytest

from tests.databases import postgres_database
from tests.slack.test_serve import SECRET, _classify, _free_port, _start


def _event(port, envelope, retry=None):
    import urllib.request

    from slack_sdk.signature import SignatureVerifier

    body = json.dumps(envelope)
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body),
    }
    if retry:
        headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
    request = urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=body.encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


@pytest.fixture
def postgres_url():
    with postgres_database() as url:
        yield url


def test_two_replicas_share_the_work_exactly_once(tmp_path, fake_slack, fake_openai, postgres_url):
    env = {"DATABASE_URL": postgres_url, "ALTITUDE_DIGEST_CHANNEL": "C0DIGEST", "ALTITUDE_DIGEST_AT": "mon 00:00"}
    ports = [_free_port(), _free_port()]
    replicas = [_start(tmp_path, fake_slack, fake_openai, port, **env) for port in ports]
    try:
        for n in range(10):  # a load balancer spreading /classify across both
            assert (
                _classify(
                    ports[n % 2], f"Board approved entering market number {n} by 2030.", fake_slack.response_url()
                )[0]
                == 200
            )
        mention = {
            "type": "event_callback",
            "team_id": "T0001",
            "api_app_id": "A0001",
            "event_id": "EvREPLICA",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T0001", "user_id": "UBOT0001", "is_bot": True}],
            "event": {
                "type": "app_mention",
                "user": "U1",
                "channel": "C0GENERAL",
                "ts": "1700000100.000100",
                "text": "<@UBOT0001> what is the scope of operations strategy?",
            },
        }
        assert _event(ports[0], mention) == 200
        assert _event(ports[1], mention, retry=1) == 200  # Slack retried on the other replica
        fake_slack.wait_for("chat.postMessage", 11, timeout=30)
        fake_slack.wait_for("chat.stopStream", 1, timeout=30)  # the model's answer streams
        time.sleep(1.0)
        posts = fake_slack.called("chat.postMessage")
        streams = fake_slack.called("chat.startStream")
        answers = [p for p in posts + streams if p.get("thread_ts") == "1700000100.000100"]
        digests = [p for p in posts if p["channel"] == "C0DIGEST"]
        verdicts = [p for p in posts if p["channel"] == "C0SERVE"]
        assert (len(answers), len(digests), len(verdicts)) == (1, 1, 10)
    finally:
        for replica in replicas:
            replica.send_signal(signal.SIGTERM)
        for replica in replicas:
            replica.wait(timeout=30)
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        statuses = connection.execute(text("SELECT status, count(*) FROM decisions GROUP BY status")).all()
        posted = connection.execute(text("SELECT count(*) FROM digest_posts WHERE status = 'posted'")).scalar()
    engine.dispose()
    assert statuses == [("classified", 10)] and posted == 1
