"""Parsing the command line's points in time: `7d`, `12h`, `2w`, `2026-11-01`."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.errors import BadInput

_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(value: str | None, *, now: datetime | None = None) -> datetime | None:
    """A moment in UTC: a span back from now, or a date or time (UTC when no zone is given).
    Minutes and hours count back exactly (`12h`); days and weeks count whole days back from the
    start of today, UTC (`0d` is today, `1d` yesterday and today, `7d` the last seven days and today)."""
    if value is None:
        return None
    now = now or datetime.now(UTC)
    if match := re.fullmatch(r"(\d+)\s*([mhdw])", value.strip().lower()):
        amount, unit = int(match.group(1)), match.group(2)
        try:
            if unit in "dw":
                today = now.replace(hour=0, minute=0, second=0, microsecond=0)
                return today - timedelta(days=amount * (7 if unit == "w" else 1))
            return now - timedelta(**{_UNITS[unit]: amount})
        except OverflowError:
            raise BadInput(f"{value!r} reaches back before the year 1", "give a shorter span, e.g. 30d") from None
    return parse_moment(value, what="a date or a span", hint="use e.g. 7d, 12h, 2w, 2026-11-01 or 2026-11-01T09:00")


def parse_moment(
    value: str, *, what: str = "a date", hint: str = "use e.g. 2026-11-01 or 2026-11-01T09:00"
) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise BadInput(f"{value!r} is not {what}", hint) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
