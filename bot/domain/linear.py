"""The offline engine's trained model: a logistic regression over TF-IDF features and cue hits,
read and applied in plain Python.

The file holds the fitted numbers only (`bot.training` fits them with scikit-learn, which is never
imported here):

    ALTITUDE-MODEL\\n
    {header as one line of JSON}\\n
    vocabulary (UTF-8, one feature a line) | idf | coefficients | cue coefficients (float64, little-endian)

Scoring follows scikit-learn's `TfidfVectorizer(sublinear_tf=True, norm=None)`, each row divided
by sqrt(its squared length + the header's `norm_floor`) as `bot.training.fit.design` does, then
`LogisticRegression.decision_function`; so the probabilities agree with the library's.
"""

from __future__ import annotations

import json
import math
from array import array
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from itertools import chain, repeat
from operator import mul

from bot.domain.features import FEATURES_VERSION, pair_feature, tokens, word_features
from bot.domain.model_file import ModelError, floats, pack, round_float, sha256

__all__ = ["MAGIC", "LinearModel", "ModelError", "Scored", "round_float", "to_bytes"]

MAGIC = b"ALTITUDE-MODEL\n"
FORMAT = 1
_WORD_CACHE_LIMIT = 100_000


class Scored:
    """A decision as the model saw it. Each word's share of the margin is worked out on demand."""

    __slots__ = ("margin", "probability", "calibrated", "cue_contributions", "_parts")

    def __init__(
        self, margin: float, probability: float, calibrated: float, cue_contributions: dict[str, float], parts: tuple
    ):
        self.margin, self.probability, self.calibrated = margin, probability, calibrated
        self.cue_contributions = cue_contributions
        self._parts = parts  # what word_contributions needs

    @property
    def word_contributions(self) -> tuple[float, ...]:
        """Each token's share of the margin: its own features, and half of each pair it is in. An
        occurrence of a feature carries an equal part of that feature's contribution, so a feature
        met once carries idf x coefficient / norm, and one met c times (1 + ln c) / c of that."""
        sums, per_word, pairs, counts, norm, idf_coef = self._parts
        repeated = {i: ((1.0 + math.log(c)) / c - 1.0) * idf_coef[i] for i, c in counts.items() if c > 1}
        get, zeros = repeated.get, repeat(0.0)
        contributions = [(total + sum(map(get, indices, zeros))) / norm for total, indices in zip(sums, per_word)]
        for position, i in enumerate(pairs):
            if i is not None:
                half = (idf_coef[i] + get(i, 0.0)) / norm / 2
                contributions[position] += half
                contributions[position + 1] += half
        return tuple(contributions)


