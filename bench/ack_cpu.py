"""CPU per `/classify` ack, in one process, one request at a time: where Altitude's ack costs more
than a bare Bolt app's.

Each layer is timed through the same WSGI call (no HTTP server: waitress costs both the same), as
process CPU over all threads, the best of five rounds of 2,000 signed requests:
  bare       a Bolt app that only acks, as in bench/slack_ack.py
  bolt       Altitude's own Bolt app, with an ack-only /classify listener put first
  wrapper    the same behind Altitude's WSGI app (size, timestamp and signature checks, the ack gate,
             the ack metrics)
  listener   Altitude's real /classify listener, with its decision's pending row stubbed out as
             already written and its job dropped (this script's stand-ins, not settings)
  pending    the real listener and the real pending writer: one row per group, as when requests
             come one at a time (a burst's groups hold several and share the commit)
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import uuid
from concurrent.futures import Future
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
SECRET = "bench-signing-secret"
ROUNDS, REQUESTS = 5, 2_000


def main() -> None:
    from tests.fakes.slack_server import FakeSlack

    saved = dict(os.environ)  # `make bench` runs the other benchmarks in this same process
    try:
        with FakeSlack() as slack:  # Bolt checks the token once (auth.test), then caches it: idle after that
            measure(slack.api_url)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def measure(slack_api_url: str) -> None:
    folder = tempfile.mkdtemp()
    os.environ.update(
        {
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack_api_url,
            "DATABASE_URL": f"sqlite:///{folder}/bench.db",
            "ALTITUDE_ENGINE": "rubric",
        }
    )
    from bot.config import load_settings
    from bot.services import Services
    from bot.slack.app import JOB_WORKERS, create_app
    from bot.slack.jobs import Jobs
    from bot.slack.metrics import Metrics
    from bot.slack.server import wsgi_app

    settings = load_settings(dotenv_path=None)
    services = Services(settings)
    services.warm()
    metrics, jobs = Metrics(), Jobs(JOB_WORKERS)
    jobs.submit = lambda *args, **kwargs: None  # the job's model call and post are not the ack's cost

    def app(ack_only: bool):
        bolt = create_app(settings, services, metrics=metrics, jobs=jobs)
        if ack_only:
            bolt.command("/classify")(lambda ack: ack("ok"))
            bolt._listeners.insert(0, bolt._listeners.pop())
        return bolt

    from slack_bolt.adapter.wsgi import SlackRequestHandler

    stubbed = app(ack_only=False)
    layers = {
        "bare": bare_app(),
        "bolt": SlackRequestHandler(app(ack_only=True)),
        "wrapper": wsgi_app(app(ack_only=True), services, metrics),
        "listener": wsgi_app(stubbed, services, metrics),
        "pending": wsgi_app(app(ack_only=False), services, metrics),
    }
    real_submit = services.pending.submit
    best = dict.fromkeys(layers, float("inf"))
    for _ in range(ROUNDS):
        for name, layer in layers.items():
            services.pending.submit = written if name == "listener" else real_submit
            best[name] = min(best[name], cpu_per_request(layer))
    previous = None
    for name, seconds in best.items():
        added = "" if previous is None else f"  (+{(seconds - previous) * 1000:.3f} ms)"
        print(f"{name:9s} {seconds * 1000:.3f} ms of CPU per ack{added}")
        previous = seconds


def written(text, origin, claim=None) -> Future:
    held: Future = Future()
    held.set_result(1)
    return held


def bare_app():
    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from slack_bolt.authorization import AuthorizeResult

    app = App(
        signing_secret=SECRET,
        process_before_response=True,
        authorize=lambda **_: AuthorizeResult(enterprise_id=None, team_id="T0001", bot_token="xoxb-bench"),
    )
    app.command("/classify")(lambda ack: ack("ok"))
    return SlackRequestHandler(app)


def cpu_per_request(layer) -> float:
    environs = [signed_environ(n) for n in range(REQUESTS)]
    statuses = []
    started = time.process_time()
    for environ in environs:
        b"".join(layer(environ, lambda status, headers: statuses.append(status)))
    spent = time.process_time() - started
    if set(statuses) != {"200 OK"}:
        raise RuntimeError(f"unexpected statuses {set(statuses)}")
    return spent / REQUESTS


def signed_environ(n: int) -> dict:
    from slack_sdk.signature import SignatureVerifier

    body = urlencode(
        {
            "team_id": "T0001",
            "channel_id": "C0BENCH",
            "user_id": "U0BENCH",
            "command": "/classify",
            "text": f"Leadership approved entering the Brazilian market with two plants by 2029 ({n}).",
            "response_url": "http://127.0.0.1:9/respond",
            "api_app_id": "A0001",
            "trigger_id": f"{n}.{uuid.uuid4().int % 10**12}.bench",
        }
    ).encode()
    stamp = str(int(time.time()))
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/slack/events",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "HTTP_X_SLACK_REQUEST_TIMESTAMP": stamp,
        "HTTP_X_SLACK_SIGNATURE": SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body.decode()),
    }


if __name__ == "__main__":
    main()
