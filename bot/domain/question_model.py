"""What the offline engine has learnt from labelled questions: how likely a question is to be about
the reference document, to ask which side a decision it describes is on, and to be answered by each
of the document's sections.

One logistic regression per label over the TF-IDF of a question's words and word pairs, read as
retrieval reads them (shorthand spelt out, misspellings corrected, stemmed). `answering` asks it
for a second opinion where its rules have none. The file holds the fitted numbers only
(`bot.training.questions` fits them with scikit-learn, which is never imported here):

    ALTITUDE-QUESTIONS\\n
    {header as one line of JSON}\\n
    vocabulary (UTF-8, one feature a line) | idf | one row of coefficients per label (float64, little-endian)

Scoring follows scikit-learn's `TfidfVectorizer(sublinear_tf=True)` (rows of unit length) and
`LogisticRegression.predict_proba`.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from functools import lru_cache

from bot.domain.knowledge import KnowledgeBase, load_default
from bot.domain.model_file import ModelError, floats, pack, sha256
from bot.domain.retrieval import normalized, stem
from bot.domain.vocabulary import STOPWORDS

MAGIC = b"ALTITUDE-QUESTIONS\n"
FORMAT = 2
FEATURES_VERSION = 1  # bump when `features` changes: older files are then refused, not misread
IN_SCOPE, ASKS_A_SIDE = "in_scope", "asks_a_side"  # the first two labels; the others are section ids
SHIPPED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "learned", "questions.model")


class Reading:
    """A question as the model reads it: the chance it is about the documents, that it asks which side
    a decision is on, and that each section answers it."""

    __slots__ = ("in_scope", "asks_a_side", "sections")

    def __init__(self, in_scope: float, sections: dict[str, float], *, asks_a_side: float):
        self.in_scope, self.asks_a_side, self.sections = in_scope, asks_a_side, sections

    def likely_sections(self, threshold: float) -> list[str]:
        """The sections at least `threshold` likely to answer the question, most likely first."""
        return sorted((s for s, p in self.sections.items() if p >= threshold), key=lambda s: -self.sections[s])


def features(text: str, reference: KnowledgeBase | None = None) -> list[str]:
    """A question's features: its topic words and every pair of adjacent words, as stems, read
    against the reference document (`reference`: that document, with the index already built for it)."""
    said = [stem(w) for w in normalized(text, reference or _reference())]
    return [w for w in said if w not in STOPWORDS] + [f"{a} {b}" for a, b in zip(said, said[1:])]


@lru_cache(maxsize=1)
def _reference() -> KnowledgeBase:
    """Features are read against the reference document alone, whatever a team adds, as in training."""
    return load_default()


class QuestionModel:
    def __init__(self, header: dict, vocabulary: list[str], idf, coef_rows: list, intercepts: list[float]):
        self.header = header
        self.name: str = header["name"]
        self.labels: tuple[str, ...] = tuple(header["labels"])
        self._index = dict(zip(vocabulary, range(len(vocabulary))))
        self._idf = idf
        self._rows = coef_rows
        self._intercepts = intercepts

    def read(self, text: str, reference: KnowledgeBase | None = None) -> Reading:
        counts = Counter(i for f in features(text, reference) if (i := self._index.get(f)) is not None)
        weights = {i: (1.0 + math.log(c)) * self._idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        chances = [
            _sigmoid(b + sum(w * row[i] for i, w in weights.items()) / norm)
            for row, b in zip(self._rows, self._intercepts)
        ]
        return Reading(chances[0], dict(zip(self.labels[2:], chances[2:])), asks_a_side=chances[1])

    @classmethod
    def from_bytes(cls, data: bytes, *, verify: bool = True) -> QuestionModel:
        try:
            return cls._parse(data, verify)
        except ModelError:
            raise
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise ModelError(f"the question model file is corrupt ({type(exc).__name__})") from None

    @classmethod
    def _parse(cls, data: bytes, verify: bool) -> QuestionModel:
        if not data.startswith(MAGIC):
            raise ModelError("not an Altitude question model file")
        end = data.index(b"\n", len(MAGIC))
        header = json.loads(data[len(MAGIC) : end])
        if header.get("format") != FORMAT or header.get("features_version") != FEATURES_VERSION:
            raise ModelError(
                f"the question model is of format {header.get('format')}.{header.get('features_version')}, "
                f"this Altitude reads {FORMAT}.{FEATURES_VERSION}"
            )
        body = data[end + 1 :]
        if verify and sha256(body) != header["body_sha256"]:
            raise ModelError("the question model file is corrupt (its checksum does not match)")
        cut = header["sizes"]["vocabulary_bytes"]
        vocabulary = body[:cut].decode("utf-8").split("\n") if cut else []
        n, k = len(vocabulary), len(header["labels"])
        if header["labels"][:2] != [IN_SCOPE, ASKS_A_SIDE]:
            raise ModelError("the question model file is corrupt (its labels are not in order)")
        if n != header["sizes"]["features"] or len(body) != cut + 8 * n * (1 + k) or len(header["intercepts"]) != k:
            raise ModelError("the question model file is corrupt (its sizes do not match)")
        idf = floats(body, cut, n)
        rows = [floats(body, cut + 8 * n * (1 + r), n) for r in range(k)]
        return cls(header, vocabulary, idf, rows, list(header["intercepts"]))


def to_bytes(header: dict, vocabulary: list[str], idf: list[float], rows: list[list[float]]) -> bytes:
    """A question model file; `header` (with its labels and intercepts) gets the sizes, the checksum
    and the name (a hash of the content)."""
    words = "\n".join(vocabulary).encode("utf-8")
    body = words + pack(idf) + b"".join(pack(row) for row in rows)
    full = {
        **header,
        "format": FORMAT,
        "features_version": FEATURES_VERSION,
        "body_sha256": sha256(body),
        "sizes": {"features": len(vocabulary), "vocabulary_bytes": len(words)},
    }
    full["name"] = "questions-" + sha256(json.dumps(full, sort_keys=True).encode() + body)[:10]
    return MAGIC + json.dumps(full, sort_keys=True, separators=(",", ":")).encode() + b"\n" + body


@lru_cache(maxsize=1)
def shipped_question_model() -> QuestionModel:
    with open(SHIPPED, "rb") as file:
        return QuestionModel.from_bytes(file.read(), verify=False)  # part of the package, like its code


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
