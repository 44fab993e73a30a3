"""Slow work off the ack path: a worker pool, and a gate that puts acks first.

Listeners acknowledge in the request's own thread and hand slow work (model calls, the log,
posting to Slack) to `Jobs`, passing only the values it needs. (Bolt's lazy listeners would
deep-copy the whole request and its context for every ack: that alone doubled the cost of an
ack under load.)

Acks and slow work share one interpreter, so CPU spent on slow work (building prompts, parsing
replies, writing the log) during a burst of requests delays every ack. The gate closes while any
request is in flight and opens after a short quiet spell, so the gaps within a burst do not let
slow work in; a job waits at most MAX_WAIT, so a steady stream of requests cannot starve it.
Model calls, the long part of a job, are waits, not CPU.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

logger = logging.getLogger(__name__)

MAX_WAIT_SECONDS = 1.0
PENDING_WAIT_SECONDS = 1.0  # the most an ack waits for the pending row
QUIET_SECONDS = 0.02


class AckFirst:
    def __init__(self, max_wait: float = MAX_WAIT_SECONDS, quiet: float = QUIET_SECONDS):
        self.max_wait = max_wait
        self.quiet = quiet
        self._in_flight = 0
        self._last_done = 0.0
        self._changed = threading.Condition()
        self._open = threading.Event()
        self._open.set()
        threading.Thread(target=self._open_when_calm, name="altitude-gate", daemon=True).start()

    @contextmanager
    def request(self):
        """Around the handling of one request from Slack."""
        with self._changed:
            self._in_flight += 1
            self._open.clear()
        try:
            yield
        finally:
            with self._changed:
                self._in_flight -= 1
                self._last_done = time.monotonic()
                self._changed.notify()

    def _open_when_calm(self) -> None:
        """One thread opens the gate once no request has been in flight for `quiet` seconds."""
        with self._changed:
            while True:
                if self._in_flight or self._open.is_set():
                    self._changed.wait()
                    continue
                calm = time.monotonic() - self._last_done
                if calm >= self.quiet:
                    self._open.set()
                else:
                    self._changed.wait(self.quiet - calm)

    def wait_for_idle(self) -> None:
        """Block until the gate opens, for at most `max_wait` seconds."""
        self._open.wait(self.max_wait)


class Jobs:
    """A pool of threads sized for slow model calls, all started up front, behind the ack gate."""

    def __init__(self, workers: int, gate: AckFirst | None = None):
        self.gate = gate or AckFirst()
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="altitude-job")
        self._writes = ThreadPoolExecutor(max_workers=4, thread_name_prefix="altitude-ack-write")
        everyone = threading.Barrier(workers + 1)
        for _ in range(workers):  # start every thread now, not during a burst of acks
            self.pool.submit(everyone.wait)
        everyone.wait()

    def record_pending(self, services, text: str, origin, *, wait: float = PENDING_WAIT_SECONDS) -> Future:
        """Log a decision as pending (leased) from an ack, waiting at most `wait` seconds: a slow
        database never holds the ack; the job then takes the row when it is there."""
        future = self._writes.submit(services.log.record_pending, text=text, origin=origin, lease=services.lease)
        try:
            future.result(timeout=wait)
        except Exception:  # noqa: BLE001 - slow or failed: the job settles it (see settled)
            logger.info("pending decision not logged within the ack; the job will log it")
        return future

    @staticmethod
    def settled(pending: Future) -> int | None:
        """The pending row's id once its write finished, or None if it failed."""
        try:
            return pending.result()
        except Exception:  # noqa: BLE001 - the job logs the decision itself
            return None

    def submit(self, func, /, *args, **kwargs) -> Future:
        return self.pool.submit(self._run, func, args, kwargs)

    def _run(self, func, args, kwargs):
        self.gate.wait_for_idle()
        return func(*args, **kwargs)

    def shutdown(self, wait: bool = True) -> None:
        self._writes.shutdown(wait=wait)
        self.pool.shutdown(wait=wait)
