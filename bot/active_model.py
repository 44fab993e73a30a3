"""Which model the offline engine uses: the newest active one in the decision log's database (a
team's own, from `altitude train`), else the shipped one.

`serve` re-reads it at most every `refresh` seconds, so every replica picks up a new model within
a minute without a restart. A stored model that cannot be read (corrupt, or from a newer Altitude)
is passed over for the shipped model, with one warning.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from bot.domain.linear import LinearModel, ModelError
from bot.domain.shipped import shipped_model


def _log():
    """This module's logger. `logging` is imported on first use: the command line starts faster
    without it, and it is needed only when something goes wrong."""
    import logging

    return logging.getLogger(__name__)


SERVING_REFRESH_SECONDS = 30  # a long-running process re-reads the active model this often
Fetch = Callable[[], "tuple[str, bytes] | None"]


class ActiveModel:
    def __init__(self, fetch: Fetch, *, refresh: float | None = None, clock: Callable[[], float] = time.monotonic):
        self._fetch, self._refresh, self._clock = fetch, refresh, clock
        self._model: LinearModel | None = None
        self._checked = float("-inf")
        self._refused: set[str] = set()
        self._lock = threading.Lock()

    def current(self) -> LinearModel:
        """The model to classify with now."""
        model = self._model
        if model is not None and (self._refresh is None or self._clock() - self._checked < self._refresh):
            return model
        if not self._lock.acquire(blocking=model is None):
            return model  # another thread is re-reading it; this one goes on with the current model
        try:
            if self._model is None or self._refresh is not None:
                self._model = self._read(self._model)
                self._checked = self._clock()
            return self._model
        finally:
            self._lock.release()

    def _read(self, current: LinearModel | None) -> LinearModel:
        try:
            found = self._fetch()
        except Exception as exc:  # noqa: BLE001 - a database that fails keeps the model in use
            _log().warning(
                "could not read the active offline model (%s); keeping %s",
                exc,
                current.name if current else "the shipped model",
            )
            return current or shipped_model()
        if found is None:
            return shipped_model()
        name, body = found
        if current is not None and current.name == name:
            return current
        if name in self._refused:
            return shipped_model()
        try:
            return LinearModel.from_bytes(body)
        except ModelError as exc:
            self._refused.add(name)
            _log().warning(
                "the active offline model %s cannot be used (%s); using the shipped model %s",
                name,
                exc,
                shipped_model().name,
            )
            return shipped_model()
