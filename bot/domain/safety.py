"""User text is data: spotting instructions hidden in it, and making anything bound for Slack inert."""

from __future__ import annotations

import re

_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(?:instructions?|rules?|prompts?|guidelines|above|previous|prior)\b"
    r"|\b(?:you are now|act as|pretend to be|new instructions|system prompt|developer mode|jailbreak)\b"
    r"|\b(?:label|classify|mark|tag|call|rate|answer|say|output|respond)\b[^.\n]{0,30}\b(?:as|with|that it is|it'?s|is)?\s*"
    r"[\"'“]?(?:strategic|operational)[\"'”]?\s*(?:no matter|regardless|whatever|!|$)"
    r"|\b(?:confidence|label)\s*[:=]",
    re.IGNORECASE | re.MULTILINE,
)
_BROADCAST = re.compile(r"[@!](channel|here|everyone)\b", re.IGNORECASE)


def injection_signals(text: str) -> list[str]:
    """The phrases in `text` that try to instruct the model rather than describe a decision."""
    return [m.group(0).strip() for m in _INJECTION.finditer(text)]


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
