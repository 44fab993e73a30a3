"""Answering in Slack: mentions, direct messages and follow-ups in a thread Altitude has answered.

A message is acted on once: its event id and its channel and ts are claimed in the database
first, so retries and duplicate deliveries change nothing.
"""

from __future__ import annotations

import logging

from bot.domain.text import prepare
from bot.errors import BadInput
from bot.slack import blocks, conversation
from bot.slack.conversation import Message
from bot.slack.listening import ListenerBase, guarded, quietly

logger = logging.getLogger("bot.slack.listeners")


class AnswerListeners(ListenerBase):
    @guarded("message")
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
            quietly(client.assistant_threads_setStatus, channel_id=message.channel_id,
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
