"""The weekly digest from `serve`: at ALTITUDE_DIGEST_AT in ALTITUDE_TIMEZONE, to ALTITUDE_DIGEST_CHANNEL
(each workspace's own channel, when serving many).

Every replica runs this; the claim in the database lets exactly one of them post. A serve that starts
after this week's time and finds the digest not posted posts it then.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from bot.domain.digest import covered_week, next_run, run_in_week
from bot.slack.jobs import Background

logger = logging.getLogger(__name__)
RETRY_AFTER = timedelta(minutes=5)


class DigestSchedule(Background):
    name = "altitude-digest"

    def __init__(self, services, workspaces, delivery, clock=lambda: datetime.now(UTC)):
        super().__init__()
        self.services = services
        self.settings = services.settings
        self.workspaces = workspaces
        self.delivery = delivery
        self.clock = clock

    def due_now(self) -> str | None:
        """The week whose digest is due (its time has passed this week), if any."""
        now = self.clock()
        due = run_in_week(now, self.settings.digest_weekday, self.settings.digest_time, self.settings.timezone)
        return covered_week(due, self.settings.timezone) if now >= due else None

    def run_once(self) -> dict[str, str] | None:
        """Post this week's digest in every workspace with a digest channel, if it is due: the outcome
        by team, or None when nothing was due."""
        week = self.due_now()
        if week is None:
            return None
        return {
            team: self._post(team, week) for team in self.workspaces.teams() if self.settings.digest_channel_for(team)
        }

    def _post(self, team: str, week: str) -> str:
        """One workspace's digest; a failure there is its outcome and does not stop the others."""
        from bot.slack import digest as slack_digest

        client = self.workspaces.client(team)
        if client is None:
            return "not installed"
        try:
            return slack_digest.post(
                self.services,
                client,
                self.delivery,
                channel=self.settings.digest_channel_for(team),
                week=week,
                team_id=team,
            )
        except Exception as exc:  # noqa: BLE001 - its claim was released; the loop retries soon
            return f"failed ({type(exc).__name__})"

    def _loop(self) -> None:
        while not self.stopped.is_set():
            wait = self._seconds_until_next()
            try:
                outcomes = self.run_once() or {}
            except Exception as exc:  # noqa: BLE001 - the database or Slack may be back soon
                outcomes = {"all workspaces": f"failed ({type(exc).__name__})"}
            for team, outcome in outcomes.items():
                logger.log(
                    logging.WARNING if outcome.startswith("failed") else logging.INFO,
                    "weekly digest: %s",
                    outcome,
                    extra={"team_id": team, "outcome": outcome},
                )
            if any(outcome.startswith("failed") for outcome in outcomes.values()):
                wait = min(wait, RETRY_AFTER.total_seconds())
            self.stopped.wait(wait)

    def _seconds_until_next(self) -> float:
        now = self.clock()
        upcoming = next_run(now, self.settings.digest_weekday, self.settings.digest_time, self.settings.timezone)
        return max((upcoming - now).total_seconds(), 1.0)
