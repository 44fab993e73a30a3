"""Slow work off the ack path: a worker pool, and a gate that puts acks first.

Listeners acknowledge in the request's own thread and hand slow work (model calls, the log,
posting to Slack) to `Jobs`, passing only the values it needs. (Bolt's lazy listeners would
deep-copy the whole request and its context for every ack: that alone doubled the cost of an
ack under load.)

Acks and slow work share one interpreter, so CPU spent on slow work (building prompts, parsing
replies, writing the log) during a burst of requests delays every ack, and so does every thread
woken while an ack waits for the interpreter. The gate closes while any request is in flight and
opens after a short quiet spell, so the gaps within a burst do not let slow work in. A job submitted
while it is closed is held back without waking any thread, and handed to the pool when the gate
opens, or once it has waited MAX_WAIT (so a steady stream of requests cannot starve it). Model
calls, the long part of a job, are waits, not CPU.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
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
        self._held: deque[tuple[float, object]] = deque()  # (when, start): work waiting for the gate
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
                if not self._in_flight:  # only then can the gate open: no wake-ups within a burst
                    self._changed.notify()

    def later(self, start) -> None:
        """Call `start()` now if the gate is open, else from the gate's thread once it opens (or
        after `max_wait`); the caller wakes no thread meanwhile."""
        with self._changed:
            if not self._open.is_set():
                if not self._held:
                    self._changed.notify()  # the gate's thread learns when this one is due
                self._held.append((time.monotonic(), start))
                return
        start()

    def wait_for_idle(self) -> None:
        """Block until the gate opens, for at most `max_wait` seconds."""
        self._open.wait(self.max_wait)

    def flush(self) -> None:
        """Let out all held work now (when the server stops)."""
        with self._changed:
            self._release(lambda when: True)

    def _open_when_calm(self) -> None:
        """One thread opens the gate once no request has been in flight for `quiet` seconds, and
        lets out work that has waited `max_wait`."""
        with self._changed:
            while True:
                now = time.monotonic()
                overdue = self._held[0][0] + self.max_wait - now if self._held else None
                if overdue is not None and overdue <= 0:
                    self._release(lambda when, now=now: when + self.max_wait <= now)
                    continue
                if self._in_flight or self._open.is_set():
                    self._changed.wait(overdue)
                    continue
                calm = now - self._last_done
                if calm >= self.quiet:
                    self._open.set()
                    self._release(lambda when: True)
                else:
                    self._changed.wait(self.quiet - calm if overdue is None else min(overdue, self.quiet - calm))

    def _release(self, due) -> None:
        while self._held and due(self._held[0][0]):
            _, start = self._held.popleft()
            start()


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
        """Run `func` on the pool once the gate lets it (see `AckFirst.later`)."""
        done: Future = Future()
        self.gate.later(lambda: self._start(done, func, args, kwargs))
        return done

    def _start(self, done: Future, func, args, kwargs) -> None:
        try:
            started = self.pool.submit(func, *args, **kwargs)
        except RuntimeError as exc:  # the pool is shut down: the job cannot run
            done.set_exception(exc)
            return
        started.add_done_callback(lambda f: _copy(f, done))

    def shutdown(self, wait: bool = True) -> None:
        self.gate.flush()
        self.pool.shutdown(wait=wait)


def _copy(source: Future, target: Future) -> None:
    if source.exception() is not None:
        target.set_exception(source.exception())
    else:
        target.set_result(source.result())


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
