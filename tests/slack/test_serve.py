"""`altitude serve` as a process: it serves, and SIGTERM lets the work in progress finish."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from tests.slack.conftest import new_trigger

SECRET = "serve-test-secret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(tmp_path, fake_slack, fake_openai, port, *args, **extra_env):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("ALTITUDE_", "SLACK_", "OPENAI_"))},
        "SLACK_BOT_TOKEN": "xoxb-serve",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "OPENAI_API_KEY": "sk-serve",
        "OPENAI_BASE_URL": fake_openai.base_url,
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "ALTITUDE_LOG_FORMAT": "json",
        **extra_env,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError(process.stderr.read().decode())


def _classify(port, text, response_url):
    body = urlencode(
        {
            "team_id": "T0001",
            "channel_id": "C0SERVE",
            "user_id": "U0SERVE",
            "command": "/classify",
            "text": text,
            "response_url": response_url,
            "trigger_id": new_trigger(),
            "api_app_id": "A0001",
        }
    )
    stamp = str(int(time.time()))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body.encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body),
        },
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.read().decode()


def test_sigterm_stops_taking_requests_and_finishes_the_work_in_progress(tmp_path, fake_slack, fake_openai):
    fake_openai.delay = 1.5
    port = _free_port()
    process = _start(tmp_path, fake_slack, fake_openai, port)
    try:
        assert _classify(port, "Board approved entering the Chilean market by 2029.", fake_slack.response_url()) == (
            200,
            "Classifying…",
        )
        time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
    (post,) = fake_slack.called("chat.postMessage")
    assert post["channel"] == "C0SERVE" and post["blocks"][0]["text"]["text"].startswith("Strategic")
    logs = process.stderr.read().decode()
    assert '"message": "stopped"' in logs and "Chilean" not in logs and "xoxb-serve" not in logs


def test_a_decision_whose_process_dies_mid_model_call_is_finished_by_another(tmp_path, fake_slack, fake_openai):
    fake_openai.delay = 30.0  # the first process will be killed while it waits for the model
    env_overrides = {"ALTITUDE_LEASE_SECONDS": "2"}
    first_port, second_port = _free_port(), _free_port()
    first = _start(tmp_path, fake_slack, fake_openai, first_port, **env_overrides)
    try:
        assert (
            _classify(first_port, "Board approved entering the Chilean market by 2029.", fake_slack.response_url())[0]
            == 200
        )
        deadline = time.monotonic() + 10
        while not fake_openai.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        assert fake_openai.requests, "the model call never started"
        first.kill()
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    import sqlite3

    db = sqlite3.connect(tmp_path / "serve.db")
    assert db.execute("SELECT status FROM decisions").fetchall() == [("pending",)]
    fake_openai.delay = 0.0
    second = _start(tmp_path, fake_slack, fake_openai, second_port, **env_overrides)
    try:
        (post,) = fake_slack.wait_for("chat.postMessage", timeout=20)
        assert post["channel"] == "C0SERVE" and post["blocks"][0]["text"]["text"].startswith("Strategic")
        deadline = time.monotonic() + 5
        while db.execute("SELECT status FROM decisions").fetchone()[0] != "classified" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert db.execute("SELECT status, attempts FROM decisions").fetchall() == [("classified", 2)]
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)


def test_serve_with_an_oauth_client_installs_into_workspaces(tmp_path, fake_slack, fake_openai):
    port = _free_port()
    process = _start(
        tmp_path,
        fake_slack,
        fake_openai,
        port,
        SLACK_BOT_TOKEN="",
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="client-secret",
    )
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/slack/install", timeout=5) as response:
            page = response.read().decode()
        assert "https://slack.com/oauth/v2/authorize?state=" in page and "client_id=111.222" in page
        assert not fake_slack.called("auth.test")  # no single token to check
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0


def test_serve_refuses_mixed_or_half_credentials(altitude_process):
    base = {"SLACK_SIGNING_SECRET": SECRET}
    both = altitude_process(
        "serve", env={**base, "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s"}
    )
    assert both.returncode == 2 and b"both set" in both.stderr and len(both.stderr.splitlines()) == 1
    half = altitude_process("serve", env={**base, "SLACK_CLIENT_ID": "1.2"})
    assert half.returncode == 2 and b"needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET" in half.stderr
    neither = altitude_process("serve", env=base)
    assert neither.returncode == 2 and b"SLACK_BOT_TOKEN, or SLACK_CLIENT_ID" in neither.stderr


def test_json_logs_carry_no_secret_and_message_text_only_at_debug(tmp_path, fake_slack, fake_openai):
    import json

    for debug in (False, True):
        port = _free_port()
        args = ("--debug",) if debug else ()
        process = _start(tmp_path, fake_slack, fake_openai, port, *args, OPENAI_API_KEY="sk-serve-key-123456")
        try:
            _classify(port, "Board approved entering the Chilean market by 2029.", fake_slack.response_url())
            fake_slack.wait_for("chat.postMessage", 2 if debug else 1)
        finally:
            process.terminate()
            process.wait(timeout=30)
        lines = process.stderr.read().decode().splitlines()
        entries = [json.loads(line) for line in lines]  # every line is one JSON object
        assert any(e["message"] == "stopped" for e in entries)
        for secret in ("xoxb-serve", SECRET, "sk-serve-key-123456"):
            assert not any(secret in line for line in lines), secret
        with_text = [e for e in entries if "Chilean" in json.dumps(e)]
        assert all(e["level"] == "debug" for e in with_text)
        assert bool(with_text) == debug
        classified = [e for e in entries if e["message"].startswith("decision classified")]
        assert classified and classified[0]["where"] == "slash" and classified[0]["outcome"] == "strategic"
