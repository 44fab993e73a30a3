"""A model's answer streamed into its thread with Slack's chat streaming (`chat.startStream`,
`chat.appendStream`, `chat.stopStream`).

The engine hands over the answer's text so far as it grows; what Slack is shown is cut at the last
space (so escaping never changes text already sent) and made safe (`markdown_safe`), and sent at
most every `INTERVAL` seconds. `finish` ends the stream with the answer's sources and feedback
buttons when the checked answer is what was streamed; otherwise, or when Slack has closed the
stream, the caller replaces the message with `chat.update` (through the outbox).

Progress shows as two task cards in Slack's timeline, sent as chunks the way slack_sdk's own
`chat_stream` helper sends them: "Searching the documents" (done by the time text arrives) and
"Writing the answer", completed at the end with the sections the answer cites. (A task's `sources`
must be links, and sections have none, so they are named in the task's output.) Should Slack refuse
the chunks, the stream starts again as plain `markdown_text`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.models.messages.chunk import MarkdownTextChunk, TaskUpdateChunk

from bot.domain.safety import markdown_safe

logger = logging.getLogger(__name__)
INTERVAL = 0.4  # seconds between appends: Slack's appendStream is rate limited (Tier 4)
SEARCHED = TaskUpdateChunk(id="search", title="Searching the documents", status="complete")
WRITING = "Writing the answer"


class AnswerStream:
    def __init__(
        self,
        client,
        *,
        channel: str,
        thread_ts: str,
        user_id: str | None,
        team_id: str | None,
        on_start: Callable[[str], None],
        interval: float = INTERVAL,
    ):
        self.client, self.channel, self.thread_ts = client, channel, thread_ts
        self.recipient = {"recipient_user_id": user_id, "recipient_team_id": team_id} if user_id and team_id else {}
        self.on_start = on_start
        self.interval = interval
        self.ts: str | None = None  # the message's ts, once the stream has started
        self.sent = ""  # what Slack has been sent
        self.broken = False  # Slack refused a call: the message is finished with chat.update instead
        self.tasks = True  # progress shown as task cards (False once Slack refused the chunks)
        self._last = 0.0

    def show(self, text: str) -> None:
        """The answer so far; sends what is new, now or with a later call."""
        if self.broken:
            return
        cut = text[: max(text.rfind(" "), text.rfind("\n")) + 1]
        safe = markdown_safe(cut)
        if not safe.startswith(self.sent) or len(safe) == len(self.sent):
            return
        if self.ts is not None and time.monotonic() - self._last < self.interval:
            return
        self._send(safe[len(self.sent) :])
        self.sent = safe if not self.broken else self.sent

    def finish(self, answer: str, footer: list[dict], cited: list[str] = ()) -> bool:
        """End the stream with the rest of `answer` and the `footer` blocks (the writing task done,
        naming the `cited` sections); True when Slack shows exactly `answer` (made safe), False when
        the message must be replaced."""
        if self.ts is None or self.broken:
            return False
        whole = markdown_safe(answer)
        if not whole.startswith(self.sent):
            self._stop()
            return False
        rest = whole[len(self.sent) :]
        try:
            if self.tasks:
                done = TaskUpdateChunk(
                    id="write",
                    title=WRITING,
                    status="complete",
                    output=markdown_safe("Cited: " + ", ".join(cited)) if cited else None,
                )
                self.client.chat_stopStream(
                    channel=self.channel, ts=self.ts, blocks=footer, chunks=[*self._text(rest), done]
                )
            else:
                self.client.chat_stopStream(channel=self.channel, ts=self.ts, markdown_text=rest or None, blocks=footer)
        except SlackApiError as exc:
            self._refused("chat.stopStream", exc)
            return False
        return True

    def _send(self, delta: str) -> None:
        try:
            if self.ts is None:
                self._start(delta)
            elif self.tasks:
                self.client.chat_appendStream(channel=self.channel, ts=self.ts, chunks=self._text(delta))
            else:
                self.client.chat_appendStream(channel=self.channel, ts=self.ts, markdown_text=delta)
            self._last = time.monotonic()
        except SlackApiError as exc:
            self._refused("chat.appendStream" if self.ts else "chat.startStream", exc)

    def _start(self, delta: str) -> None:
        start = {"channel": self.channel, "thread_ts": self.thread_ts, **self.recipient}
        try:
            writing = TaskUpdateChunk(id="write", title=WRITING, status="in_progress")
            response = self.client.chat_startStream(
                **start, task_display_mode="timeline", chunks=[SEARCHED, writing, *self._text(delta)]
            )
        except SlackApiError as exc:
            logger.info(
                "chat.startStream refused the task chunks (%s); streaming text alone", exc.response.get("error")
            )
            self.tasks = False
            response = self.client.chat_startStream(**start, markdown_text=delta)
        if not response.get("ts"):
            raise SlackApiError("chat.startStream gave no ts", response)
        self.ts = response["ts"]
        self.on_start(self.ts)

    @staticmethod
    def _text(delta: str) -> list[MarkdownTextChunk]:
        return [MarkdownTextChunk(text=delta)] if delta else []

    def _stop(self) -> None:
        """End a stream whose text is to be replaced (best effort: Slack may have closed it); its
        writing task ends as an error, so no card is left spinning."""
        try:
            if self.tasks:
                ended = TaskUpdateChunk(
                    id="write", title=WRITING, status="error", output="replaced by the offline answer"
                )
                self.client.chat_stopStream(channel=self.channel, ts=self.ts, chunks=[ended])
            else:
                self.client.chat_stopStream(channel=self.channel, ts=self.ts)
        except SlackApiError as exc:
            self._refused("chat.stopStream", exc)

    def _refused(self, method: str, exc: SlackApiError) -> None:
        self.broken = True
        logger.info("%s failed (%s); the answer is posted or updated whole", method, exc.response.get("error"))
