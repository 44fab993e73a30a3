"""Block Kit, readably, in a terminal."""

from __future__ import annotations

import html
import re
import textwrap

WIDTH = 88
_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")


def plain(mrkdwn: str) -> str:
    text = _LINK.sub(r"\2 (\1)", mrkdwn)
    text = re.sub(r"<#(\w+)>", r"#\1", text)
    text = re.sub(r"<@(\w+)>", r"@\1", text)
    return html.unescape(text).replace("\u2060", "")


def blocks(block_list: list[dict]) -> str:
    lines: list[str] = []
    for block in block_list or []:
        kind = block.get("type")
        if kind == "header":
            lines += ["", f"== {plain(block['text']['text'])} =="]
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
            lines.append(f"  {names}   (type: {' / '.join(b['action_id'].removeprefix('review_') + ' ' + value for b in buttons)})")
        elif kind == "divider":
            lines.append("  " + "─" * 40)
    return "\n".join(lines)


def _wrap(text: str, indent: str = "") -> list[str]:
    out = []
    for paragraph in text.split("\n"):
        out += textwrap.wrap(paragraph, WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent)) or [""]
    return out
