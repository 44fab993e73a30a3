"""The weekly digest from `serve`: at ALTITUDE_DIGEST_AT in ALTITUDE_TIMEZONE, to ALTITUDE_DIGEST_CHANNEL.

Every replica runs this; the claim in the database lets exactly one of them post. A serve that starts
after this week's time and finds the digest not posted posts it then.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from bot.domain.digest import covered_week, next_run, run_in_week
from bot.slack.jobs import Background

logger = logging.getLogger(__name__)
RETRY_AFTER = timedelta(minutes=5)


class DigestSchedule(Background):
    name = "altitude-digest"

    def __init__(self, services, client, team_id: str, clock=lambda: datetime.now(timezone.utc)):
        super().__init__()
        self.services = services
        self.settings = services.settings
        self.client = client
        self.team_id = team_id
        self.clock = clock

    def due_now(self) -> str | None:
        """The week whose digest is due (its time has passed this week), if any."""
        now = self.clock()
        due = run_in_week(now, self.settings.digest_weekday, self.settings.digest_time, self.settings.timezone)
        return covered_week(due, self.settings.timezone) if now >= due else None

    def run_once(self) -> str | None:
        """Post this week's digest if it is due; the outcome, or None when nothing was due."""
        from bot import digests

        week = self.due_now()
        if week is None:
            return None
        return digests.post(self.services, self.client, channel=self.settings.digest_channel, week=week,
                            team_id=self.team_id)

    def _loop(self) -> None:
        while not self.stopped.is_set():
            wait = self._seconds_until_next()
            try:
                outcome = self.run_once()
                if outcome:
                    logger.info("weekly digest: %s", outcome)
            except Exception as exc:  # noqa: BLE001 - try again later; the claim was released
                logger.warning("weekly digest failed (%s); retrying in %s", type(exc).__name__, RETRY_AFTER)
                wait = min(wait, RETRY_AFTER.total_seconds())
            self.stopped.wait(wait)

    def _seconds_until_next(self) -> float:
        now = self.clock()
        upcoming = next_run(now, self.settings.digest_weekday, self.settings.digest_time, self.settings.timezone)
        return max((upcoming - now).total_seconds(), 1.0)
