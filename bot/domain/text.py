"""Making user text safe to analyse: control characters, size, words, language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.errors import BadInput

MAX_ANALYSED_CHARS = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Common English words: a text where almost none appear is not English.
_ENGLISH = frozenset(
    """the a an and or of to in on for with from by at is are was were be will we our us
    this that these those it its as all new next our not no off up out over into after before
    starting start from until per each every more less than now today tomorrow week weeks
    year years month months day days team decided decision approved going move moves get""".split()
)


@dataclass(frozen=True)
class PreparedText:
    text: str
    notes: tuple[str, ...]
    english: bool


def prepare(raw: str, *, what: str = "decision") -> PreparedText:
    """Clean `raw` for analysis; raise BadInput when there is nothing to analyse."""
    text = _CONTROL.sub(" ", raw).strip()
    notes = []
    if len(text) > MAX_ANALYSED_CHARS:
        text = text[:MAX_ANALYSED_CHARS]
        notes.append(f"Only the first {MAX_ANALYSED_CHARS:,} characters were analysed.")
    if not text:
        raise BadInput(f"the {what} is empty", f"give the {what} as text")
    words = _WORD.findall(text)
    if not any(any(ch.isalpha() for ch in w) for w in words):
        raise BadInput(f"the {what} has no words", f"write the {what} as a sentence")
    english = looks_english(words)
    if not english:
        notes.append("The text does not look like English, so few of its cues were recognised: low confidence.")
    return PreparedText(text, tuple(notes), english)


def looks_english(words: list[str]) -> bool:
    letters = "".join(words)[:4000]
    latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    if latin < 0.6 * len(letters):
        return False
    if len(words) < 6:
        return True
    common = sum(1 for w in words if w.lower() in _ENGLISH)
    return common / len(words) >= 0.08
