"""Answering in Slack: mentions, direct messages and follow-ups in a thread Altitude has answered.

Before Bolt acknowledges the event, the message is claimed (its event id, and its channel and ts)
and its answer is put in the outbox as pending, in one transaction: a retry or a second delivery
changes nothing, and if this process dies while the model writes, another replica answers.

A model's answer streams into the thread as it is written (`streaming`); an offline answer is
posted whole. Every answer is kept in the answers log and ends with feedback buttons. With
`ALTITUDE_ANSWER_CHANNELS`, mentions elsewhere get no answer in the channel, only one private note a
day per person saying where Altitude answers.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from dataclasses import dataclass, field

from slack_sdk.errors import SlackApiError

from bot.errors import BadInput
from bot.slack import blocks, conversation
from bot.slack.conversation import Message
from bot.slack.listening import ListenerBase, guarded, quietly, settled
from bot.storage.outbox import Target

logger = logging.getLogger("bot.slack.listeners")
PENDING_WAIT_SECONDS = 0.5
LOADING_MESSAGES = ["Reading the documents…", "Finding the sections that answer it…", "Writing the answer…"]


@dataclass(frozen=True)
class ComposedAnswer:
    """An answer's message; the footer a stream ends with (None: not streamable), its text, and
    the titles of the sections it cites."""

    payload: dict
    footer: list[dict] | None = None
    text: str = ""
    cited: list[str] = field(default_factory=list)


class AnswerListeners(ListenerBase):
    def take_message(self, message: Message, event_id: str | None, client, bot_user_id: str | None) -> None:
        """What the message asks of Altitude; an answer owed is claimed and made pending before the ack."""
        claims = self.services.claims
        action = conversation.action_for(
            message,
            bot_user_id=bot_user_id,
            decision_channels=self.settings.decision_channels,
            in_answered_thread=bool(message.thread_ts) and claims.has(message.thread_key()),
        )
        if action == "classify":  # a `Decision:` post with nothing classifiable (the others are logged already)
            self.jobs.submit(self.unclassifiable_post, message, event_id)
        elif action == "answer" and not self._answers_here(message):
            self.jobs.submit(self.point_elsewhere, message)
        elif action == "answer":
            keys = (f"event:{event_id}", message.message_key())
            target = Target(
                route="post", channel_id=message.channel_id, thread_ts=message.reply_thread, user_id=message.user_id
            )
            taken = self._ack_writes.submit(
                self.services.outbox.claim_and_add,
                keys,
                key=f"answer:{keys[1]}",
                kind="answer",
                team_id=message.team_id,
                target=target,
                payload={"question": message.to_dict(), "bot_user_id": bot_user_id},
                status="pending",
                lease=self.services.lease,
            )
            settled(taken, PENDING_WAIT_SECONDS)
            self.jobs.submit(self.answer, message, taken, client, bot_user_id)

    @guarded("unclassifiable_post")
    def unclassifiable_post(self, message: Message, event_id: str | None):
        if not self.services.claims.claim(f"event:{event_id}", message.message_key()):
            return
        try:
            self.services.prepare(conversation.decision_text(message.text))
        except BadInput as exc:
            self._note(
                f"note:{message.message_key()}",
                message.team_id,
                Target(route="post", channel_id=message.channel_id, thread_ts=message.ts),
                f"Altitude cannot classify this: {exc}.",
            )

    def _answers_here(self, message: Message) -> bool:
        allowed = self.settings.answer_channels
        return message.is_dm or not allowed or message.channel_id in allowed

    @guarded("point_elsewhere")
    def point_elsewhere(self, message: Message) -> None:
        """A mention where Altitude does not answer: one private note a day per person, nothing in the channel."""
        from bot.storage.usage import today

        key = f"elsewhere:{message.team_id}:{message.user_id}:{today()}"
        if not self.services.claims.claim(key):
            return
        where = ", ".join(f"<#{c}>" for c in self.settings.answer_channels)
        self._note(
            f"note:{key}",
            message.team_id,
            Target(route="ephemeral", channel_id=message.channel_id, user_id=message.user_id),
            f"Altitude answers questions in {where} and in direct messages; ask there.",
        )

    @guarded("message")
    def answer(self, message: Message, taken: Future, client, bot_user_id: str | None):
        message_id = taken.result()
        if message_id is None:  # a retry or a second delivery of a message already taken
            return
        posted = self.compose_answer(message_id, message, client, bot_user_id)
        self.services.claims.mark(message.thread_key())
        if not posted:
            self.delivery.send(message_id)  # after the acks in flight (see Delivery's gate)

    def compose_answer(
        self, message_id: int, message: Message, client, bot_user_id: str | None, *, stream: bool = True
    ) -> bool:
        """Write the answer of a pending message (its lease kept alive meanwhile), streaming a
        model's answer into the thread: True when the stream showed it whole, False when it is
        queued to be posted (or to replace what a broken stream showed). `stream` False: a stream
        begun by a process that died is replaced, not begun again."""
        from bot.slack.streaming import AnswerStream

        with self.services.leases.keep("message", message_id):
            if message.is_dm:
                quietly(
                    client.assistant_threads_setStatus,
                    channel_id=message.channel_id,
                    thread_ts=message.reply_thread,
                    status="is reading the documents…",
                    loading_messages=LOADING_MESSAGES,
                )
            history = self._history(client, message, bot_user_id)
            streaming = AnswerStream(
                client,
                channel=message.channel_id,
                thread_ts=message.reply_thread,
                user_id=message.user_id,
                team_id=message.team_id,
                on_start=lambda ts: self.services.outbox.started(message_id, ts),
            )
            composed = self._answer_payload(message_id, message, history, streaming.show if stream else None)
            streamed = composed.footer is not None and streaming.finish(composed.text, composed.footer, composed.cited)
            self.services.outbox.compose(message_id, composed.payload, streamed=streamed)
        return streamed

    def _history(self, client, message: Message, bot_user_id: str | None) -> list[tuple[str, str]]:
        """The thread so far: from the answers log when the thread is Altitude's; else read from
        Slack (rate limited to about one call a minute for some apps: without it, no history)."""
        if not message.thread_ts:
            return []
        mine = self.services.answers.thread(message.team_id, message.channel_id, message.thread_ts)
        if mine:
            return mine
        try:
            return conversation.thread_history(client, message, bot_user_id=bot_user_id)
        except SlackApiError as exc:
            logger.info("could not read the thread (%s); answering without it", exc.response.get("error"))
            return []

    def _answer_payload(self, message_id: int, message: Message, history, on_text) -> ComposedAnswer:
        from bot.storage.answers import Asked

        asked = Asked(
            team_id=message.team_id,
            channel_id=message.channel_id,
            thread_ts=message.reply_thread,
            user_id=message.user_id,
            key=f"outbox:{message_id}",
        )
        try:
            result = self.services.ask(
                conversation.without_mentions(message.text), history=history, asked=asked, on_text=on_text
            )
        except BadInput:
            return ComposedAnswer({"text": blocks.HELP, "blocks": blocks.help_blocks()})
        self.metrics.observe("ask", result.provenance)
        titles = {s.id: s.title for s in self.services.knowledge.sections}
        payload = {"text": blocks.answer_text(result), "blocks": blocks.answer_blocks(result, titles)}
        cited = [titles.get(c, c) for c in result.answer.citations]
        return ComposedAnswer(payload, blocks.answer_footer(result, titles), result.answer.answer, cited)

    def on_feedback(self, ack, body, action):
        """A press of an answer's feedback buttons: kept as that person's vote, acknowledged privately."""
        self.metrics.requests.labels("action").inc()
        ack()
        self.jobs.submit(self.feedback, dict(body), dict(action))

    @guarded("feedback")
    def feedback(self, body: dict, action: dict) -> None:
        user, team = (body.get("user") or {}).get("id"), (body.get("team") or {}).get("id")
        vote, _, answer_id = str(action.get("value") or "").partition(":")
        if not user or not team or vote not in ("positive", "negative") or not answer_id.isdigit():
            return
        if body.get("trigger_id") and not self.services.claims.claim(f"trigger:{body['trigger_id']}"):
            return  # a replay of a press already taken
        kept = self.services.answers.vote(int(answer_id), user_id=user, vote=vote, team_id=team)
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        if channel:
            text = (
                "Thanks: noted that this answer helped."
                if vote == "positive"
                else "Thanks: noted that this answer did not help. The team sees it in `altitude answers stats`."
            )
            self._note(
                f"note:feedback:{body.get('trigger_id') or body.get('action_ts') or answer_id}:{user}:{vote}",
                team,
                Target(
                    route="ephemeral",
                    channel_id=channel,
                    user_id=user,
                    thread_ts=(body.get("container") or {}).get("thread_ts"),
                ),
                text if kept else "That answer is no longer in the answers log; nothing was recorded.",
            )
