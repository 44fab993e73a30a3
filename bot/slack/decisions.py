"""Classifying decisions from Slack: `/classify`, the message shortcut, and `Decision:` posts.

Each decision is in the log as pending and leased before Slack sees the ack, so another replica
finishes it if this process dies (see `storage.pending`).
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from slack_sdk.errors import SlackApiError

from bot.domain.text import prepare
from bot.domain.verdict import Origin
from bot.errors import AltitudeError, BadInput
from bot.slack import blocks, conversation
from bot.slack.conversation import Message
from bot.slack.listening import ListenerBase, classifiable, fallback_text, guarded, permalink_of, settled

logger = logging.getLogger("bot.slack.listeners")
CLASSIFYING = "Classifying…"
# How long a /classify ack waits for its decision to be in the log as pending. Grouped writes take
# milliseconds; past this the ack goes anyway (Slack allows 3 s) and the row lands a moment later.
PENDING_WAIT_SECONDS = 0.5


class DecisionListeners(ListenerBase):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Writes an ack waits on for a bounded time only (a `Decision:` post's claim and row).
        self._ack_writes = ThreadPoolExecutor(max_workers=4, thread_name_prefix="altitude-ack-write")

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
        if not settled(held, PENDING_WAIT_SECONDS):
            self.metrics.late_pending.inc()
        return held

    @guarded("classify_command")
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
        payload = {"text": fallback_text(result), "blocks": blocks.verdict_blocks(result.decision_id, result, text)}
        try:
            posted = client.chat_postMessage(channel=origin.channel_id, unfurl_links=False, unfurl_media=False, **payload)
        except SlackApiError as exc:  # not in the channel, a DM, a private channel: answer through response_url
            logger.info("classify: chat.postMessage refused (%s); using response_url", exc.response.get("error"))
            respond(response_type="in_channel", **payload)
            return
        self._remember_message(client, result.decision_id, origin.channel_id, posted["ts"])

    def on_shortcut(self, ack, shortcut, client, respond):
        """Like /classify, a classifiable message is logged as pending before the ack returns."""
        self.metrics.requests.labels("shortcut").inc()
        message = shortcut.get("message") or {}
        text = conversation.without_mentions(message.get("text") or "")
        origin = Origin(source="shortcut", team_id=(shortcut.get("team") or {}).get("id"),
                        channel_id=(shortcut.get("channel") or {}).get("id"),
                        user_id=(shortcut.get("user") or {}).get("id"), message_ts=message.get("ts"))
        logger.debug("shortcut on a message: %r", text[:500], extra={"team_id": origin.team_id})
        held = self._hold(text, origin) if classifiable(text) else None
        ack()
        self.jobs.submit(self.classify_shortcut, text, origin, held, message.get("text") or "", client, respond)

    @guarded("classify_shortcut")
    def classify_shortcut(self, text, origin, held, shown, client, respond):
        try:
            result = self.services.classify(text, origin=origin, held=held)
        except BadInput as exc:
            respond(response_type="ephemeral", text=f"Altitude cannot classify that message: {exc}.")
            return
        permalink = permalink_of(client, origin.channel_id, origin.message_ts)
        if permalink and result.decision_id is not None:
            self.services.log.record_permalink(result.decision_id, permalink)
        self._count(result, "shortcut")
        self._reply_verdict(client, respond, origin.channel_id, origin.message_ts, result, shown)

    def take_decision_post(self, message: Message, event_id: str | None, client) -> bool:
        """Claim and log a classifiable `Decision:` post in one short transaction before Bolt
        acknowledges the event, waiting at most PENDING_WAIT_SECONDS (past that the transaction
        finishes a moment after the ack); False when the message is not one."""
        text = conversation.decision_text(message.text)
        if not conversation.is_decision_post(message, self.settings.decision_channels) or not classifiable(text):
            return False
        origin = Origin(source="auto", team_id=message.team_id, channel_id=message.channel_id,
                        user_id=message.user_id, message_ts=message.ts)
        taken = self._ack_writes.submit(self.services.hold_once, (f"event:{event_id}", message.message_key()),
                                        text, origin)
        if not settled(taken, PENDING_WAIT_SECONDS):
            self.metrics.late_pending.inc()
        self.jobs.submit(self.classify_post, message, taken, text, client)
        return True

    @guarded("classify_post")
    def classify_post(self, message: Message, taken: Future, text: str, client):
        decision_id = taken.result()
        if decision_id is None:  # a retry or a second delivery of a post already taken
            return
        logger.debug("Decision: post: %r", text[:500], extra={"team_id": message.team_id})
        permalink = permalink_of(client, message.channel_id, message.ts)
        if permalink:
            self.services.log.record_permalink(decision_id, permalink)
        result = self.services.finish(decision_id, text)
        self._count(result, "auto")
        self._reply_verdict(client, None, message.channel_id, message.ts, result, text)
