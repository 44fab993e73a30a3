"""The weekly digest in Slack: posted once per team, channel and week through the outbox, previewed
as it would be posted, with its chart and (for a long week) its full list in the thread. Composing it
is the digest service's (`bot.digests`)."""

from __future__ import annotations

import logging
import tempfile

from bot import digests
from bot.domain import digest as digest_domain
from bot.domain.digest import Digest
from bot.services import Services

logger = logging.getLogger("bot.digests")


def preview(services: Services, client, *, week: str, team_id: str | None) -> tuple[Digest, list[dict]]:
    """The digest of `week` and its blocks as they would be posted; nothing is claimed or sent."""
    from bot.slack import blocks

    digest = digests.compose(services, week, team_id)
    return digest, blocks.digest_blocks(digest, _names(client, digest))


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
        digest = digests.compose(services, week, team_id)
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
    _attach(services, client, digests.compose(services, week, team_id), channel, thread_ts, team_id)


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
            "content": digests.chart_png(digest.series),
            "filename": f"altitude-{digest.week}.png",
            "title": f"Decisions, {digest.week}",
        }
    ]
    with tempfile.NamedTemporaryFile("w+", suffix=".csv", newline="", encoding="utf-8") as handle:
        if digest.more:
            digests.write_csv(services, digest, team_id, handle)
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
