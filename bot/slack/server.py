"""Serving the Slack app: over HTTP on a threaded WSGI server (waitress), or in Socket Mode.

Routes: POST /slack/events (Bolt: events, commands, interactivity; every request signature-checked);
with many workspaces, GET /slack/install and /slack/oauth_redirect (Bolt's OAuth flow); GET /healthz,
GET /readyz (database reachable, schema current), GET /metrics (Prometheus text).
SIGTERM stops taking requests, then lets the work in progress finish.
"""

from __future__ import annotations

import gc
import io
import json
import logging
import signal
import sys
import threading
import time

from bot.config import Settings
from bot.errors import BadInput
from bot.services import Services
from bot.slack.metrics import Metrics

logger = logging.getLogger(__name__)
OAUTH_PATHS = ("/slack/install", "/slack/oauth_redirect")
HTTP_THREADS = 16
MAX_BODY_BYTES = 1024 * 1024  # Slack's payloads are far smaller; a larger body is refused unread (413)
SHUTDOWN_GRACE_SECONDS = 30
DRAIN_POLL_SECONDS = 0.05
# CPython hands the interpreter from a busy thread to a waiting one only every switch interval (5 ms
# by default). Every /classify ack waits on the pending writer, and the writer needs the interpreter
# back after each call into the database driver: at 1 ms it waits less behind the acks' own work.
SWITCH_INTERVAL_SECONDS = 0.001


