"""The offline engine's shipped model: the file in the package, read once."""

from __future__ import annotations

import os
from functools import lru_cache

from bot.domain.linear import LinearModel

SHIPPED_MODEL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "learned", "rubric.model")


@lru_cache(maxsize=1)
def shipped_model() -> LinearModel:
    with open(SHIPPED_MODEL, "rb") as file:
        return LinearModel.from_bytes(file.read(), verify=False)  # part of the package, like its code
