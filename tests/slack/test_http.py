import json
import time


def test_health_and_readiness(altitude):
    assert altitude.request("/healthz", method="GET", sign=False) == (200, '{"status": "ok"}')
    status, body = altitude.request("/readyz", method="GET", sign=False)
    assert status == 200 and json.loads(body)["status"] == "ready"


def test_readiness_fails_when_the_database_is_gone(altitude, tmp_path):
    from sqlalchemy import text

    with altitude.services.log.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    status, body = altitude.request("/readyz", method="GET", sign=False)
    assert status == 503 and "schema" in json.loads(body)["status"]


def test_metrics_are_prometheus_text(altitude, fake_slack):
    altitude.command("help", response_url=fake_slack.response_url())
    status, body = altitude.request("/metrics", method="GET", sign=False)
    assert status == 200
    assert 'altitude_slack_requests_total{kind="command"} 1.0' in body
    assert "altitude_slack_ack_seconds_count 1.0" in body


def test_unknown_path_is_404(altitude):
    assert altitude.request("/nope", method="GET", sign=False)[0] == 404


def test_missing_wrong_and_stale_signatures_get_401_and_change_nothing(altitude, fake_slack):
    cases = [dict(sign=False), dict(secret="wrong-secret"), dict(timestamp=int(time.time()) - 301)]
    for case in cases:
        status, _ = altitude.command(
            "We will enter the Peruvian market by 2030.", response_url=fake_slack.response_url(), **case
        )
        assert status == 401, case
        status, _ = altitude.event(
            {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1.1", "text": "<@UBOT0001> what is scope?"},
            **case,
        )
        assert status == 401, case
    time.sleep(0.3)
    assert altitude.services.log.list() == []
    assert [name for name, _ in fake_slack.calls if name != "auth.test"] == []
