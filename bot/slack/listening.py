"""What every group of Slack listeners shares: the services, the job pool, the metrics, and the
helpers that post a verdict, count it, and run a job that must never die silently.

A listener acknowledges in the request's own thread and hands the slow part to the job pool
(see `jobs`), passing only the values it needs.
"""

from __future__ import annotations

import functools
import logging
from concurrent.futures import ThreadPoolExecutor

from slack_sdk.errors import SlackApiError

from bot.services import Services
from bot.slack.delivery import Delivery, permalink_of, quietly  # noqa: F401 - listeners use them from here
from bot.slack.jobs import Jobs
from bot.slack.metrics import Metrics
from bot.storage.outbox import Target

logger = logging.getLogger("bot.slack.listeners")


def guarded(where: str):
    """A job's failure is logged and counted (without message text), never re-raised."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(self, *args, **kwargs):
            try:
                return func(self, *args, **kwargs)
            except SlackApiError as exc:
                self.metrics.errors.labels(where).inc()
                logger.warning("Slack API call failed: %s", exc.response.get("error"), extra={"where": where})
            except Exception as exc:
                self.metrics.errors.labels(where).inc()
                logger.error("job failed: %s", type(exc).__name__, extra={"where": where}, exc_info=exc)

        return wrapper

    return decorate


class ListenerBase:
    def __init__(self, services: Services, metrics: Metrics, jobs: Jobs, delivery: Delivery):
        self.services = services
        self.settings = services.settings
        self.metrics = metrics
        self.jobs = jobs
        self.delivery = delivery
        # Writes an ack waits on for a bounded time only (a message's claim, and its pending row).
        self._ack_writes = ThreadPoolExecutor(max_workers=4, thread_name_prefix="altitude-ack-write")

    def _note(self, key: str, team_id: str | None, target: Target, text: str, **options) -> None:
        """A private or threaded note to someone, through the outbox like every other message."""
        message = self.services.outbox.add(
            key=key, kind="note", team_id=team_id, target=target, payload={"text": text, **options}
        )
        self.delivery.send(message)

    def _count(self, result, source: str) -> None:
        self.metrics.classifications.labels(result.verdict.label, source, result.provenance.engine).inc()
        logger.info(
            "decision classified by %s",
            result.provenance.engine,
            extra={"decision_id": result.decision_id, "outcome": result.verdict.label, "where": source},
        )
        self.metrics.observe("classify", result.provenance)


def settled(future, timeout: float) -> bool:
    """Whether `future` finished within `timeout` seconds (waiting on its own condition: on the ack
    path, `concurrent.futures.wait` costs a waiter and three locks more)."""
    try:
        future.exception(timeout)
    except TimeoutError:
        return False
    return True