class LinearModel:
    def __init__(self, header: dict, vocabulary: list[str], idf: array, coef: array, cue_coef: array):
        self.header = header
        self.name: str = header["name"]
        self.cue_ids: tuple[str, ...] = tuple(header["cues"]["ids"])
        self.cue_scale: float = header["cues"]["scale"]
        self.intercept: float = header["intercept"]
        self.norm_floor: float = header["norm_floor"]
        self.calibration: tuple[float, float] = (header["calibration"]["a"], header["calibration"]["b"])
        self._vocabulary, self._idf, self._coef = vocabulary, idf, coef
        self._cue_coef = dict(zip(self.cue_ids, cue_coef))
        self._words: dict[str, tuple[tuple[int, ...], float]] = {}

    # What scoring reads, worked out on first use: a plain answer needs the model's name alone.
    @cached_property
    def _index(self) -> dict[str, int]:
        return dict(zip(self._vocabulary, range(len(self._vocabulary))))

    @cached_property
    def _idf_squared(self) -> array:
        return array("d", map(mul, self._idf, self._idf))

    @cached_property
    def _idf_coef(self) -> array:
        return array("d", map(mul, self._idf, self._coef))

    def load_weights(self) -> LinearModel:
        """Work out now what scoring reads (before forking workers that all score, say)."""
        _ = self._index, self._idf_squared, self._idf_coef
        return self

    # --- reading and writing ---

    @classmethod
    def from_bytes(cls, data: bytes, *, verify: bool = True) -> LinearModel:
        """Read a model file; `verify=False` skips the checksum (for the file shipped in the package)."""
        try:
            return cls._parse(data, verify)
        except ModelError:
            raise
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise ModelError(f"the model file is corrupt ({type(exc).__name__})") from None

    @classmethod
    def _parse(cls, data: bytes, verify: bool) -> LinearModel:
        if not data.startswith(MAGIC):
            raise ModelError("not an Altitude model file")
        end = data.index(b"\n", len(MAGIC))
        header = json.loads(data[len(MAGIC) : end])
        if header.get("format") != FORMAT or header.get("features_version") != FEATURES_VERSION:
            raise ModelError(
                f"the model is of format {header.get('format')}.{header.get('features_version')}, "
                f"this Altitude reads {FORMAT}.{FEATURES_VERSION}"
            )
        body = data[end + 1 :]
        if verify and sha256(body) != header["body_sha256"]:
            raise ModelError("the model file is corrupt (its checksum does not match)")
        sizes = header["sizes"]
        cut = sizes["vocabulary_bytes"]
        vocabulary = body[:cut].decode("utf-8").split("\n") if cut else []
        n, k = len(vocabulary), len(header["cues"]["ids"])
        if n != sizes["features"] or len(body) != cut + 8 * (2 * n + k):
            raise ModelError("the model file is corrupt (its sizes do not match)")
        idf, coef, cue_coef = (floats(body, cut + 8 * start, count) for start, count in ((0, n), (n, n), (2 * n, k)))
        return cls(header, vocabulary, idf, coef, cue_coef)

    # --- scoring ---

    def score(self, text: str, cue_hits: Iterable[str]) -> Scored:
        """Score the (masked) text of a decision and the ids of the cues found in it."""
        words = tokens(text)
        index = self._index
        known = [self._word(w) for w in words]
        per_word = [indices for indices, _ in known]
        pairs = [index.get(pair_feature(a, b)) for a, b in zip(words, words[1:])]
        counts = Counter(chain.from_iterable(per_word))
        counts.update(i for i in pairs if i is not None)
        # scikit-learn's sublinear tf is 1 + ln(count): 1 for most features, corrected below for repeats
        squares = sum(map(self._idf_squared.__getitem__, counts))
        dot = sum(map(self._idf_coef.__getitem__, counts))
        for i, c in counts.items():
            if c > 1:
                tf = 1.0 + math.log(c)
                squares += (tf * tf - 1.0) * self._idf_squared[i]
                dot += (tf - 1.0) * self._idf_coef[i]
        norm = math.sqrt(squares + self.norm_floor)
        words_part = dot / norm
        cues = {c: self.cue_scale * self._cue_coef[c] for c in dict.fromkeys(cue_hits) if c in self._cue_coef}
        margin = self.intercept + words_part + sum(cues.values())
        parts = ([total for _, total in known], per_word, pairs, counts, norm, self._idf_coef)
        return Scored(margin, _sigmoid(margin), self.calibrate(margin), cues, parts)

    def calibrate(self, margin: float) -> float:
        a, b = self.calibration
        return _sigmoid(a * margin + b)

    def _word(self, word: str) -> tuple[tuple[int, ...], float]:
        """A word's known features, and the sum of their idf x coefficient (remembered per word)."""
        found = self._words.get(word)
        if found is None:
            if len(self._words) >= _WORD_CACHE_LIMIT:
                self._words.clear()
            index = self._index
            indices = tuple(index[f] for f in word_features(word) if f in index)
            found = self._words[word] = (indices, sum(map(self._idf_coef.__getitem__, indices)))
        return found


def to_bytes(header: dict, vocabulary: list[str], idf: list[float], coef: list[float], cue_coef: list[float]) -> bytes:
    """A model file; `header` gets the sizes, the checksum and the name (a hash of the content)."""
    words = "\n".join(vocabulary).encode("utf-8")
    body = words + b"".join(pack(values) for values in (idf, coef, cue_coef))
    digest = sha256(body)
    full = {
        **header,
        "format": FORMAT,
        "features_version": FEATURES_VERSION,
        "body_sha256": digest,
        "sizes": {"features": len(vocabulary), "vocabulary_bytes": len(words)},
    }
    full["name"] = "rubric-" + sha256(json.dumps(full, sort_keys=True).encode() + body)[:10]
    return MAGIC + json.dumps(full, sort_keys=True, separators=(",", ":")).encode() + b"\n" + body


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
