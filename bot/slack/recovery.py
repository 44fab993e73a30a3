"""Finishing what a dead process left: pending decisions whose lease ran out are classified, and
answers whose writer died are written, by whichever replica takes them first, each under a lease of
its own (kept alive while it works); their messages then go out through the outbox. The same loop
forgets old claims and delivered messages."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from bot.slack.conversation import Message
from bot.slack.jobs import Background
from bot.storage.models import utcnow

logger = logging.getLogger(__name__)
INTERVAL_SECONDS = 15.0
WORKERS = 4  # orphans worked on at once, by one replica
CLAIMS_KEPT = timedelta(hours=1)  # past Slack's retries (minutes) and its 5-minute replay window
MESSAGES_KEPT = timedelta(days=7)
PRUNE_EVERY = 40  # rounds (ten minutes at the usual interval)


class Recovery(Background):
    name = "altitude-recovery"

    def __init__(
        self, services, workspaces, delivery, compose_answer, interval: float = INTERVAL_SECONDS, workers: int = WORKERS
    ):
        super().__init__()
        self.services = services
        self.workspaces = workspaces
        self.delivery = delivery
        self.compose_answer = compose_answer  # (message_id, Message, client, bot_user_id), from the listeners
        self.interval = interval
        self.workers = workers
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="altitude-recover")
        self._rounds = 0

    def run_once(self) -> int:
        """Take and finish up to `workers` orphans at once; how many were finished."""
        jobs = []
        for _ in range(self.workers):  # taken one by one, and only as many as start at once
            row = self.services.log.take_orphan(lease=self.services.lease)
            if row is None:
                break
            jobs.append(self.pool.submit(self._finish_decision, row))
        for message in self.services.outbox.orphaned(limit=self.workers):
            if self.services.outbox.retake_pending(message["id"], message["lease_until"], lease=self.services.lease):
                jobs.append(self.pool.submit(self._finish_answer, message))
        return sum(job.result() for job in jobs)

    def _finish_decision(self, row: dict) -> bool:
        try:
            result = self.services.finish(row["id"], row["text"], team_id=row["team_id"])
        except Exception as exc:
            logger.error("recovering a decision failed", exc_info=exc, extra={"decision_id": row["id"]})
            return False
        self.delivery.send(result.message_id)
        return True

    def _finish_answer(self, row: dict) -> bool:
        client = self.workspaces.client(row["team_id"])
        try:
            message = Message.from_dict(row["payload"]["question"])
            self.compose_answer(
                row["id"], message, client, row["payload"].get("bot_user_id"), stream=row["message_ts"] is None
            )
        except Exception as exc:
            logger.error("recovering an answer failed", exc_info=exc)
            return False
        self.delivery.send(row["id"])
        return True

    def prune(self) -> None:
        now = utcnow()
        self.services.claims.prune(before=now - CLAIMS_KEPT)
        self.services.outbox.prune(before=now - MESSAGES_KEPT)

    def _loop(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                if finished := self.run_once():
                    logger.info("finished work left by a stopped process", extra={"count": finished})
                self._rounds += 1
                if self._rounds % PRUNE_EVERY == 1:
                    self.prune()
            except Exception as exc:  # noqa: BLE001 - keep looking; the database may come back
                logger.warning("looking for work left by a stopped process failed: %s", exc)

    def stop(self) -> None:
        super().stop()
        self.pool.shutdown(wait=True)
