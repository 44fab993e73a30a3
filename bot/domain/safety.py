"""User text is data: making anything bound for Slack inert, and keeping prompts and secrets private.

Instructions hidden in user text are found by `bot.domain.instructions`.
"""

from __future__ import annotations

import re

_BROADCAST = re.compile(r"([@!])(channel|here|everyone)\b", re.IGNORECASE)
# Characters that are invisible or move other text: C0 and C1 controls (ESC, BEL, NUL...), bidirectional
# overrides and isolates, marks that reorder text, and zero-width characters. Newlines are kept.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# mrkdwn's formatting characters, shown as look-alikes that Slack does not format.
_MRKDWN = str.maketrans({"*": "∗", "_": "ˍ", "~": "∼", "`": "ˋ"})
_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_LINK = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~%/?#=&+-]*)?")


def visible(text: str) -> str:
    """`text` without control, bidirectional or zero-width characters; a tab becomes a space."""
    return _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def slack_safe(text: str) -> str:
    """Text that Slack shows as written: no pings, no special links, nothing invisible.

    Escaping &, < and > turns <!channel>, <!here>, <@U123>, <!subteam^…> and <url|label> into plain
    text; a bare @channel or @here gets a space, so nothing can read it as a mention.
    """
    escaped = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: f"{m.group(1)} {m.group(2)}", escaped)


def markdown_safe(text: str) -> str:
    """`slack_safe` for Slack's markdown (a streamed answer's `markdown_text`): no `[label](url)`
    link can show one address and lead to another, and no raw HTML."""
    return slack_safe(text).replace("](", "]\u2009(")


def mrkdwn_safe(text: str) -> str:
    """`slack_safe`, and shown exactly as written inside mrkdwn: no bold, italics, strike-through or
    code from the input, and no line that could open a quote."""
    return " ".join(slack_safe(text).translate(_MRKDWN).split())


def link_safe(url: str | None) -> str | None:
    """`url` if it is a plain https address that cannot close or relabel a Slack link, else None."""
    return url if url and _LINK.fullmatch(url) else None


def terminal_safe(text: str) -> str:
    """Text for a terminal: nothing that could move the cursor, ring, recolour or reorder it."""
    return visible(text)


def csv_safe(value):
    """A cell a spreadsheet will not run as a formula (OWASP's advice: prefix it with a quote)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_CSV_FORMULA) else value


def leaks(answer: str, secrets: list[str], protected: str, *, window: int = 12) -> bool:
    """Whether `answer` repeats a secret or any run of `window` words of the `protected` text."""
    if any(secret and secret in answer for secret in secrets):
        return True
    words = re.findall(r"\w+", protected.lower())
    said = " ".join(re.findall(r"\w+", answer.lower()))
    runs = {" ".join(words[i : i + window]) for i in range(0, max(len(words) - window + 1, 0))}
    return any(run in said for run in runs)
