"""The real Altitude Slack app, served over HTTP on loopback, against a fake Slack Web API."""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.services import Services
from bot.slack.metrics import Metrics
from tests.databases import migrated_sqlite_file

SECRET = "test-signing-secret"
_TRIGGERS = itertools.count(1)


def new_trigger() -> str:
    return f"{time.time_ns()}.{next(_TRIGGERS)}"


def stop_waitress(server, thread: threading.Thread) -> None:
    """Close a waitress server from its loop's own thread (woken by its trigger), and wait for that
    thread: sockets closed under another thread's select() make it fail with EBADF, and a loop left
    running could later touch file descriptors that a new server has been given."""
    from waitress import wasyncore

    server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
    thread.join(timeout=5)
    assert not thread.is_alive(), "the server's loop did not stop"
    server.task_dispatcher.shutdown(timeout=5)


class Altitude:
    """Altitude's HTTP server, and a way to send it requests signed as Slack signs them."""

    def __init__(self, settings: Settings):
        from waitress.server import create_server

        from bot.slack.app import create_app
        from bot.slack.jobs import Jobs
        from bot.slack.server import wsgi_app

        self.settings = settings
        self.services = Services(settings)
        self.metrics = Metrics()
        # 16 job threads, not serve's 128: no test has more jobs at once, and starting and joining
        # 128 threads was most of what a test's server cost
        self.app = create_app(settings, self.services, metrics=self.metrics, jobs=Jobs(16))
        self.server = create_server(
            wsgi_app(self.app, self.services, self.metrics), host="127.0.0.1", port=0, threads=8
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.effective_port}"

    def close(self):
        stop_waitress(self.server, self.thread)
        self.app.jobs.shutdown(wait=True)

    def request(
        self,
        path: str,
        body: str = "",
        *,
        method: str = "POST",
        content_type: str = "application/json",
        headers: dict | None = None,
        sign: bool = True,
        secret: str = SECRET,
        timestamp: int | None = None,
    ):
        data = body.encode()
        sent = {"Content-Type": content_type}
        if sign:
            stamp = str(timestamp if timestamp is not None else int(time.time()))
            sent["X-Slack-Request-Timestamp"] = stamp
            sent["X-Slack-Signature"] = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
        sent.update(headers or {})
        req = urllib.request.Request(
            self.url + path, data=data if method == "POST" else None, headers=sent, method=method
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def event(
        self, event: dict, *, event_id: str = "Ev0001", headers: dict | None = None, team: str = "T0001", **kwargs
    ):
        envelope = {
            "token": "legacy",
            "team_id": team,
            "api_app_id": "A0001",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": team, "user_id": "UBOT0001", "is_bot": True}],
        }
        return self.request("/slack/events", json.dumps(envelope), headers=headers, **kwargs)

    def command(
        self,
        text: str,
        *,
        response_url: str,
        user: str = "U0USER1",
        channel: str = "C0GENERAL",
        team: str = "T0001",
        trigger: str | None = None,
        **kwargs,
    ):
        """A /classify as Slack sends it: every command has a trigger id of its own (pass `trigger`
        to send the same one again, as a replay would)."""
        form = {
            "token": "legacy",
            "team_id": team,
            "team_domain": "test",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": "pat",
            "command": "/classify",
            "text": text,
            "api_app_id": "A0001",
            "response_url": response_url,
            "trigger_id": trigger or new_trigger(),
        }
        return self.request(
            "/slack/events", urlencode(form), content_type="application/x-www-form-urlencoded", **kwargs
        )

    def interaction(self, payload: dict, **kwargs):
        return self.request(
            "/slack/events",
            urlencode({"payload": json.dumps(payload)}),
            content_type="application/x-www-form-urlencoded",
            **kwargs,
        )


@pytest.fixture
def make_altitude(fake_slack, tmp_path):
    started = []

    def make(**overrides) -> Altitude:
        values = dict(
            slack_bot_token="xoxb-test",
            slack_signing_secret=SECRET,
            slack_api_url=fake_slack.api_url,
        )
        if "database_url" not in overrides:
            values["database_url"] = migrated_sqlite_file(tmp_path / "altitude.db")
        altitude = Altitude(Settings(**{**values, **overrides}))
        started.append(altitude)
        return altitude

    yield make
    for altitude in started:
        altitude.close()


@pytest.fixture
def altitude(make_altitude):
    return make_altitude()