def wsgi_app(bolt_app, services: Services, metrics: Metrics, *, slack_events: bool = True):
    from prometheus_client import make_wsgi_app
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from slack_sdk.signature import SignatureVerifier

    slack = SlackRequestHandler(bolt_app)
    prometheus = make_wsgi_app(registry=metrics.registry)
    secret = services.settings.slack_signing_secret
    verifier = SignatureVerifier(secret) if secret else None  # Socket Mode has no signatures to check

    def application(environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == "/healthz":
            return _json(start_response, 200, {"status": "ok"})
        if path == "/readyz":
            problem = services.readiness()
            return _json(start_response, 503 if problem else 200, {"status": problem or "ready"})
        if path == "/metrics":
            return prometheus(environ, start_response)
        if path.startswith("/slack/") and (slack_events or path in OAUTH_PATHS):
            started = time.perf_counter()
            with bolt_app.jobs.gate.request():
                try:
                    if method == "POST" and verifier and (refusal := admit(environ, verifier)) is not None:
                        return _json(start_response, *refusal)
                    return slack(environ, start_response)
                finally:
                    if method == "POST":
                        metrics.ack_seconds.observe(time.perf_counter() - started)
        return _json(start_response, 404, {"status": "not found"})

    return application


def admit(environ: dict, verifier) -> tuple[int, dict] | None:
    """Check a request from Slack before anything parses it: its size, its timestamp, its signature,
    then that its body is what Slack sends. None to let it through (its body put back for Bolt), else
    the status and body of the refusal. Nothing here logs the body or raises."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 400, {"status": "bad Content-Length"}
    if length > MAX_BODY_BYTES:
        return 413, {"status": "request body too large"}
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
        return 401, {"status": "invalid or stale request timestamp"}
    signature = environ.get("HTTP_X_SLACK_SIGNATURE") or ""
    try:
        signed = verifier.is_valid(body=body, timestamp=timestamp, signature=signature)
    except (TypeError, ValueError, UnicodeDecodeError):
        signed = False
    if not signed:
        return 401, {"status": "invalid signature"}
    return None if _well_formed(body, environ.get("CONTENT_TYPE") or "") else (400, {"status": "malformed body"})


def _well_formed(body: bytes, content_type: str) -> bool:
    """A JSON object (events), or a form whose `payload`, if any, is a JSON object (interactivity)."""
    from urllib.parse import parse_qs

    try:
        text = body.decode("utf-8")
        if "json" in content_type:
            return isinstance(json.loads(text), dict)
        if "payload=" not in text:
            return True  # a form without a payload: Bolt's lenient parsing cannot fail on it
        form = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text))
        return "payload" not in form or isinstance(json.loads(form["payload"][0]), dict)
    except (UnicodeDecodeError, ValueError):
        return False


def _json(start_response, status: int, body: dict):
    data = json.dumps(body).encode()
    reason = {
        200: "OK",
        400: "Bad Request",
        401: "Unauthorized",
        404: "Not Found",
        413: "Payload Too Large",
        503: "Service Unavailable",
    }[status]
    start_response(f"{status} {reason}", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


def check(settings: Settings) -> None:
    """Refuse to start without what the chosen mode needs."""
    check_credentials(settings, "serve")
    if not settings.slack_app_token and not settings.slack_signing_secret:
        raise BadInput(
            "serve over HTTP needs SLACK_SIGNING_SECRET to verify requests from Slack",
            "put the app's signing secret in .env, or SLACK_APP_TOKEN for Socket Mode",
        )


def check_credentials(settings: Settings, purpose: str) -> None:
    """A bot token (one workspace), or an OAuth client id and secret (many), not both."""
    oauth_parts = (settings.slack_client_id, settings.slack_client_secret)
    if settings.slack_bot_token and any(oauth_parts):
        raise BadInput(
            "SLACK_BOT_TOKEN (one workspace) and SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (many, by OAuth) are both set",
            "keep only the ones for the mode you want",
        )
    if any(oauth_parts) and not all(oauth_parts):
        raise BadInput(
            "installing into many workspaces needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET",
            "copy both from the app's Basic Information page",
        )
    if not settings.slack_bot_token and not settings.oauth:
        raise BadInput(
            f"{purpose} needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for many workspaces",
            "create the app from deploy/slack-manifest.yml and put its bot token in .env",
        )


def serve(settings: Settings, *, port: int | None = None) -> None:
    from waitress.server import create_server

    from bot.active_model import SERVING_REFRESH_SECONDS
    from bot.slack.app import JOB_WORKERS, create_app
    from bot.slack.clients import verified_client
    from bot.slack.delivery import Delivery
    from bot.slack.jobs import Jobs
    from bot.slack.recovery import INTERVAL_SECONDS as RECOVERY_INTERVAL
    from bot.slack.recovery import Recovery
    from bot.slack.workspaces import Workspaces

    check(settings)
    if not settings.oauth:
        verified_client(settings)  # a refused token or an unreachable Slack is one clear line, before anything starts
    services = Services(settings, model_refresh=SERVING_REFRESH_SECONDS, index_on_disk=False)
    services.warm()  # schema up to date, tokenizer loaded, before the first request
    metrics = Metrics()
    jobs = Jobs(JOB_WORKERS)
    workspaces = Workspaces(settings, services.log.engine)
    bolt_app = create_app(
        settings, services, metrics=metrics, jobs=jobs, delivery=Delivery(services, workspaces, metrics, gate=jobs.gate)
    )
    socket_mode = bool(settings.slack_app_token)
    server = create_server(
        wsgi_app(bolt_app, services, metrics, slack_events=not socket_mode),
        host="0.0.0.0",
        port=port or settings.port,
        threads=HTTP_THREADS,
        max_request_body_size=MAX_BODY_BYTES,
    )
    handler = _start_socket_mode(bolt_app, settings) if socket_mode else None
    schedule = _start_digest_schedule(services, workspaces, bolt_app.delivery) if settings.digest_channel else None
    delivery = bolt_app.delivery
    delivery.start()
    recovery = Recovery(
        services,
        workspaces,
        delivery,
        bolt_app.listeners.compose_answer,
        interval=min(RECOVERY_INTERVAL, settings.lease_seconds / 2),
    )
    recovery.start()
    gc.freeze()  # what start-up built lives as long as the process: keep it out of every collection
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
    stop = threading.Event()

    def on_signal(signum, _frame):
        logger.info("received signal %s: stopping", signum)
        stop.set()
        server.pull_trigger()  # wakes the loop now rather than at its next timeout

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    mode = "Socket Mode (HTTP for health and metrics only)" if socket_mode else "HTTP at /slack/events"
    if settings.oauth:
        mode += ", installing into workspaces at /slack/install"
    logger.info("Altitude serving in %s on port %s", mode, server.effective_port)
    try:
        _loop(server, until=stop.is_set)
    finally:
        recovery.stop()
        if schedule is not None:
            schedule.stop()
        _shutdown(server, handler, jobs)
        delivery.stop()


def _start_digest_schedule(services: Services, workspaces, delivery):
    from bot.slack.schedule import DigestSchedule

    schedule = DigestSchedule(services, workspaces, delivery)
    schedule.start()
    return schedule


def _start_socket_mode(bolt_app, settings: Settings):
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(bolt_app, settings.slack_app_token)
    handler.connect()
    return handler


def _loop(server, *, until, timeout: float | None = None) -> None:
    """waitress's own loop, one poll at a time, until `until()` is true."""
    from waitress import wasyncore

    while not until():
        wasyncore.loop(
            timeout=timeout or server.adj.asyncore_loop_timeout,
            map=server._map,
            use_poll=server.adj.asyncore_use_poll,
            count=1,
        )


def _shutdown(server, handler, jobs) -> None:
    """Stop taking connections, let the requests in flight finish while the loop still sends their
    responses, and only then close the sockets. (waitress's own close() shuts its wake-up pipe at
    once, and a request that finished after it failed writing to that pipe.)"""
    from waitress import wasyncore

    if handler is not None:
        handler.close()
    wasyncore.dispatcher.close(server)  # the listening socket alone
    draining = threading.Thread(target=server.task_dispatcher.shutdown, kwargs={"timeout": SHUTDOWN_GRACE_SECONDS})
    draining.start()
    _loop(server, until=lambda: not draining.is_alive(), timeout=DRAIN_POLL_SECONDS)
    flushed = time.monotonic() + DRAIN_POLL_SECONDS * 20
    _loop(server, until=lambda: not _unsent(server) or time.monotonic() > flushed, timeout=DRAIN_POLL_SECONDS)
    server.close()
    wasyncore.close_all(server._map)
    jobs.shutdown(wait=True)
    logger.info("stopped")


def _unsent(server) -> bool:
    return any(getattr(channel, "total_outbufs_len", 0) for channel in list(server._map.values()))
