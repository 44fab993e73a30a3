"""The weekly digest: which week, when it is due, and what it says. Pure: data in, text out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain import weeks
from bot.domain.text import plural

SHOWN = 15  # decisions listed by name; the rest are counted, and attached as CSV


def covered_week(moment: datetime, tz: str) -> str:
    """The ISO week a digest sent at `moment` is about: the week holding most of the seven days
    before it (on a Monday morning, last week; on a Friday afternoon, this one)."""
    return weeks.week_of(moment - timedelta(days=3, hours=12), tz)


def run_in_week(moment: datetime, weekday: int, at: tuple[int, int], tz: str) -> datetime:
    """The scheduled moment (UTC) within the ISO week (in `tz`) that contains `moment`."""
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    day = local.date() - timedelta(days=local.weekday()) + timedelta(days=weekday)
    return datetime.combine(day, time(*at), zone).astimezone(UTC)


def next_run(moment: datetime, weekday: int, at: tuple[int, int], tz: str) -> datetime:
    """The first scheduled moment strictly after `moment`."""
    this_week = run_in_week(moment, weekday, at, tz)
    if this_week > moment:
        return this_week
    return run_in_week(moment + timedelta(days=7), weekday, at, tz)


@dataclass(frozen=True)
class Digest:
    week: str
    timezone: str
    summary: dict
    previous: dict
    top: list[dict]
    series: list[tuple[str, int, int]] = field(default_factory=list)  # (week, strategic, operational), oldest first
    answers: dict | None = None  # the week's questions: answered, rated, helpful, uncovered (see storage.answers)

    @property
    def more(self) -> int:
        return max(self.summary["total"] - len(self.top), 0)

    @property
    def correction_rate(self) -> float | None:
        reviewed = self.summary["reviewed"]
        return self.summary["corrected"] / reviewed if reviewed else None


def change(current: int, previous: int) -> str:
    if previous == 0:
        return "new this week" if current else "none either week"
    delta = (current - previous) / previous
    return f"{delta:+.0%} on the week before ({previous})"


def headline(digest: Digest) -> str:
    s = digest.summary
    if s["total"] == 0:
        return f"No decisions were classified in {digest.week}."
    return (
        f"{plural(s['total'], 'decision')} in {digest.week} ({change(s['total'], digest.previous['total'])}): "
        f"{s['strategic']} strategic, {s['operational']} operational."
    )


def review_line(digest: Digest) -> str:
    s = digest.summary
    rate = digest.correction_rate
    corrected = (
        f"reviewers corrected Altitude on {s['corrected']} of {s['reviewed']} ({rate:.0%})"
        if rate is not None
        else "none reviewed yet"
    )
    awaiting = f"{s['awaiting']} {'awaits' if s['awaiting'] == 1 else 'await'} review"
    return f"{awaiting}; {corrected}."


def answers_line(answers: dict) -> str:
    """The week's questions: how many were answered, the share rated helpful, the top uncovered."""
    line = f"{plural(answers['answered'], 'question')} answered"
    if answers["rated"]:
        line += f", {answers['helpful'] / answers['rated']:.0%} of the {answers['rated']} rated found helpful"
    if answers["uncovered"]:
        line += "; not covered by the documents: " + "; ".join(f"“{snippet(q, 80)}”" for q in answers["uncovered"])
    return line + "."


def as_text(digest: Digest, names: dict[str, str] | None = None) -> str:
    """The digest for a terminal: what `altitude digest` prints."""
    names = names or {}
    lines = [f"Altitude digest, {digest.week} ({digest.timezone})", "", headline(digest)]
    if digest.answers and digest.answers["answered"]:
        lines.append(answers_line(digest.answers))
    if digest.summary["total"]:
        lines.append(review_line(digest))
        if digest.summary["channels"]:
            lines.append("Busiest channels: " + ", ".join(f"{c} ({n})" for c, n in digest.summary["channels"]))
        lines.append("")
        for row in digest.top:
            who = names.get(row["user_id"] or "", row["user_id"] or "someone")
            link = f"  {row['permalink']}" if row.get("permalink") else ""
            lines.append(f"- [{label_of(row)} {standing(row, names)}] {snippet(row['text'])} ({who}){link}")
        if digest.more:
            lines.append(f"... and {digest.more} more")
    return "\n".join(lines)


def label_of(row: dict) -> str:
    """The label a decision stands at: its reviewer's, else the engine's."""
    return row["review_label"] or row["label"]


def confidence_of(row: dict) -> float | None:
    """The engine's confidence in the label shown; none once a reviewer chose the other label."""
    return row["confidence"] if row.get("confidence") is not None and label_of(row) == row["label"] else None


def standing(row: dict, names: dict[str, str]) -> str:
    """How a decision stands, in words: "0.99", "0.99 · reviewed by Ann", or, for a correction,
    "reviewed by Ann (Altitude said operational)". Names, never mentions."""
    confidence = confidence_of(row)
    parts = [f"{confidence:.2f}"] if confidence is not None else []
    if row.get("review_label"):
        reviewer = names.get(row.get("reviewed_by") or "", row.get("reviewed_by") or "a reviewer")
        corrected = f" (Altitude said {row['label']})" if row["label"] and row["label"] != row["review_label"] else ""
        parts.append(f"reviewed by {reviewer}{corrected}")
    return " · ".join(parts)


def snippet(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
