"""The real Altitude app in Socket Mode: Bolt's SocketModeHandler connects, through a fake
`apps.connections.open`, to a loopback WebSocket server playing Slack, which sends envelopes and
reads the acks; the app's Web API calls go to the fake Slack API."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest
from waitress.server import create_server

from bot.config import Settings
from bot.services import Services
from bot.slack.app import create_app
from bot.slack.metrics import Metrics
from bot.slack.server import _start_socket_mode, wsgi_app
from tests.fakes.slack_server import BOT_USER, OAUTH_CLIENT, TEAM
from tests.fakes.socket_mode_server import FakeSocketMode, SocketModeSlack
from tests.slack.conftest import new_trigger, stop_waitress
from tests.slack.oauth_flow import install

DECISION = "Leadership approved entering the Brazilian market by 2029."


@pytest.fixture
def socket_server():
    with FakeSocketMode() as server:
        yield server


@pytest.fixture
def slack_api(socket_server):
    with SocketModeSlack(socket_server) as fake:
        yield fake


@pytest.fixture
def altitude(slack_api, tmp_path):
    """Altitude connected in Socket Mode; its handler and job pool are stopped afterwards."""
    settings = Settings(
        slack_bot_token="xoxb-test",
        slack_signing_secret="unused",
        slack_api_url=slack_api.api_url,
        database_url=f"sqlite:///{tmp_path / 'altitude.db'}",
        slack_app_token="xapp-test",
    )
    services = Services(settings)
    app = create_app(settings, services)
    handler = _start_socket_mode(app, settings)
    yield app, services
    handler.close()
    app.jobs.shutdown(wait=True)


def event_envelope(envelope_id: str, event: dict, *, event_id: str = "Ev0001", retry_attempt: int = 0) -> dict:
    payload = {
        "token": "legacy",
        "team_id": TEAM,
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "event": event,
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }
    return {
        "envelope_id": envelope_id,
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": retry_attempt,
        "retry_reason": "timeout" if retry_attempt else "",
        "payload": payload,
    }


def test_classify_command_is_acked_over_the_socket_then_posted(altitude, socket_server, slack_api):
    app, services = altitude
    assert slack_api.called("apps.connections.open")
    command = {
        "token": "legacy",
        "team_id": TEAM,
        "team_domain": "test",
        "channel_id": "C0GENERAL",
        "channel_name": "general",
        "user_id": "U0USER1",
        "user_name": "pat",
        "command": "/classify",
        "text": DECISION,
        "api_app_id": "A0001",
        "response_url": slack_api.response_url(),
        "trigger_id": new_trigger(),
    }
    socket_server.send(
        {"envelope_id": "e-classify", "type": "slash_commands", "accepts_response_payload": True, "payload": command}
    )
    ack = socket_server.wait_for_ack("e-classify")
    assert ack["payload"] == {"text": "Classifying…"}  # Bolt wraps a text-only ack as {"text": ...}
    (post,) = slack_api.wait_for("chat.postMessage", timeout=5)
    assert post["channel"] == "C0GENERAL"
    assert post["blocks"][0]["type"] == "header" and post["blocks"][0]["text"]["text"].startswith("Strategic")
    (row,) = services.log.list()
    assert (row["source"], row["channel_id"], row["user_id"]) == ("slash", "C0GENERAL", "U0USER1")


def test_mention_is_answered_in_thread_and_a_redelivery_is_not(altitude, socket_server, slack_api):
    app, _ = altitude
    mention = {
        "type": "app_mention",
        "user": "U0ASKER",
        "channel": "C0GENERAL",
        "ts": "1700000001.000100",
        "text": f"<@{BOT_USER}> what is the time horizon of operations strategy?",
    }
    socket_server.send(event_envelope("e-first", mention, event_id="EvSAME"))
    assert "payload" not in socket_server.wait_for_ack("e-first")  # events are acked with no payload
    (post,) = slack_api.wait_for("chat.postMessage", timeout=5)
    assert post["channel"] == "C0GENERAL" and post["thread_ts"] == "1700000001.000100"

    socket_server.send(event_envelope("e-retry", mention, event_id="EvSAME", retry_attempt=1))
    socket_server.wait_for_ack("e-retry")
    app.jobs.shutdown(wait=True)  # the listener queued any work before acking: let it finish
    assert len(slack_api.called("chat.postMessage")) == 1


def test_socket_mode_serves_many_workspaces_installed_over_http(slack_api, socket_server, tmp_path):
    """Installs come over HTTP (the health port serves /slack/install); requests come over the socket,
    each answered with its workspace's token. POST /slack/events is not served in Socket Mode."""
    settings = Settings(
        slack_client_id=OAUTH_CLIENT[0],
        slack_client_secret=OAUTH_CLIENT[1],
        slack_app_token="xapp-test",
        slack_api_url=slack_api.api_url,
        database_url=f"sqlite:///{tmp_path / 'altitude.db'}",
    )
    services, metrics = Services(settings), Metrics()
    app = create_app(settings, services, metrics=metrics)
    server = create_server(wsgi_app(app, services, metrics, slack_events=False), host="127.0.0.1", port=0, threads=4)
    loop = threading.Thread(target=server.run, daemon=True)
    loop.start()
    handler = _start_socket_mode(app, settings)
    try:
        site = SimpleNamespace(url=f"http://127.0.0.1:{server.effective_port}")
        assert install(site, "T0002")[0] == 200
        command = {
            "token": "legacy",
            "team_id": "T0002",
            "team_domain": "two",
            "channel_id": "C0TWO",
            "channel_name": "general",
            "user_id": "U0USER2",
            "user_name": "sam",
            "command": "/classify",
            "text": DECISION,
            "api_app_id": "A0001",
            "response_url": slack_api.response_url(),
            "trigger_id": new_trigger(),
        }
        socket_server.send(
            {"envelope_id": "e-two", "type": "slash_commands", "accepts_response_payload": True, "payload": command}
        )
        assert socket_server.wait_for_ack("e-two")["payload"] == {"text": "Classifying…"}
        (post,) = slack_api.wait_for("chat.postMessage", timeout=5)
        assert (post["channel"], post["_token"]) == ("C0TWO", "xoxb-T0002")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(site.url + "/slack/events", data=b"{}"), timeout=5)
        assert refused.value.code == 404
    finally:
        handler.close()
        stop_waitress(server, loop)
        app.jobs.shutdown(wait=True)
