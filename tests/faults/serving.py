"""The real `altitude serve`, as processes, and requests signed as Slack signs them: what the fault
tests drive. The fakes of Slack and of the model run in the test's own process."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from tests.slack.conftest import new_trigger

SECRET = "faults-signing-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """One `altitude serve` process."""

    def __init__(self, cwd, fake_slack, fake_openai=None, **env):
        self.port = free_port()
        base = {k: v for k, v in os.environ.items() if not k.startswith(("ALTITUDE_", "SLACK_", "OPENAI_"))}
        base.update(
            {
                "SLACK_BOT_TOKEN": "xoxb-faults",
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": fake_slack.api_url,
                "PORT": str(self.port),
                "DATABASE_URL": f"sqlite:///{cwd / 'faults.db'}",
                "ALTITUDE_LOG_FORMAT": "json",
            }
        )
        if fake_openai is not None:
            base.update({"OPENAI_API_KEY": "sk-faults", "OPENAI_BASE_URL": fake_openai.base_url})
        base.update(env)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"], cwd=cwd, env=base, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self._wait_ready()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/readyz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.kill()
        raise AssertionError(self.process.stderr.read().decode())

    def kill(self) -> None:
        """SIGKILL: the process dies at once, with whatever it was doing."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> str:
        """SIGTERM, then the process's logs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.stderr.read().decode()

    # --- requests ---

    def raw(self, body: bytes, headers: dict, *, path: str = "/slack/events") -> tuple[int, str]:
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def signed(self, body: str, content_type: str, *, timestamp: int | None = None) -> tuple[int, str]:
        stamp = str(timestamp or int(time.time()))
        signature = SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body)
        return self.raw(
            body.encode(),
            {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature},
        )

    def command(
        self, text: str, *, response_url: str, trigger: str | None = None, channel: str = "C0FAULTS", **fields
    ) -> tuple[int, str]:
        form = {
            "team_id": "T0001",
            "channel_id": channel,
            "user_id": "U0FAULTS",
            "command": "/classify",
            "text": text,
            "response_url": response_url,
            "trigger_id": trigger or new_trigger(),
            "api_app_id": "A0001",
            **fields,
        }
        return self.signed(urlencode(form), "application/x-www-form-urlencoded")

    def event(self, event: dict, *, event_id: str) -> tuple[int, str]:
        envelope = {
            "type": "event_callback",
            "team_id": "T0001",
            "api_app_id": "A0001",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": "T0001", "user_id": "UBOT0001", "is_bot": True}],
        }
        return self.signed(json.dumps(envelope), "application/json")

    def interaction(self, payload: dict) -> tuple[int, str]:
        return self.signed(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


def wait_until(check, *, timeout: float = 30.0, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(every)
    raise AssertionError(f"not within {timeout} s")
