"""Making user text safe to analyse: control characters, size, words, language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.errors import BadInput

MAX_ANALYSED_CHARS = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Emoji after the last word, as characters or as Slack's :shortcodes:, say nothing to analyse and
# would hide how the text ends ("…for years. strategic? 🏦").
_TRAILING_EMOJI = re.compile(r"(?:\s*(?::[a-z0-9_+'-]+:|[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]))+\s*$")
# Frequent function words: English against the languages most often mixed into English Slack
# workspaces. Terse English ("86 the salmon") has few of either; other languages have many of theirs.
_ENGLISH = frozenset(
    "the a an and or of to in on for with from by at is are was were be will we our this that it".split()
)
_OTHER = frozenset(
    """el la los las de del que y en un una por para con se es al lo como más pero sus le les des du et est
    une pour dans sur pas qui au avec ce sont der die das und ist nicht ein eine zu den mit von für auf im
    dem sich auch wir o os as em um uma não com na no il di che per gli della sono het een van op voor niet
    zijn ook dat""".split()
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
    text = _TRAILING_EMOJI.sub("", text).rstrip()
    english = looks_english(words)
    if not english:
        notes.append("The text does not look like English, so few of its cues were recognised: low confidence.")
    return PreparedText(text, tuple(notes), english)


def looks_english(words: list[str]) -> bool:
    letters = "".join(words)[:4000]
    if not letters.isascii():
        latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
        if latin < 0.6 * len(letters):
            return False
    lowered = " ".join(words).lower().split()
    other = sum(map(_OTHER.__contains__, lowered))
    return other < 2 or other <= sum(map(_ENGLISH.__contains__, lowered))


def plural(count: int, noun: str, many: str | None = None) -> str:
    """ "1 decision", "2 decisions", "1,204 decisions" (`many` for an irregular plural)."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"
