"""Deciding what a message asks of Altitude, and reading a thread's history. No Slack calls here
except `thread_history`, which is handed the client."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_DECISION = re.compile(r"^\s*decision\s*:", re.IGNORECASE)
IGNORED_SUBTYPES = {
    "message_changed",
    "message_deleted",
    "message_replied",
    "bot_message",
    "channel_join",
    "channel_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "pinned_item",
    "assistant_app_thread",
    "ekm_access_denied",
    "tombstone",
}


@dataclass(frozen=True)
class Message:
    team_id: str | None
    channel_id: str
    user_id: str | None
    ts: str
    thread_ts: str | None
    text: str
    is_dm: bool

    @property
    def reply_thread(self) -> str:
        return self.thread_ts or self.ts

    def to_dict(self) -> dict:
        return dict(vars(self))

    @classmethod
    def from_dict(cls, data: dict) -> Message:
        return cls(**data)

    def message_key(self) -> str:
        return f"message:{self.team_id}:{self.channel_id}:{self.ts}"

    def thread_key(self) -> str:
        return thread_key(self.team_id, self.channel_id, self.reply_thread)


def thread_key(team_id: str | None, channel_id: str, thread_ts: str) -> str:
    return f"thread:{team_id}:{channel_id}:{thread_ts}"


def from_event(event: dict, team_id: str | None) -> Message | None:
    """The message an event carries, or None for what Altitude ignores: bots, edits, deletions, joins."""
    if event.get("bot_id") or event.get("subtype") in IGNORED_SUBTYPES or event.get("bot_profile"):
        return None
    if not event.get("user") or not event.get("channel") or not event.get("ts"):
        return None
    return Message(
        team_id=team_id or event.get("team"),
        channel_id=event["channel"],
        user_id=event["user"],
        ts=event["ts"],
        thread_ts=event.get("thread_ts"),
        text=event.get("text") or "",
        is_dm=event.get("channel_type") == "im" or event["channel"].startswith("D"),
    )


def without_mentions(text: str) -> str:
    return _MENTION.sub(" ", text).strip()


def action_for(
    message: Message, *, bot_user_id: str | None, decision_channels: tuple[str, ...], in_answered_thread: bool
) -> str | None:
    """ "classify", "answer", or None. Every event for one message yields the same action, so
    whichever of them arrives first acts and the others are deduplicated."""
    if is_decision_post(message, decision_channels):
        return "classify"
    mentioned = bool(bot_user_id) and f"<@{bot_user_id}" in message.text
    if message.is_dm or mentioned or (message.thread_ts and in_answered_thread):
        return "answer"
    return None


def is_decision_post(message: Message, decision_channels: tuple[str, ...]) -> bool:
    return message.channel_id in decision_channels and bool(_DECISION.match(without_mentions(message.text)))


def decision_text(text: str) -> str:
    """The decision in a `Decision: ...` post, without the prefix or mentions."""
    return _DECISION.sub("", without_mentions(text), count=1).strip()


def thread_history(client, message: Message, *, bot_user_id: str | None, limit: int = 50) -> list[tuple[str, str]]:
    """Earlier messages of the thread as (speaker, text), oldest first, without the current one."""
    if not message.thread_ts:
        return []
    replies = client.conversations_replies(channel=message.channel_id, ts=message.thread_ts, limit=limit)
    history = []
    for item in replies.get("messages", []):
        if item.get("ts") == message.ts or not item.get("text"):
            continue
        mine = item.get("user") == bot_user_id or bool(item.get("bot_id"))
        history.append(("altitude" if mine else "user", without_mentions(item["text"])))
    return history
