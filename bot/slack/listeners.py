"""Every Slack listener, wired by one `register`. Each one parses, calls the services, renders.

A listener acknowledges in the request's own thread and hands the slow part to the job pool
(see `jobs`). A message is acted on once: its event id and its channel and ts are claimed in the
database first, so retries and duplicate deliveries change nothing.
"""

from __future__ import annotations

import functools
import logging
import re

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.domain.text import prepare
from bot.domain.verdict import Origin
from bot.errors import AltitudeError, BadInput
from bot.services import Services
from bot.slack import blocks, conversation
from bot.slack.conversation import Message
from bot.slack.jobs import Jobs
from bot.slack.metrics import Metrics

logger = logging.getLogger(__name__)
SUGGESTED_PROMPTS = [
    {"title": "What is operations strategy?", "message": "What is operations strategy, according to the document?"},
    {"title": "Who decides what?", "message": "Who makes operations strategy decisions, and who runs operations management?"},
    {"title": "Strategy or operations?", "message": "We are moving our support team to a 24/7 rota. Strategy or operations?"},
    {"title": "Do we need both?", "message": "Do we need both an operations strategy and good operations management?"},
]
CLASSIFYING = "Classifying…"
# How long a /classify ack waits for its decision to be in the log as pending. Grouped writes take
# milliseconds; past this the ack goes anyway (Slack allows 3 s) and the row lands a moment later.
PENDING_WAIT_SECONDS = 0.5


def register(app: App, services: Services, metrics: Metrics, jobs: Jobs) -> None:
    listeners = Listeners(services, metrics, jobs)
    app.command("/classify")(listeners.on_classify_command)
    app.shortcut("classify_decision")(listeners.on_shortcut)
    app.action(re.compile(r"^review_(agree|strategic|operational)$"))(listeners.on_review)
    app.event("app_mention")(listeners.on_message)
    app.event("message")(listeners.on_message)
    app.event("app_home_opened")(listeners.on_home_opened)


def _guarded(where: str):
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


