"""Parsing the command line's points in time: `7d`, `12h`, `2w`, `2026-11-01`."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from bot.errors import BadInput

_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(value: str | None, *, now: datetime | None = None) -> datetime | None:
    """A moment in UTC: a span back from now (`7d`) or a date or time (UTC when no zone is given)."""
    if value is None:
        return None
    now = now or datetime.now(timezone.utc)
    if match := re.fullmatch(r"(\d+)\s*([mhdw])", value.strip().lower()):
        return now - timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    return parse_moment(value)


def parse_moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise BadInput(f"{value!r} is not a date or a span", "use e.g. 7d, 12h, 2w, 2026-11-01 or 2026-11-01T09:00") from None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
