"""A heartbeat for leases: while this process works on something it holds a lease on (a pending
decision, an answer being written), one thread renews those leases every third of their length.
So only a process that has died loses a lease, however slow the model, and no other replica takes
over work that is still going on.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

Renew = Callable[[list[int], timedelta], object]


class LeaseKeeper:
    def __init__(self, renewers: dict[str, tuple[Renew, timedelta]]):
        self.renewers = renewers  # each kind of lease: kind -> (renew(ids, lease), the lease's length)
        self.beat = min(lease for _, lease in renewers.values()).total_seconds() / 3
        self._held: dict[str, Counter] = {kind: Counter() for kind in renewers}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()

    @contextmanager
    def keep(self, kind: str, item_id: int) -> Iterator[None]:
        """Renew the lease of `item_id` (of `kind`) for as long as the block runs."""
        with self._lock:
            self._held[kind][item_id] += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._beat, name="altitude-leases", daemon=True)
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._held[kind][item_id] -= 1
                if not self._held[kind][item_id]:
                    del self._held[kind][item_id]

    def renew_now(self) -> None:
        with self._lock:
            held = {kind: list(ids) for kind, ids in self._held.items() if ids}
        for kind, ids in held.items():
            renew, lease = self.renewers[kind]
            try:
                renew(ids, lease)
            except Exception as exc:  # noqa: BLE001 - the next beat tries again; the lease has two thirds to go
                _log().warning("renewing %s leases failed: %s", kind, exc)

    def stop(self) -> None:
        self._stopped.set()

    def _beat(self) -> None:
        while not self._stopped.wait(self.beat):
            self.renew_now()


def _log():
    import logging

    return logging.getLogger(__name__)
