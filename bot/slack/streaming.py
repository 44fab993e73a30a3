"""A model's answer streamed into its thread with Slack's chat streaming (`chat.startStream`,
`chat.appendStream`, `chat.stopStream`).

The engine hands over the answer's text so far as it grows; what Slack is shown is cut at the last
space (so escaping never changes text already sent) and made safe (`markdown_safe`), and sent at
most every `INTERVAL` seconds. `finish` ends the stream with the answer's sources and feedback
buttons when the checked answer is what was streamed; otherwise, or when Slack has closed the
stream, the caller replaces the message with `chat.update` (through the outbox).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from bot.domain.safety import markdown_safe

logger = logging.getLogger(__name__)
INTERVAL = 0.4  # seconds between appends: Slack's appendStream is rate limited (Tier 4)


class AnswerStream:
    def __init__(self, client, *, channel: str, thread_ts: str, user_id: str | None, team_id: str | None,
                 on_start: Callable[[str], None], interval: float = INTERVAL):
        self.client, self.channel, self.thread_ts = client, channel, thread_ts
        self.recipient = {"recipient_user_id": user_id, "recipient_team_id": team_id} if user_id and team_id else {}
        self.on_start = on_start
        self.interval = interval
        self.ts: str | None = None  # the message's ts, once the stream has started
        self.sent = ""  # what Slack has been sent
        self.broken = False  # Slack refused a call: the message is finished with chat.update instead
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
        self._send(safe[len(self.sent):])
        self.sent = safe if not self.broken else self.sent

    def finish(self, answer: str, footer: list[dict]) -> bool:
        """End the stream with the rest of `answer` and the `footer` blocks; True when Slack shows
        exactly `answer` (made safe), False when the message must be replaced."""
        if self.ts is None or self.broken:
            return False
        whole = markdown_safe(answer)
        if not whole.startswith(self.sent):
            self._stop()
            return False
        try:
            self.client.chat_stopStream(channel=self.channel, ts=self.ts, markdown_text=whole[len(self.sent):] or None,
                                        blocks=footer)
        except SlackApiError as exc:
            self._refused("chat.stopStream", exc)
            return False
        return True

    def _send(self, delta: str) -> None:
        try:
            if self.ts is None:
                response = self.client.chat_startStream(channel=self.channel, thread_ts=self.thread_ts,
                                                        markdown_text=delta, **self.recipient)
                if not response.get("ts"):
                    raise SlackApiError("chat.startStream gave no ts", response)
                self.ts = response["ts"]
                self.on_start(self.ts)
            else:
                self.client.chat_appendStream(channel=self.channel, ts=self.ts, markdown_text=delta)
            self._last = time.monotonic()
        except SlackApiError as exc:
            self._refused("chat.appendStream" if self.ts else "chat.startStream", exc)

    def _stop(self) -> None:
        """End a stream whose text is to be replaced (best effort: Slack may have closed it)."""
        try:
            self.client.chat_stopStream(channel=self.channel, ts=self.ts)
        except SlackApiError as exc:
            self._refused("chat.stopStream", exc)

    def _refused(self, method: str, exc: SlackApiError) -> None:
        self.broken = True
        logger.info("%s failed (%s); the answer is posted or updated whole", method, exc.response.get("error"))
