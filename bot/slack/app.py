"""The Bolt app, built from the settings by one factory, with every listener wired by `register`."""

from __future__ import annotations

import logging

from slack_bolt import App

from bot.config import Settings
from bot.services import Services
from bot.slack.clients import make_client
from bot.slack.delivery import Delivery
from bot.slack.jobs import Jobs
from bot.slack.listeners import register
from bot.slack.metrics import Metrics

# Slow work (model calls) runs on this many threads; acks never wait for them (see jobs).
JOB_WORKERS = 128


class _ClientGiven(logging.Filter):
    """Bolt warns that an env token is unused when a client is given; giving one is the point."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "will be unused" not in record.getMessage()


def _bolt_logger() -> logging.Logger:
    logger = logging.getLogger("bot.slack.bolt")
    if not any(isinstance(f, _ClientGiven) for f in logger.filters):
        logger.addFilter(_ClientGiven())
    return logger


def create_app(
    settings: Settings,
    services: Services,
    *,
    metrics: Metrics | None = None,
    jobs: Jobs | None = None,
    delivery: Delivery | None = None,
) -> App:
    """Listeners run in the request's own thread (process_before_response), acknowledge, and hand
    slow work to `jobs`, so a busy model never delays an ack. With many workspaces (OAuth), Bolt
    gives each request a client with its team's token, and forgets a team that uninstalls."""
    oauth = None
    if settings.oauth:
        from bot.slack.workspaces import oauth_settings

        oauth = oauth_settings(settings, services.log.engine)
    app = App(
        token=None,  # the client below carries it (or, with OAuth, each team's client), with our base URL and retries
        signing_secret=settings.slack_signing_secret or "",
        client=make_client(settings),
        oauth_settings=oauth,
        process_before_response=True,
        logger=_bolt_logger(),
    )
    if oauth is not None:
        from bot.slack.workspaces import forget_revoked_tokens

        forget_revoked_tokens(app)
    app.jobs = jobs or Jobs(JOB_WORKERS)  # the HTTP server marks requests in flight on app.jobs.gate
    metrics = metrics or Metrics()
    services.on_unexpected.append(lambda where: metrics.errors.labels(f"{where}_unexpected").inc())
    services.count_model_calls = True  # today's use, for /metrics and the App Home
    metrics.watch_model_use(services.budget)
    if delivery is None:
        from bot.slack.workspaces import Workspaces

        delivery = Delivery(services, Workspaces(settings, services.log.engine), metrics, gate=app.jobs.gate)
    app.delivery = delivery  # serve runs its background loop; a job sends its own message at once
    app.listeners = register(app, services, metrics, app.jobs, delivery)
    return app
