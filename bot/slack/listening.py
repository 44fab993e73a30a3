"""What every group of Slack listeners shares: the services, the job pool, the metrics, and the
helpers that post a verdict, count it, and run a job that must never die silently.

A listener acknowledges in the request's own thread and hands the slow part to the job pool
(see `jobs`), passing only the values it needs.
"""

from __future__ import annotations

import functools
import logging

from slack_sdk.errors import SlackApiError

from bot.domain.text import prepare
from bot.errors import BadInput
from bot.services import Services
from bot.slack import blocks
from bot.slack.jobs import Jobs
from bot.slack.metrics import Metrics

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
            except Exception as exc:  # noqa: BLE001 - a job must not die silently
                self.metrics.errors.labels(where).inc()
                logger.error("job failed: %s", type(exc).__name__, extra={"where": where},
                             exc_info=logger.isEnabledFor(logging.DEBUG))

        return wrapper

    return decorate


class ListenerBase:
    def __init__(self, services: Services, metrics: Metrics, jobs: Jobs):
        self.services = services
        self.settings = services.settings
        self.metrics = metrics
        self.jobs = jobs

    def _reply_verdict(self, client, respond, channel, ts, result, text) -> None:
        self.jobs.gate.wait_for_idle()
        payload = {"text": fallback_text(result), "blocks": blocks.verdict_blocks(result.decision_id, result, text)}
        try:
            client.chat_postMessage(channel=channel, thread_ts=ts, unfurl_links=False, **payload)
        except SlackApiError as exc:
            if respond is None:
                raise
            logger.info("verdict: chat.postMessage refused (%s); answering privately", exc.response.get("error"))
            respond(response_type="ephemeral", **payload)

    def _remember_message(self, client, decision_id, channel, ts) -> None:
        if decision_id is not None:
            self.jobs.gate.wait_for_idle()
            self.services.log.record_message(decision_id, channel_id=channel, message_ts=ts,
                                             permalink=permalink_of(client, channel, ts))

    def _count(self, result, source: str) -> None:
        self.metrics.classifications.labels(result.verdict.label, source, result.provenance.engine).inc()
        logger.info("decision classified by %s", result.provenance.engine,
                    extra={"decision_id": result.decision_id, "outcome": result.verdict.label, "where": source})
        self.metrics.observe("classify", result.provenance)


def classifiable(text: str) -> bool:
    try:
        prepare(text)
    except BadInput:
        return False
    return True


def settled(future, timeout: float) -> bool:
    from concurrent.futures import wait

    return bool(wait([future], timeout=timeout).done)


def fallback_text(result) -> str:
    verdict = result.verdict
    return f"{verdict.label.capitalize()} (confidence {verdict.confidence:.2f})"


def permalink_of(client, channel: str | None, ts: str | None) -> str | None:
    if not channel or not ts:
        return None
    response = quietly(client.chat_getPermalink, channel=channel, message_ts=ts)
    return response.get("permalink") if response else None


def quietly(call, **kwargs):
    """A Slack call whose failure must not stop the work (a status line, a permalink)."""
    try:
        return call(**kwargs)
    except SlackApiError as exc:
        logger.info("%s failed: %s", getattr(call, "__name__", "Slack call"), exc.response.get("error"))
        return None
