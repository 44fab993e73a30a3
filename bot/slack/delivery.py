"""Delivery: every message owed to Slack goes out through the outbox (see `storage.outbox`).

A job sends its message at once (`send`); the background loop sends whatever is still due, from
any replica, each message under a lease of its own. What Slack refuses for now (5xx, 429, `ok:false`
with `ratelimited`, `internal_error` or `service_unavailable`, a dropped connection) is tried again
with backoff, or after Slack's Retry-After, until the message's deadline. What it refuses for good
(`channel_not_found`, `not_in_channel`, `is_archived`, ...) is tried on the message's other route
if it has one (a `/classify` verdict goes through `response_url` when the bot may not post in the
channel), else recorded as failed, and the person it was for is told privately where Slack allows.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_sdk.errors import SlackApiError

from bot.slack import blocks
from bot.slack.jobs import AckFirst, Background
from bot.storage.outbox import SEND_LEASE, Target

logger = logging.getLogger(__name__)
INTERVAL_SECONDS = 2.0
WORKERS = 8
TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "rate_limited", "internal_error", "service_unavailable", "fatal_error", "request_timeout"}
)
HOW_TO_FIX = {
    "not_in_channel": "invite @Altitude to the channel",
    "channel_not_found": "the channel is private or gone: invite @Altitude, or use the shortcut elsewhere",
    "is_archived": "the channel is archived",
}


class WebhookRefused(Exception):
    """A `response_url` answered something other than 200 (expired, used up, or Slack failing)."""

    def __init__(self, status: int, body: str):
        super().__init__(f"response_url answered {status}: {body[:100]}")
        self.status, self.body = status, body


class Delivery(Background):
    name = "altitude-delivery"

    def __init__(
        self,
        services,
        workspaces,
        metrics=None,
        *,
        interval: float = INTERVAL_SECONDS,
        workers: int = WORKERS,
        gate: AckFirst | None = None,
    ):
        super().__init__()
        self.services = services
        self.workspaces = workspaces
        self.metrics = metrics
        self.interval = interval
        # Its writes wait for a burst of acks to pass: on SQLite they would queue for the one write
        # lock ahead of the acks' pending rows.
        self.gate = gate
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="altitude-send")

    # --- sending ---

    def send(self, message_id: int | None) -> bool:
        """One try now, in the caller's thread; True if Slack has the message. A message not sent is
        left to the background loop (or to another replica's)."""
        return message_id is not None and self._attempt(message_id)

    def run_once(self) -> int:
        """Send every message that is due; how many were sent."""
        return sum(self.pool.map(self._attempt, self.services.outbox.due()))

    def _attempt(self, message_id: int) -> bool:
        outbox = self.services.outbox
        self._after_acks()
        row = outbox.take(message_id, lease=SEND_LEASE)
        if row is None:  # sent already, not due yet, or another replica has it now
            return False
        try:
            with self.services.leases.keep("send", message_id):  # a slow Slack never lets a second replica in
                message_ts = self._send(row)
        except Exception as exc:  # noqa: BLE001 - judged below: tried again, rerouted, or failed and reported
            return self._after_failure(row, exc)
        placed = None
        if row["kind"] == "verdict" and row["route"] == "post" and not row["thread_ts"] and message_ts:
            permalink = permalink_of(self.workspaces.client(row["team_id"]), row["channel_id"], message_ts)
            placed = {"channel_id": row["channel_id"], "message_ts": message_ts, "permalink": permalink}
        self._after_acks()
        outbox.posted(message_id, message_ts=message_ts, route=row["route"], placed=placed)
        if row["kind"] == "digest":
            self._attach_digest(row, message_ts)
        return True

    def _after_acks(self) -> None:
        if self.gate is not None:
            self.gate.wait_for_idle()

    def drain(self, message_id: int, *, seconds: float) -> str:
        """Keep trying one message for up to `seconds` (for a command with no `serve` behind it): its
        status at the end, "posted", "failed" or "queued"."""
        import time

        deadline = time.monotonic() + seconds
        while True:
            self.send(message_id)
            row = self.services.outbox.get(message_id)
            if row["status"] != "queued" or time.monotonic() >= deadline:
                return row["status"]
            wait = (row["next_attempt_at"] - utcnow()).total_seconds()
            time.sleep(min(max(wait, 0.1), max(deadline - time.monotonic(), 0.1)))

    def _attach_digest(self, row: dict, message_ts: str | None) -> None:
        from bot.slack import digest as slack_digest

        client = self.workspaces.client(row["team_id"])
        if client is not None:
            slack_digest.attach(
                self.services,
                client,
                week=row["payload"]["week"],
                channel=row["channel_id"],
                thread_ts=message_ts,
                team_id=row["team_id"],
            )

    def _send(self, row: dict) -> str | None:
        content = self._content(row)
        if row["route"] == "response_url":
            return _respond(row["response_url"], content)
        client = self.workspaces.client(row["team_id"])
        if client is None:
            raise SlackApiError("not installed", {"ok": False, "error": "not_installed"})
        if row["route"] == "ephemeral":
            client.chat_postEphemeral(
                channel=row["channel_id"], user=row["user_id"], thread_ts=row["thread_ts"], **_for_post(content)
            )
            return None
        channel = row["user_id"] if row["route"] == "dm" else row["channel_id"]
        if row["message_ts"]:  # a streamed answer that Slack closed or that changed: replace what it shows
            client.chat_update(channel=channel, ts=row["message_ts"], **_for_post(content))
            return row["message_ts"]
        response = client.chat_postMessage(
            channel=channel, thread_ts=row["thread_ts"], unfurl_links=False, unfurl_media=False, **_for_post(content)
        )
        return response.get("ts")

    def _content(self, row: dict) -> dict:
        """What the message says: a verdict is rendered from the decision log as it is now; every
        other message carries its own content."""
        if row["kind"] != "verdict":
            return dict(row["payload"])
        found = self.services.decision(row["decision_id"])
        if found is None:
            raise LookupError(f"decision {row['decision_id']} has no verdict")
        decision, result = found
        review = (
            {"label": decision["review_label"], "reviewer": self._name(row["team_id"], decision["reviewed_by"])}
            if decision["review_label"]
            else None
        )
        payload = {
            "text": blocks.verdict_text(result),
            "blocks": blocks.verdict_blocks(decision["id"], result, decision["text"], review=review),
        }
        if row["route"] == "response_url" and not row["payload"].get("replace_original"):
            payload["response_type"] = "in_channel"
        return {**payload, **row["payload"]}

    def _name(self, team_id: str | None, user: str) -> str:
        """A person's name as Slack knows it (a mention would ping them), else their id."""
        client = self.workspaces.client(team_id)
        found = quietly(client.users_info, user=user) if client is not None else None
        profile = (found or {}).get("user") or {}
        return profile.get("real_name") or profile.get("name") or user

    # --- failures ---

    def _after_failure(self, row: dict, exc: Exception) -> bool:
        outbox, error = self.services.outbox, _describe(exc)
        transient, after = _judge(exc)
        if transient is None:  # not Slack's refusal: a fault of ours, shown in full, then tried again later
            logger.error(
                "sending a %s message failed unexpectedly",
                row["kind"],
                exc_info=exc,
                extra={"decision_id": row["decision_id"]},
            )
            self._count("delivery_unexpected")
        if transient is not False:
            if outbox.retry(row["id"], attempts=row["attempts"], error=error, after=after):
                logger.info(
                    "Slack refused a %s message for now (%s); trying again later",
                    row["kind"],
                    error,
                    extra={"decision_id": row["decision_id"], "outcome": "retry"},
                )
                return False
        elif row["fallback"]:
            logger.info(
                "Slack refused a %s message on its route %s (%s); trying %s",
                row["kind"],
                row["route"],
                error,
                row["fallback"],
                extra={"decision_id": row["decision_id"]},
            )
            outbox.switch_route(row["id"], row["fallback"], error=error)
            return self._attempt(row["id"])
        if row["error"] and not transient:  # the first route's refusal says more than its fallback's
            error = f"{row['error']}; then {error}"
        outbox.failed(row["id"], error=error)
        self._count("delivery")
        logger.warning(
            "a %s message could not be delivered: %s",
            row["kind"],
            error,
            extra={"decision_id": row["decision_id"], "outcome": "failed"},
        )
        self._tell(row, error)
        return False

    def _tell(self, row: dict, error: str) -> None:
        """Tell the person the message was for, privately, that it could not be posted."""
        if row["kind"] == "note" or not (row["response_url"] or row["user_id"]):
            return
        code = error.split(":")[0]
        where = f"<#{row['channel_id']}>" if row["channel_id"] else "Slack"
        text = f"Altitude could not post its {row['kind']} in {where} ({code})."
        if code in HOW_TO_FIX:
            text += f" To fix it: {HOW_TO_FIX[code]}."
        if row["kind"] == "verdict" and row["decision_id"]:
            text += f" The decision is logged as #{row['decision_id']}."
        target = (
            Target(route="response_url", response_url=row["response_url"])
            if row["response_url"]
            else Target(route="dm", user_id=row["user_id"])
        )
        note = self.services.outbox.add(
            key=f"note:{row['id']}",
            kind="note",
            team_id=row["team_id"],
            target=target,
            payload={"text": text, "response_type": "ephemeral", "replace_original": False},
        )
        self.send(note)

    def _count(self, where: str) -> None:
        if self.metrics is not None:
            self.metrics.errors.labels(where).inc()

    def _loop(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                self.run_once()
            except Exception as exc:  # noqa: BLE001 - keep going; the database may come back
                logger.warning("sending due messages failed: %s", exc)

    def stop(self) -> None:
        super().stop()
        self.pool.shutdown(wait=True)


def _judge(exc: Exception) -> tuple[bool | None, float | None]:
    """(True: try again later, False: refused for good, None: not Slack's doing), and Slack's
    Retry-After in seconds if it gave one."""
    if isinstance(exc, SlackApiError):
        response = exc.response
        error = response.get("error") if hasattr(response, "get") else None
        status = getattr(response, "status_code", 200)
        if status == 429 or error in ("ratelimited", "rate_limited"):
            return True, _seconds(getattr(response, "headers", {}) or {})
        return (status >= 500 or error in TRANSIENT_ERRORS), None
    if isinstance(exc, WebhookRefused):
        return (exc.status == 429 or exc.status >= 500), None
    if isinstance(exc, OSError):  # connection refused, reset, timed out
        return True, None
    return None, None


def _seconds(headers) -> float | None:
    for name in ("Retry-After", "retry-after"):
        value = headers.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        try:
            return float(value)
        except (TypeError, ValueError):
            continue
    return None


def _describe(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        response = exc.response
        error = response.get("error") if hasattr(response, "get") else None
        return f"{error or 'error'}: HTTP {getattr(response, 'status_code', '?')}"
    if isinstance(exc, WebhookRefused):
        return f"response_url {exc.body.strip()[:60] or 'refused'}: HTTP {exc.status}"
    return f"{type(exc).__name__}: {exc}"[:200]


def _for_post(content: dict) -> dict:
    """What chat.postMessage takes of a message's content (response_url options stay behind)."""
    return {k: v for k, v in content.items() if k in ("text", "blocks")}


def utcnow():
    from bot.storage.models import utcnow as now

    return now()


def _respond(url: str | None, content: dict) -> None:
    from slack_sdk.webhook import WebhookClient

    if not url:
        raise WebhookRefused(410, "no response_url")
    response = WebhookClient(url, timeout=10).send(
        **{k: v for k, v in content.items() if k in ("text", "blocks", "response_type", "replace_original")}
    )
    if response.status_code != 200:
        raise WebhookRefused(response.status_code, response.body or "")
    return None


def permalink_of(client, channel: str | None, ts: str | None) -> str | None:
    if not channel or not ts:
        return None
    response = quietly(client.chat_getPermalink, channel=channel, message_ts=ts)
    return response.get("permalink") if response else None


def quietly(call, **kwargs):
    """A Slack call whose failure must not stop the work (a status line, a permalink)."""
    try:
        return call(**kwargs)
    except SlackApiError as exc:
        logger.info("%s failed: %s", getattr(call, "__name__", "Slack call"), exc.response.get("error"))
        return None
