"""Block Kit, readably, in a terminal: Slack's markup rendered (bold in bold where the terminal
shows it, emoji codes as emoji, channels by name), lines wrapped."""

from __future__ import annotations

import html
import os
import re
import sys
import textwrap

WIDTH = 88
CHANNEL_NAMES = {"C0CONSOLE": "console"}  # the console's one channel, as Slack would show it
EMOJI = {"white_check_mark": "✅", "warning": "⚠️", "paperclip": "📎", "x": "❌"}
_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_([^_\n]+)_(?![\w_])")
_CODE = re.compile(r"`([^`\n]+)`")
_EMOJI = re.compile(r":([a-z0-9_+-]+):")


# Bold is marked with two private-use characters, which `terminal_safe` lets through, and made ANSI
# only afterwards (`styled`), so no escape sequence from anyone's text ever reaches the terminal.
BOLD_ON, BOLD_OFF = "\ue000", "\ue001"


def colour() -> bool:
    """Bold on a terminal that is not asked to stay plain (NO_COLOR)."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def styled(safe_text: str) -> str:
    """Text already made terminal-safe, with its bold marks turned into ANSI bold."""
    return safe_text.replace(BOLD_ON, "\033[1m").replace(BOLD_OFF, "\033[0m")


def plain(mrkdwn: str) -> str:
    text = _LINK.sub(r"\2 (\1)", mrkdwn)
    text = re.sub(r"<#(\w+)>", lambda m: "#" + CHANNEL_NAMES.get(m.group(1), m.group(1)), text)
    text = re.sub(r"<@(\w+)>", r"@\1", text)
    text = text.replace(BOLD_ON, "").replace(BOLD_OFF, "")  # nobody's text may carry the marks
    text = _BOLD.sub(rf"{BOLD_ON}\1{BOLD_OFF}" if colour() else r"\1", text)
    text = _ITALIC.sub(r"\1", _CODE.sub(r"\1", text))
    text = _EMOJI.sub(lambda m: EMOJI.get(m.group(1), m.group(0)), text)
    return html.unescape(text).replace("\u2060", "")


def blocks(block_list: list[dict]) -> str:
    lines: list[str] = []
    for block in block_list or []:
        kind = block.get("type")
        if kind == "header":
            header = plain(block["text"]["text"])
            lines += ["", f"{BOLD_ON}== {header} =={BOLD_OFF}" if colour() else f"== {header} =="]
        elif kind == "section":
            if block.get("text"):
                lines += _wrap(plain(block["text"]["text"]))
            for field in block.get("fields", []):
                lines += _wrap(plain(field["text"]).replace("\n", ": ", 1), indent="  ")
        elif kind == "context":
            lines += _wrap(" ".join(plain(e.get("text", "")) for e in block.get("elements", [])), indent="  · ")
        elif kind == "actions":
            buttons = block.get("elements", [])
            value = buttons[0].get("value", "") if buttons else ""
            names = "  ".join(f"[{b['text']['text']}]" for b in buttons)
            lines.append(
                f"  {names}   (type: {' / '.join(b['action_id'].removeprefix('review_') + ' ' + value for b in buttons)})"
            )
        elif kind == "divider":
            lines.append("  " + "─" * 40)
    return "\n".join(lines)


def _wrap(text: str, indent: str = "") -> list[str]:
    out = []
    for paragraph in text.split("\n"):
        out += textwrap.wrap(paragraph, WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent)) or [""]
    return out
