"""What the command line prints: text a person reads, and JSON a program reads. Nothing in either
can drive a terminal (escape sequences, bells, text reordered by bidirectional controls), yet JSON
keeps every character: those are written as \\u escapes, which any JSON reader turns back."""

from __future__ import annotations

import json
import re
import sys

from bot.domain.safety import terminal_safe

_UNSAFE_IN_JSON = re.compile(
    "[\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff]"
)


def say(text: str = "", *, file=None) -> None:
    print(terminal_safe(text), file=file or sys.stdout)


def json_line(obj, *, ascii_only: bool | None = None) -> str:
    ascii_only = not utf8_out() if ascii_only is None else ascii_only
    text = json.dumps(obj, ensure_ascii=ascii_only)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def emit_json(obj) -> None:
    sys.stdout.write(json_line(obj) + "\n")


def utf8_out() -> bool:
    return (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"
