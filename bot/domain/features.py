"""What the offline model reads: a decision as words, word pairs and pieces of words.

Training (scikit-learn calls `analyse` as its analyzer) and inference (`bot.domain.linear`, which
composes the same `word_features` and `pair_feature`) see exactly the same features. Pure Python;
the features of a word are computed once per word and cached.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Stored in every model file: a model is read only by the featurizer it was trained with.
FEATURES_VERSION = 1
CHAR_SIZES = (4,)
_DIGIT = re.compile(r"\d")
# Words (with inner apostrophes), and the signs that carry meaning in decisions: money and percent.
TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[$£€%]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, every digit a 0 ("by 2028" reads like "by 2031")."""
    return _DIGIT.sub("0", text.translate(_QUOTES).lower())


def tokens(text: str) -> list[str]:
    return TOKEN.findall(normalise(text))


def analyse(text: str) -> list[str]:
    """Every feature of `text`, repeats included: each word with its 4-letter pieces (padded
    with a space at each end, so a piece can mark a word's start or end), and each word pair."""
    words = tokens(text)
    found: list[str] = []
    for word in words:
        found += word_features(word)
    found += [pair_feature(a, b) for a, b in zip(words, words[1:])]
    return found


@lru_cache(maxsize=65_536)
def word_features(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    pieces = [f"c {padded[i : i + n]}" for n in CHAR_SIZES for i in range(len(padded) - n + 1)]
    return (f"w {word}", *pieces)


def pair_feature(first: str, second: str) -> str:
    return f"w {first} {second}"
