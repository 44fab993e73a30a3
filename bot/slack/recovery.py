"""Finishing what a dead process left: pending decisions whose lease ran out are classified and
posted by whichever replica takes them first."""

from __future__ import annotations

import logging

from bot.slack import blocks
from bot.slack.jobs import Background

logger = logging.getLogger(__name__)
INTERVAL_SECONDS = 15.0


class Recovery(Background):
    name = "altitude-recovery"

    def __init__(self, services, workspaces, interval: float = INTERVAL_SECONDS):
        super().__init__()
        self.services = services
        self.workspaces = workspaces
        self.interval = interval

    def run_once(self) -> int:
        """Take and finish the orphaned decisions; how many were finished."""
        finished = 0
        for row in self.services.log.take_orphans(lease=self.services.lease):
            try:
                result = self.services.finish(row["id"], row["text"])
                self._post(row, result)
                finished += 1
            except Exception as exc:  # noqa: BLE001 - its lease runs out again; another try later
                logger.warning("recovering a decision failed: %s", type(exc).__name__, extra={"decision_id": row["id"]})
        return finished

    def _post(self, row: dict, result) -> None:
        client = self.workspaces.client(row["team_id"]) if row["channel_id"] else None
        if client is None:  # from the command line, or from a workspace that has uninstalled Altitude
            return
        thread = row["message_ts"] if row["source"] in ("shortcut", "auto") else None
        posted = client.chat_postMessage(
            channel=row["channel_id"], thread_ts=thread, unfurl_links=False,
            text=f"{result.verdict.label.capitalize()} (confidence {result.verdict.confidence:.2f})",
            blocks=blocks.verdict_blocks(row["id"], result, row["text"]))
        if thread is None:
            self.services.log.record_message(row["id"], channel_id=row["channel_id"], message_ts=posted["ts"],
                                             permalink=None)

    def _loop(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                if finished := self.run_once():
                    logger.info("finished decisions left pending by a stopped process", extra={"count": finished})
            except Exception as exc:  # noqa: BLE001 - keep looking; the database may come back
                logger.warning("looking for pending decisions failed: %s", type(exc).__name__)
