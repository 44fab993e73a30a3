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
        everyone = threading.Barrier(workers + 1)
        for _ in range(workers):  # start every thread now, not during a burst of acks
            self.pool.submit(everyone.wait)
        everyone.wait()

    def submit(self, func, /, *args, **kwargs) -> Future:
        return self.pool.submit(self._run, func, args, kwargs)

    def _run(self, func, args, kwargs):
        self.gate.wait_for_idle()
        return func(*args, **kwargs)

    def shutdown(self, wait: bool = True) -> None:
        self.pool.shutdown(wait=wait)


class Background:
    """A daemon thread running `self._loop` until `stop()`; `self.stopped` doubles as its sleep."""

    name = "altitude-background"

    def __init__(self):
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, name=self.name, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=10)

    def _loop(self) -> None:
        raise NotImplementedError