class Listeners:
    def __init__(self, services: Services, metrics: Metrics, jobs: Jobs):
        self.services = services
        self.settings = services.settings
        self.metrics = metrics
        self.jobs = jobs

    # --- /classify ---

    def on_classify_command(self, ack, command, client, respond):
        self.metrics.requests.labels("command").inc()
        text = (command.get("text") or "").strip()
        if not text or text.lower() == "help":
            return ack(text=blocks.HELP, blocks=blocks.help_blocks())
        try:
            prepare(text)
        except BadInput as exc:
            return ack(text=f"{exc}. Try `/classify help`.")
        origin = Origin(source="slash", team_id=command.get("team_id"), channel_id=command.get("channel_id"),
                        user_id=command.get("user_id"))
        logger.debug("/classify text: %r", text[:500], extra={"team_id": origin.team_id})
        held = self._hold(text, origin)
        ack(text=CLASSIFYING)
        self.jobs.submit(self.classify_command, text, origin, held, client, respond)

    def _hold(self, text: str, origin: Origin):
        """Log the decision as pending and leased before the ack returns (waiting at most
        PENDING_WAIT_SECONDS), so that another replica finishes it if this process dies."""
        held = self.services.hold(text, origin)
        if not _settled(held, PENDING_WAIT_SECONDS):
            self.metrics.late_pending.inc()
        return held

    @_guarded("classify_command")
    def classify_command(self, text, origin, held, client, respond):
        try:
            result = self.services.classify(text, origin=origin, held=held)
        except BadInput:
            return  # already explained in the ack
        except AltitudeError as exc:
            respond(response_type="ephemeral", text=f"Altitude could not classify this: {exc}.")
            raise
        self._count(result, "slash")
        self.jobs.gate.wait_for_idle()  # the model has answered: let waiting acks go first
        payload = {"text": _fallback_text(result), "blocks": blocks.verdict_blocks(result.decision_id, result, text)}
        try:
            posted = client.chat_postMessage(channel=origin.channel_id, unfurl_links=False, unfurl_media=False, **payload)
        except SlackApiError as exc:  # not in the channel, a DM, a private channel: answer through response_url
            logger.info("classify: chat.postMessage refused (%s); using response_url", exc.response.get("error"))
            respond(response_type="in_channel", **payload)
            return
        self._remember_message(client, result.decision_id, origin.channel_id, posted["ts"])

    # --- the message shortcut ---

    def on_shortcut(self, ack, shortcut, client, respond):
        """Like /classify, a classifiable message is logged as pending before the ack returns."""
        self.metrics.requests.labels("shortcut").inc()
        message = shortcut.get("message") or {}
        text = conversation.without_mentions(message.get("text") or "")
        origin = Origin(source="shortcut", team_id=(shortcut.get("team") or {}).get("id"),
                        channel_id=(shortcut.get("channel") or {}).get("id"),
                        user_id=(shortcut.get("user") or {}).get("id"), message_ts=message.get("ts"))
        logger.debug("shortcut on a message: %r", text[:500], extra={"team_id": origin.team_id})
        held = self._hold(text, origin) if _classifiable(text) else None
        ack()
        self.jobs.submit(self.classify_shortcut, text, origin, held, message.get("text") or "", client, respond)

    @_guarded("classify_shortcut")
    def classify_shortcut(self, text, origin, held, shown, client, respond):
        try:
            result = self.services.classify(text, origin=origin, held=held)
        except BadInput as exc:
            respond(response_type="ephemeral", text=f"Altitude cannot classify that message: {exc}.")
            return
        permalink = _permalink(client, origin.channel_id, origin.message_ts)
        if permalink and result.decision_id is not None:
            self.services.log.record_permalink(result.decision_id, permalink)
        self._count(result, "shortcut")
        self._reply_verdict(client, respond, origin.channel_id, origin.message_ts, result, shown)

    # --- messages: mentions, DMs, thread follow-ups, Decision: posts ---

    def on_message(self, body, event, client, context):
        """Mentions, DMs, thread follow-ups and `Decision:` posts. Bolt acknowledges an event when
        this returns, so a `Decision:` post is claimed and logged as pending first (one short
        transaction): once Slack sees the ack, the decision is in the log."""
        self.metrics.requests.labels("event").inc()
        message = conversation.from_event(event, body.get("team_id") or context.team_id)
        if message is None:
            return
        text = conversation.decision_text(message.text)
        if conversation.is_decision_post(message, self.settings.decision_channels) and _classifiable(text):
            origin = Origin(source="auto", team_id=message.team_id, channel_id=message.channel_id,
                            user_id=message.user_id, message_ts=message.ts)
            decision_id = self.services.hold_once((f"event:{body.get('event_id')}", message.message_key()), text, origin)
            if decision_id is not None:  # None: a retry or a second delivery of a post already taken
                self.jobs.submit(self.classify_post, message, decision_id, text, client)
            return
        self.jobs.submit(self.message, message, body.get("event_id"), client, context.bot_user_id)

    @_guarded("classify_post")
    def classify_post(self, message: Message, decision_id: int, text: str, client):
        logger.debug("Decision: post: %r", text[:500], extra={"team_id": message.team_id})
        permalink = _permalink(client, message.channel_id, message.ts)
        if permalink:
            self.services.log.record_permalink(decision_id, permalink)
        result = self.services.finish(decision_id, text)
        self._count(result, "auto")
        self._reply_verdict(client, None, message.channel_id, message.ts, result, text)

    @_guarded("message")
    def message(self, message: Message, event_id: str | None, client, bot_user_id: str | None):
        claims = self.services.claims
        action = conversation.action_for(
            message, bot_user_id=bot_user_id, decision_channels=self.settings.decision_channels,
            in_answered_thread=bool(message.thread_ts) and claims.has(message.thread_key()),
        )
        if action is None or not claims.claim(f"event:{event_id}", message.message_key()):
            return
        logger.debug("%s: %r", action, message.text[:500], extra={"team_id": message.team_id})
        if action == "classify":
            self._classify_post(client, message)
        else:
            self._answer(client, message, bot_user_id)

    def _classify_post(self, client, message: Message) -> None:
        """A `Decision:` post with nothing classifiable in it (the others never reach a job unlogged)."""
        try:
            prepare(conversation.decision_text(message.text))
        except BadInput as exc:
            client.chat_postMessage(channel=message.channel_id, thread_ts=message.ts, text=f"Altitude cannot classify this: {exc}.")

    def _answer(self, client, message: Message, bot_user_id: str | None) -> None:
        if message.is_dm:
            _quietly(client.assistant_threads_setStatus, channel_id=message.channel_id,
                     thread_ts=message.reply_thread, status="is reading the documents…")
        history = conversation.thread_history(client, message, bot_user_id=bot_user_id)
        try:
            result = self.services.ask(conversation.without_mentions(message.text), history=history)
        except BadInput:
            client.chat_postMessage(channel=message.channel_id, thread_ts=message.reply_thread, text=blocks.HELP,
                                    blocks=blocks.help_blocks())
            return
        self.metrics.observe("ask", result.provenance)
        self.jobs.gate.wait_for_idle()
        titles = {s.id: s.title for s in self.services.knowledge.sections}
        client.chat_postMessage(channel=message.channel_id, thread_ts=message.reply_thread, text=result.answer.answer[:3000],
                                blocks=blocks.answer_blocks(result, titles), unfurl_links=False, unfurl_media=False)
        self.services.claims.mark(message.thread_key())

    # --- review buttons ---

    def on_review(self, ack, body, action, client, respond):
        self.metrics.requests.labels("action").inc()
        ack()
        self.jobs.submit(self.review, dict(body), dict(action), client, respond)

    @_guarded("review")
    def review(self, body, action, client, respond):
        user, team = body["user"]["id"], (body.get("team") or {}).get("id")
        from_home = body.get("container", {}).get("type") == "view"
        reviewers = self.settings.reviewers
        if reviewers and user not in reviewers:
            notice = "Only the reviewers named in ALTITUDE_REVIEWERS can review decisions."
            if from_home:
                return self._publish_home(client, user, team, notice=notice)
            return respond(response_type="ephemeral", replace_original=False, text=notice)
        choice = action["action_id"].removeprefix("review_")
        try:
            review = self.services.review(int(action["value"]), reviewer=user, choice=choice, team_id=team)
        except (BadInput, ValueError) as exc:
            message = f"Could not record that review: {exc}."
            return self._publish_home(client, user, team, notice=message) if from_home else \
                respond(response_type="ephemeral", replace_original=False, text=message)
        if from_home:
            return self._publish_home(client, user, team)
        row, result = self.services.decision(review["decision_id"])
        respond(replace_original=True, text=_fallback_text(result),
                blocks=blocks.verdict_blocks(row["id"], result, row["text"], review=review))

    # --- App Home and the Messages tab ---

    def on_home_opened(self, event, client, context):
        self.metrics.requests.labels("event").inc()
        self.jobs.submit(self.home_opened, dict(event), client, context.team_id)

    @_guarded("home")
    def home_opened(self, event, client, team_id):
        if event.get("tab") == "messages":
            _quietly(client.assistant_threads_setSuggestedPrompts, channel_id=event.get("channel"),
                     title="Ask Altitude", prompts=SUGGESTED_PROMPTS)
            return
        self._publish_home(client, event["user"], team_id)

    def _publish_home(self, client, user: str, team: str | None, notice: str | None = None) -> None:
        data = self.services.home(team)
        can_review = not self.settings.reviewers or user in self.settings.reviewers
        client.views_publish(user_id=user, view=blocks.home_view(**data, can_review=can_review, notice=notice))

    # --- helpers ---

    def _reply_verdict(self, client, respond, channel, ts, result, text) -> None:
        self.jobs.gate.wait_for_idle()
        payload = {"text": _fallback_text(result), "blocks": blocks.verdict_blocks(result.decision_id, result, text)}
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
                                             permalink=_permalink(client, channel, ts))

    def _count(self, result, source: str) -> None:
        self.metrics.classifications.labels(result.verdict.label, source, result.provenance.engine).inc()
        logger.info("decision classified by %s", result.provenance.engine,
                    extra={"decision_id": result.decision_id, "outcome": result.verdict.label, "where": source})
        self.metrics.observe("classify", result.provenance)


def _classifiable(text: str) -> bool:
    try:
        prepare(text)
    except BadInput:
        return False
    return True


def _settled(future, timeout: float) -> bool:
    from concurrent.futures import wait

    return bool(wait([future], timeout=timeout).done)


def _fallback_text(result) -> str:
    verdict = result.verdict
    return f"{verdict.label.capitalize()} (confidence {verdict.confidence:.2f})"


def _permalink(client, channel: str | None, ts: str | None) -> str | None:
    if not channel or not ts:
        return None
    response = _quietly(client.chat_getPermalink, channel=channel, message_ts=ts)
    return response.get("permalink") if response else None


def _quietly(call, **kwargs):
    """A Slack call whose failure must not stop the work (a status line, a permalink)."""
    try:
        return call(**kwargs)
    except SlackApiError as exc:
        logger.info("%s failed: %s", getattr(call, "__name__", "Slack call"), exc.response.get("error"))
        return None
