"""The weekly digest as a service: compose it from the log, preview it, post it once per team, channel and
week, and draw its chart. Its arithmetic and text are in `bot.domain.digest`, its queries and claims in
`bot.storage.digests`, its Block Kit in `bot.slack.blocks`, its schedule in `bot.slack.schedule`."""

from __future__ import annotations

import csv
import logging
import tempfile
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


def preview(services: Services, client, *, week: str, team_id: str | None) -> tuple[Digest, list[dict]]:
    """The digest of `week` and its blocks as they would be posted; nothing is claimed or sent."""
    from bot.slack import blocks

    digest = compose(services, week, team_id)
    return digest, blocks.digest_blocks(digest, _names(client, digest))


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


def post(services: Services, client, delivery, *, channel: str, week: str, team_id: str) -> str:
    """ "posted", "queued" (Slack refused it for now: the outbox tries again), "failed (...)" (refused
    for good: nothing is kept, so a later try can post it), or "posted already" / "in progress" when
    another call or replica has it. Once claimed, the digest is in the outbox:
    exactly one message, delivered with retries like every other (see `slack.delivery`)."""
    from bot.slack import blocks
    from bot.storage.digests import DigestStore
    from bot.storage.outbox import DEADLINE, Target

    store = DigestStore(services.log)
    outcome = store.claim(team_id=team_id, channel_id=channel, week=week)
    if outcome != "claimed":
        return "posted already" if outcome == "posted" else outcome
    try:
        digest = compose(services, week, team_id)
        payload = {
            "text": digest_domain.headline(digest),
            "blocks": blocks.digest_blocks(digest, _names(client, digest)),
            "week": week,
        }
        message = services.outbox.add(
            key=f"digest:{team_id}:{channel}:{week}",
            kind="digest",
            team_id=team_id,
            target=Target(route="post", channel_id=channel),
            payload=payload,
            deadline=DEADLINE * 12,
        )
    except Exception:
        store.release(team_id=team_id, channel_id=channel, week=week)
        raise
    store.mark_posted(team_id=team_id, channel_id=channel, week=week, message_ts=None)
    if delivery.send(message):
        return "posted"
    row = services.outbox.get(message)
    if row["status"] == "failed":  # refused for good (not in the channel, say): a later try may post it
        services.outbox.forget(message)
        store.release(team_id=team_id, channel_id=channel, week=week, posted_too=True)
        return f"failed ({row['error']})"
    return "queued"


def attach(services: Services, client, *, week: str, channel: str, thread_ts: str | None, team_id: str) -> None:
    """After the digest is posted: the chart, and the full list as CSV for a long week, in its thread."""
    _attach(services, client, compose(services, week, team_id), channel, thread_ts, team_id)


def _names(client, digest: Digest) -> dict[str, str]:
    """Display names of the people in the digest, who decided and who reviewed."""
    from bot.slack.people import display_names

    return display_names(
        client, [row["user_id"] for row in digest.top] + [row.get("reviewed_by") for row in digest.top]
    )


def _attach(services: Services, client, digest: Digest, channel: str, thread_ts: str | None, team_id: str) -> None:
    """The chart, and the full list as CSV for a long week, in the digest's thread. A failed
    upload (a missing scope, say) leaves the digest posted as text."""
    from slack_sdk.errors import SlackApiError

    uploads = [
        {
            "content": chart_png(digest.series),
            "filename": f"altitude-{digest.week}.png",
            "title": f"Decisions, {digest.week}",
        }
    ]
    with tempfile.NamedTemporaryFile("w+", suffix=".csv", newline="", encoding="utf-8") as handle:
        if digest.more:
            _write_csv(services, digest, team_id, handle)
            uploads.append(
                {
                    "file": handle.name,
                    "filename": f"altitude-{digest.week}.csv",
                    "title": f"All decisions, {digest.week}",
                }
            )
        try:
            client.files_upload_v2(channel=channel, thread_ts=thread_ts, file_uploads=uploads)
        except SlackApiError as exc:
            logger.warning("digest attachments not uploaded: %s", exc.response.get("error"))
        except Exception as exc:  # noqa: BLE001 - the digest itself is posted; the files are extra
            logger.warning("digest attachments not uploaded: %s", type(exc).__name__)


def _write_csv(services: Services, digest: Digest, team_id: str, handle) -> None:
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
