"""Answering in Slack: mentions, direct messages and follow-ups in a thread Altitude has answered.

Before Bolt acknowledges the event, the message is claimed (its event id, and its channel and ts)
and its answer is put in the outbox as pending, in one transaction: a retry or a second delivery
changes nothing, and if this process dies while the model writes, another replica answers.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from bot.errors import BadInput
from bot.slack import blocks, conversation
from bot.slack.conversation import Message
from bot.slack.listening import ListenerBase, guarded, quietly, settled
from bot.storage.outbox import Target

logger = logging.getLogger("bot.slack.listeners")
PENDING_WAIT_SECONDS = 0.5


class AnswerListeners(ListenerBase):
    def take_message(self, message: Message, event_id: str | None, client, bot_user_id: str | None) -> None:
        """What the message asks of Altitude; an answer owed is claimed and made pending before the ack."""
        claims = self.services.claims
        action = conversation.action_for(
            message, bot_user_id=bot_user_id, decision_channels=self.settings.decision_channels,
            in_answered_thread=bool(message.thread_ts) and claims.has(message.thread_key()),
        )
        if action == "classify":  # a `Decision:` post with nothing classifiable (the others are logged already)
            self.jobs.submit(self.unclassifiable_post, message, event_id)
        elif action == "answer":
            keys = (f"event:{event_id}", message.message_key())
            target = Target(route="post", channel_id=message.channel_id, thread_ts=message.reply_thread,
                            user_id=message.user_id)
            taken = self._ack_writes.submit(self.services.outbox.claim_and_add, keys, key=f"answer:{keys[1]}",
                                            kind="answer", team_id=message.team_id, target=target,
                                            payload={"question": message.to_dict(), "bot_user_id": bot_user_id},
                                            status="pending",
                                            lease=self.services.lease)
            settled(taken, PENDING_WAIT_SECONDS)
            self.jobs.submit(self.answer, message, taken, client, bot_user_id)

    @guarded("unclassifiable_post")
    def unclassifiable_post(self, message: Message, event_id: str | None):
        if not self.services.claims.claim(f"event:{event_id}", message.message_key()):
            return
        try:
            self.services.prepare(conversation.decision_text(message.text))
        except BadInput as exc:
            self._note(f"note:{message.message_key()}", message.team_id,
                       Target(route="post", channel_id=message.channel_id, thread_ts=message.ts),
                       f"Altitude cannot classify this: {exc}.")

    @guarded("message")
    def answer(self, message: Message, taken: Future, client, bot_user_id: str | None):
        message_id = taken.result()
        if message_id is None:  # a retry or a second delivery of a message already taken
            return
        self.compose_answer(message_id, message, client, bot_user_id)
        self.services.claims.mark(message.thread_key())
        self.delivery.send(message_id)  # after the acks in flight (see Delivery's gate)

    def compose_answer(self, message_id: int, message: Message, client, bot_user_id: str | None) -> None:
        """Write the answer of a pending message (its lease kept alive meanwhile) and queue it."""
        with self.services.leases.keep("message", message_id):
            if message.is_dm:
                quietly(client.assistant_threads_setStatus, channel_id=message.channel_id,
                        thread_ts=message.reply_thread, status="is reading the documents…")
            history = conversation.thread_history(client, message, bot_user_id=bot_user_id)
            self.services.outbox.compose(message_id, self._answer_payload(message, history))

    def _answer_payload(self, message: Message, history) -> dict:
        try:
            result = self.services.ask(conversation.without_mentions(message.text), history=history)
        except BadInput:
            return {"text": blocks.HELP, "blocks": blocks.help_blocks()}
        self.metrics.observe("ask", result.provenance)
        titles = {s.id: s.title for s in self.services.knowledge.sections}
        return {"text": blocks.answer_text(result), "blocks": blocks.answer_blocks(result, titles)}
