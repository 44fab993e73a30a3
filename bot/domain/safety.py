"""User text is data: making anything bound for Slack inert, and keeping prompts and secrets private.

Instructions hidden in user text are found by `bot.domain.instructions`.
"""

from __future__ import annotations

import re

_BROADCAST = re.compile(r"[@!](channel|here|everyone)\b", re.IGNORECASE)


def slack_safe(text: str) -> str:
    """Text that Slack shows as written: no pings, no special links, no markup from the input.

    Escaping &, < and > turns <!channel>, <!here>, <@U123>, <!subteam^…> and <url|label> into plain
    text; a zero-width joiner keeps a bare @channel or @here from being linked.
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: f"{m.group(0)[0]}\u2060{m.group(1)}", escaped)


def leaks(answer: str, secrets: list[str], protected: str, *, window: int = 12) -> bool:
    """Whether `answer` repeats a secret or any run of `window` words of the `protected` text."""
    if any(secret and secret in answer for secret in secrets):
        return True
    words = re.findall(r"\w+", protected.lower())
    said = " ".join(re.findall(r"\w+", answer.lower()))
    runs = {" ".join(words[i : i + window]) for i in range(0, max(len(words) - window + 1, 0))}
    return any(run in said for run in runs)
