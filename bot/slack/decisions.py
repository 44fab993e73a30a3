"""Classifying decisions from Slack: `/classify`, the message shortcut, and `Decision:` posts.

Each decision is in the log as pending and leased before Slack sees the ack, with where its verdict
goes; its verdict and the message that carries it are recorded in one transaction, and the outbox
delivers that message (see `delivery`). A replayed request (the same trigger id) does nothing.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future
from typing import TYPE_CHECKING

from bot.domain.verdict import Origin
from bot.errors import AltitudeError, BadInput
from bot.slack import blocks, conversation
from bot.slack.conversation import Message
from bot.slack.listening import ListenerBase, guarded, permalink_of, settled
from bot.storage.outbox import Target

if TYPE_CHECKING:
    from bot.domain.text import PreparedText
    from bot.services import Held

logger = logging.getLogger("bot.slack.listeners")
CLASSIFYING = "Classifying…"
MISSING = "This request from Slack is missing its team, channel or user, so Altitude cannot log it."
# How long an ack waits for its decision to be in the log as pending. Grouped writes take
# milliseconds; past this the ack goes anyway (Slack allows 3 s) and the row lands a moment later.
PENDING_WAIT_SECONDS = 0.5
LOCKED_RETRIES = (0.5, 2.0, 5.0)  # a `Decision:` post whose log write failed is tried again after these


class DecisionListeners(ListenerBase):
    def on_classify_command(self, ack, command, client, respond):
        self.metrics.requests.labels("command").inc()
        text = (command.get("text") or "").strip()
        if not text or text.lower() == "help":
            return ack(text=blocks.HELP, blocks=blocks.help_blocks())
        if not all(command.get(k) for k in ("team_id", "channel_id", "user_id")):
            return ack(text=MISSING)
        reply = Target(
            route="post",
            channel_id=command["channel_id"],
            user_id=command["user_id"],
            response_url=command.get("response_url"),
            fallback="response_url",
        )
        origin = Origin(
            source="slash",
            team_id=command["team_id"],
            channel_id=command["channel_id"],
            user_id=command["user_id"],
            reply=reply.as_dict(),
        )
        logger.debug("/classify text: %r", text[:500], extra={"team_id": origin.team_id})
        try:
            held = self._hold(text, origin, command.get("trigger_id"))
        except BadInput as exc:
            return ack(text=f"{exc}. Try `/classify help`.")
        if held.decision.done() and held.decision.exception() is None and held.decision.result() is None:
            return ack()  # a replay of a command already taken: nothing more
        ack(text=CLASSIFYING)
        self.jobs.submit(self.classify_command, held, respond)

    def _hold(self, text: str, origin: Origin, trigger_id: str | None) -> Held:
        """Log the decision as pending and leased before the ack returns (waiting at most
        PENDING_WAIT_SECONDS), so that another replica finishes it if this process dies."""
        held = self.services.hold(text, origin, claim=f"trigger:{trigger_id}" if trigger_id else None)
        if not settled(held.decision, PENDING_WAIT_SECONDS) or held.decision.exception() is not None:
            self.metrics.late_pending.inc()  # the job writes it alone (see `Services.classify_held`)
        return held

    @guarded("classify_command")
    def classify_command(self, held: Held, respond):
        try:
            result = self.services.classify_held(held, pause=self.jobs.gate.wait_for_idle)
        except AltitudeError as exc:  # the log failed; the model did not
            respond(response_type="ephemeral", text=f"Altitude could not classify this: {exc}.")
            raise
        if result is None:  # a replay
            return
        self._count(result, "slash")
        self.delivery.send(result.message_id)

    def on_shortcut(self, ack, shortcut, client, respond):
        """Like /classify, a classifiable message is logged as pending before the ack returns."""
        self.metrics.requests.labels("shortcut").inc()
        message = shortcut.get("message") or {}
        team, channel, user = ((shortcut.get(k) or {}).get("id") for k in ("team", "channel", "user"))
        if not (team and channel and user and message.get("ts")):
            ack()
            return self.jobs.submit(self.tell_privately, respond, MISSING)
        text = conversation.without_mentions(message.get("text") or "")
        reply = Target(
            route="post",
            channel_id=channel,
            thread_ts=message["ts"],
            user_id=user,
            response_url=shortcut.get("response_url"),
            fallback="response_url",
        )
        origin = Origin(
            source="shortcut",
            team_id=team,
            channel_id=channel,
            user_id=user,
            message_ts=message["ts"],
            reply={**reply.as_dict(), "options": {"response_type": "ephemeral"}},
        )  # through response_url: privately
        logger.debug("shortcut on a message: %r", text[:500], extra={"team_id": origin.team_id})
        try:
            held = self._hold(text, origin, shortcut.get("trigger_id"))
        except BadInput as exc:
            ack()
            return self.jobs.submit(self.tell_privately, respond, f"Altitude cannot classify that message: {exc}.")
        ack()
        self.jobs.submit(self.classify_shortcut, held, client)

    @guarded("tell_privately")
    def tell_privately(self, respond, text: str):
        respond(response_type="ephemeral", text=text)

    @guarded("classify_shortcut")
    def classify_shortcut(self, held: Held, client):
        result = self.services.classify_held(held, pause=self.jobs.gate.wait_for_idle)
        if result is None:  # a replay
            return
        origin = held.origin
        permalink = permalink_of(client, origin.channel_id, origin.message_ts)
        if permalink:
            self.services.log.record_permalink(result.decision_id, permalink)
        self._count(result, "shortcut")
        self.delivery.send(result.message_id)

    def take_decision_post(self, message: Message, event_id: str | None, client) -> bool:
        """Claim and log a classifiable `Decision:` post in one short transaction before Bolt
        acknowledges the event, waiting at most PENDING_WAIT_SECONDS (past that the transaction
        finishes a moment after the ack); False when the message is not one."""
        if not conversation.is_decision_post(message, self.settings.decision_channels):
            return False
        text = conversation.decision_text(message.text)
        try:
            prepared = self.services.prepare(text)
        except BadInput:
            return False  # answered with what to fix, after the ack (see `answers`)
        reply = Target(route="post", channel_id=message.channel_id, thread_ts=message.ts, user_id=message.user_id)
        origin = Origin(
            source="auto",
            team_id=message.team_id,
            channel_id=message.channel_id,
            user_id=message.user_id,
            message_ts=message.ts,
            reply=reply.as_dict(),
        )
        keys = (f"event:{event_id}", message.message_key())
        taken = self._ack_writes.submit(self.services.hold_once, keys, text, origin)
        if not settled(taken, PENDING_WAIT_SECONDS):
            self.metrics.late_pending.inc()
        self.jobs.submit(self.classify_post, message, taken, keys, prepared, origin, client)
        return True

    @guarded("classify_post")
    def classify_post(self, message: Message, taken: Future, keys, prepared: PreparedText, origin: Origin, client):
        text = conversation.decision_text(message.text)
        decision_id = self._logged_post(message, taken, keys, text, origin, client)
        if decision_id is None:  # a retry or a second delivery of a post already taken, or reported
            return
        logger.debug("Decision: post: %r", text[:500], extra={"team_id": message.team_id})
        permalink = permalink_of(client, message.channel_id, message.ts)
        if permalink:
            self.services.log.record_permalink(decision_id, permalink)
        result = self.services.finish(
            decision_id, prepared, pause=self.jobs.gate.wait_for_idle, team_id=message.team_id
        )
        self._count(result, "auto")
        self.delivery.send(result.message_id)

    def _logged_post(self, message: Message, taken: Future, keys, text: str, origin: Origin, client) -> int | None:
        """The post's decision id once its claim and row are written; a write that fails (a locked
        database, say) is tried again, and if it never succeeds the poster is told in the thread."""
        for delay in (*LOCKED_RETRIES, None):
            try:
                return taken.result()
            except AltitudeError as exc:
                if delay is None:
                    self.metrics.errors.labels("classify_post_log").inc()
                    logger.error("a Decision: post could not be logged: %s", exc, extra={"team_id": message.team_id})
                    # Said directly, not through the outbox: the database that would hold it is what fails.
                    client.chat_postMessage(
                        channel=message.channel_id,
                        thread_ts=message.ts,
                        text=f"Altitude could not log this decision ({exc}). Post it again, or use /classify.",
                    )
                    return None
                logger.warning("logging a Decision: post failed (%s); trying again in %.0f s", exc, delay)
                time.sleep(delay)
                taken = self._ack_writes.submit(self.services.hold_once, keys, text, origin)
        return None
