"""The weekly digest as a service: which week, the digest composed from the log, its rows as CSV and its
chart. Its arithmetic and text are in `bot.domain.digest`, its queries and claims in
`bot.storage.digests`; posting it to Slack once (and previewing it as posted) in `bot.slack.digest`,
its schedule in `bot.slack.schedule`."""

from __future__ import annotations

import csv
import logging
from datetime import UTC, datetime

from bot.domain import digest as digest_domain
from bot.domain import weeks
from bot.domain.digest import Digest
from bot.errors import BadInput
from bot.services import Services

logger = logging.getLogger(__name__)
SERIES_WEEKS = 8


def default_week(settings) -> str:
    """The week a digest posted now covers (what `--post` and the schedule post)."""
    return digest_domain.covered_week(datetime.now(UTC), settings.timezone)


def next_week(settings) -> str:
    """The week the next scheduled digest will cover (what a preview shows)."""
    due = digest_domain.next_run(datetime.now(UTC), settings.digest_weekday, settings.digest_time, settings.timezone)
    return digest_domain.covered_week(due, settings.timezone)


def was_posted(services: Services, *, team_id: str, channel: str, week: str) -> bool:
    from bot.storage.digests import DigestStore

    return DigestStore(services.log).status(team_id=team_id, channel_id=channel, week=week) == "posted"


def compose(services: Services, week: str, team_id: str | None = None) -> Digest:
    from bot.storage.digests import DigestStore

    tz = services.settings.timezone
    store = DigestStore(services.log)
    names = [week]
    for _ in range(SERIES_WEEKS - 1):
        names.append(weeks.previous(names[-1]))
    summaries = {}
    for name in names:
        since, until = weeks.bounds(name, tz)
        summaries[name] = store.week_summary(since=since, until=until, team_id=team_id)
    since, until = weeks.bounds(week, tz)
    top = store.top_decisions(since=since, until=until, team_id=team_id, limit=digest_domain.SHOWN)
    series = [(name, summaries[name]["strategic"], summaries[name]["operational"]) for name in reversed(names)]
    answers = services.answers.week(since=since, until=until, team_id=team_id)
    return Digest(
        week=week,
        timezone=tz,
        summary=summaries[week],
        previous=summaries[names[1]],
        top=top,
        series=series,
        answers=answers,
    )


def write_csv(services: Services, digest: Digest, team_id: str, handle) -> None:
    from bot.storage.digests import DigestStore
    from bot.storage.log import EXPORT_COLUMNS

    since, until = weeks.bounds(digest.week, digest.timezone)
    writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    for row in DigestStore(services.log).week_rows(since=since, until=until, team_id=team_id):
        writer.writerow(
            {k: ("" if v is None else v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}
        )
    handle.flush()


def require_channel(channel: str | None) -> str:
    if not channel:
        raise BadInput("no channel to post the digest to", "pass --channel CHANNEL_ID or set ALTITUDE_DIGEST_CHANNEL")
    return channel


def chart_png(series: list[tuple[str, int, int]]) -> bytes:
    """The digest's chart: strategic against operational, this week beside the weeks before."""
    import io

    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    weeks = [w[5:] for w, _, _ in series]
    strategic = [s for _, s, _ in series]
    operational = [o for _, _, o in series]
    figure, axes = plt.subplots(figsize=(7, 3), dpi=110)
    axes.bar(weeks, operational, color="#a8dadc", label="operational")
    axes.bar(weeks, strategic, bottom=operational, color="#1d3557", label="strategic")
    for bar in axes.patches[len(weeks) - 1 :: len(weeks)]:
        bar.set_edgecolor("#e63946")
        bar.set_linewidth(2)
    axes.set_title("Decisions a week: strategic and operational (this week outlined)")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False, loc="upper left")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()
