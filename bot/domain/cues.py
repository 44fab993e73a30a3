"""Named cues: phrases that lean one of the five dimensions toward strategy (+) or operations (-).

A cue is data (the catalogue is `bot.domain.cuebook`): an id, a dimension, a weight, a kind, its
phrases, and examples that must and must not match, which a test runs. Phrases are written in a
small readable notation, matched word by word within a clause:

    enter ... market           "..." lets up to four words come between
    {enter,entering} market    any one of the words in braces
    acquisit*                  a word that begins with "acquisit"
    <num> years                a class of word: <num>, <year>, <day>, <month>, <id> (line 3, gate b12)
    leave ... @market          a named set of words from the catalogue (`WORD_SETS`)
    * (a pattern)              a `re.VERBOSE` pattern, for the few cues words cannot say (clock times)

A hit is dropped when one of the cue's `unless` phrases matches words it overlaps ("fire exit"
is not an exit from a market). Weights are in rough units of evidence: 1 a hint, 3 near-decisive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from bot.domain.features import TOKEN as _WORD  # the model's tokens: evidence reuses the cues' word spans

DIMENSION_NAMES = ("scope", "level", "time_horizon", "focus", "link_to_strategy")
KINDS = {
    "move": "a change to markets, the portfolio, capacity or where resources go",
    "reach": "how much of the organization a decision touches",
    "role": "who decides or carries it out",
    "horizon": "how far ahead it reaches",
    "aim": "what it is for: competing and growing, or running a process well",
    "upkeep": "repairs, maintenance and like-for-like replacement",
    "routine": "the everyday vocabulary of running processes",
    "amplifier": "words that only amplify other evidence: strategy, growth, money",
}
GAP = 4
OBJECT_WORDS = 4  # a move quoted without its object ("exit", "pulling out of") gets up to four words of it
_SMALL = frozenset("a an the our their its his her this that these those".split())
# Words that leave a quote unfinished when it ends on them ("to a", "starting next"); particles that
# end a phrasal verb ("phase out", "frees up", "from here on") do not.
DANGLING = frozenset(
    """a an the and or but nor of to in at for with from by as into onto than if our their its his her my your
    this that these those next last every each any some such which who whose""".split()
)
# Words a quoted phrase never begins or ends with: a phrase that does is a fragment.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor of to in on at for with from by as into onto over under than then so if is are was
    were be been being am do does did has have had will would shall should can could may might must it its this
    that these those there here we us our you your they them their he she his her i me my who whom which what
    when where why how not no yes very just also too all any each every some such next last only both either
    neither one per via about after before until while up down off out""".split()
)
_SEEN_LIMIT = 50_000
_KEY = 3  # prefixes are indexed by their first three letters (every prefix in the catalogue has as many)
_CLAUSE = re.compile(r"[.!?;:]+(?=\s|$)|\n+|\s[-–—]+\s")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
    "dozen dozens several few couple".split()
)
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
CLASSES = {
    "num": lambda w: w.isdigit() or w in _NUMBER_WORDS,
    "year": lambda w: len(w) == 4 and w.isdigit() and "2020" <= w <= "2099",
    "day": lambda w: w.rstrip("s") in _DAYS or w in ("mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun"),
    "id": lambda w: len(w) <= 5 and any(ch.isdigit() for ch in w),
    "month": lambda w: (
        w in _MONTHS or w in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
    ),
}


@dataclass(frozen=True)
class Cue:
    id: str
    dimension: str
    weight: float
    kind: str
    summary: str
    phrases: tuple[str, ...] = ()
    pattern: str | None = None  # a re.VERBOSE pattern, matched on the lower-cased text
    requires: tuple[str, ...] = ()  # the pattern is tried only on text holding one of these
    unless: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()

    def __post_init__(self):
        if self.dimension not in DIMENSION_NAMES or self.kind not in KINDS:
            raise ValueError(f"cue {self.id}: unknown dimension or kind")
        if not (self.phrases or self.pattern) or not self.examples or not self.counterexamples:
            raise ValueError(f"cue {self.id}: needs phrases or a pattern, examples and counterexamples")


@dataclass(frozen=True)
class Hit:
    cue: Cue
    start: int  # character offsets of the matched words in the text
    end: int
    phrase: str  # the text's own words, as written


class Scan(NamedTuple):
    hits: list[Hit]
    words: list[str]  # lower-cased, as the model's tokens are (save that they keep their digits)
    spans: list[tuple[int, int]]


class _Element:
    __slots__ = ("words", "prefixes", "test")

    def __init__(self, token: str, word_sets: dict[str, frozenset[str]]):
        self.test = None
        if token.startswith("<") and token.endswith(">"):
            self.test, choices = CLASSES[token[1:-1]], []
        elif token.startswith("@"):
            choices = list(word_sets[token[1:]])
        elif token.startswith("{") and token.endswith("}"):
            choices = token[1:-1].split(",")
        else:
            choices = [token]
        self.words = frozenset(c for c in choices if not c.endswith("*"))
        self.prefixes = tuple(c[:-1] for c in choices if c.endswith("*"))
        if any(len(p) < _KEY for p in self.prefixes):
            raise ValueError(f"{token!r}: a prefix needs at least {_KEY} letters")

    def matches(self, word: str) -> bool:
        if self.test is not None:
            return self.test(word)
        return word in self.words or (bool(self.prefixes) and word.startswith(self.prefixes))


class _Phrase:
    """A phrase compiled to its first element and the steps after it: (gap allowed before, element)."""

    __slots__ = ("first", "steps", "size")

    def __init__(self, first: _Element, steps: tuple[tuple[int, _Element], ...]):
        self.first, self.size = first, 1 + len(steps)
        # Each step unpacked, for a tight loop: (gap, words, prefixes, test).
        self.steps = tuple((gap, e.words, e.prefixes, e.test) for gap, e in steps)

    @classmethod
    def parse(cls, text: str, word_sets: dict[str, frozenset[str]], elements: dict | None = None) -> _Phrase:
        """`elements` caches the elements already made, by their notation (many phrases share them)."""
        elements = {} if elements is None else elements

        def element(token: str) -> _Element:
            found = elements.get(token)
            if found is None:
                found = elements[token] = _Element(token, word_sets)
            return found

        tokens = text.split()
        if not tokens or tokens[0] == "..." or tokens[-1] == "...":
            raise ValueError(f"phrase {text!r} must begin and end with a word")
        steps, gap = [], 0
        for token in tokens[1:]:
            if token == "...":
                gap = GAP
            else:
                steps.append((gap, element(token)))
                gap = 0
        return cls(element(tokens[0]), tuple(steps))

    def match_after(self, words: list[str], first: int, last: int) -> int:
        """The end (exclusive) of a match whose first word is `words[first]` and whose words end
        by `words[last]`, or -1."""
        position = first + 1
        for gap, choices, prefixes, test in self.steps:
            for j in range(position, min(position + gap, last) + 1):
                word = words[j]
                if word in choices or (prefixes and word.startswith(prefixes)) or (test is not None and test(word)):
                    position = j + 1
                    break
            else:
                return -1
        return position


class Matcher:
    """Finds every cue of a catalogue in a text, in one pass over its words."""

    def __init__(self, cues: list[Cue], word_sets: dict[str, frozenset[str]]):
        ids = [c.id for c in cues]
        if len(set(ids)) != len(ids):
            raise ValueError("two cues share an id")
        self.cues = cues
        self._order = {c.id: n for n, c in enumerate(cues)}
        # Phrases indexed by what their first word can be: a word, a prefix (by its first letters), a class.
        self._by_word: dict[str, list[tuple[Cue, _Phrase]]] = {}
        self._by_pair: dict[tuple[str, str], list[tuple[Cue, _Phrase]]] = {}
        self._by_prefix: dict[str, list[tuple[str, Cue, _Phrase]]] = {}
        self._by_class: dict[str, list[tuple[Cue, _Phrase]]] = {}
        self._patterns = [(c, re.compile(c.pattern, re.VERBOSE), c.requires) for c in cues if c.pattern]
        self._seen: dict[str, tuple[tuple[Cue, _Phrase], ...]] = {}
        made: dict[str, _Element] = {}
        self._unless = {c.id: [_Phrase.parse(p, word_sets, made) for p in c.unless] for c in cues if c.unless}
        for cue in cues:
            for text in cue.phrases:
                self._index(cue, _Phrase.parse(text, word_sets, made), text.split()[0])

    def _index(self, cue: Cue, phrase: _Phrase, first: str) -> None:
        element = phrase.first
        gap, seconds, prefixes, test = phrase.steps[0] if phrase.steps else (1, (), (), None)
        if element.words and gap == 0 and seconds and not prefixes and test is None:
            # Indexed by its first two words: a phrase that begins "the ..." is not tried at every "the".
            for word in element.words:
                for second in seconds:
                    self._by_pair.setdefault((word, second), []).append((cue, phrase))
        else:
            for word in element.words:
                self._by_word.setdefault(word, []).append((cue, phrase))
        for prefix in element.prefixes:
            self._by_prefix.setdefault(prefix[:_KEY], []).append((prefix, cue, phrase))
        if element.test is not None:
            self._by_class.setdefault(first[1:-1], []).append((cue, phrase))

    def find(self, text: str) -> list[Hit]:
        """Every cue found in `text`, each once (its first match), in the order of the catalogue."""
        return self.scan(text).hits

    def scan(self, text: str) -> Scan:
        """The cues found in `text`, and its words (lower-cased) with their offsets."""
        lowered = text.translate(_QUOTES).lower()
        if len(lowered) != len(text):  # a rare character changed length when lower-cased
            text = lowered
        matches = list(_WORD.finditer(lowered))
        words = [m.group() for m in matches]
        spans = [m.span() for m in matches]
        found: dict[str, Hit] = {}
        if words:
            self._find_phrases(words, spans, _clause_ends(lowered, spans), text, found)
        for cue, pattern, requires in self._patterns:
            if cue.id in found or (requires and not any(r in lowered for r in requires)):
                continue
            if m := pattern.search(lowered):
                found[cue.id] = Hit(cue, m.start(), m.end(), text[m.start() : m.end()])
        return Scan(sorted(found.values(), key=lambda h: self._order[h.cue.id]), words, spans)

    def _candidates(self, word: str) -> tuple[tuple[Cue, _Phrase], ...]:
        """The phrases that may begin with `word` (remembered per word: words repeat)."""
        found = self._seen.get(word)
        if found is None:
            if len(self._seen) > _SEEN_LIMIT:
                self._seen.clear()
            found = list(self._by_word.get(word, ()))
            found += [
                (cue, phrase) for prefix, cue, phrase in self._by_prefix.get(word[:_KEY], ()) if word.startswith(prefix)
            ]
            for name in _classes_of(word):
                found += self._by_class.get(name, ())
            found = self._seen[word] = tuple(found)
        return found

    def _find_phrases(
        self, words: list[str], spans: list[tuple[int, int]], ends: list[int], text: str, found: dict[str, Hit]
    ) -> None:
        pairs, seen = self._by_pair, self._seen
        for i, word in enumerate(words):
            candidates = seen.get(word)
            if candidates is None:
                candidates = self._candidates(word)
            if i < ends[i] and (paired := pairs.get((word, words[i + 1]))):
                candidates = (*candidates, *paired)
            for cue, phrase in candidates:
                if cue.id in found:
                    continue
                end = phrase.match_after(words, i, ends[i])
                if end > 0 and not self._excluded(cue, words, ends, i, end):
                    if (cue.kind == "move" and end == i + 1) or words[end - 1] in DANGLING:
                        end = _with_object(words, spans, text, i, end, ends[i])
                    start, stop = spans[i][0], spans[end - 1][1]
                    found[cue.id] = Hit(cue, start, stop, text[start:stop])

    def _excluded(self, cue: Cue, words: list[str], ends: list[int], start: int, end: int) -> bool:
        """Whether an `unless` phrase of the cue, in the same clause, overlaps the words of a hit."""
        phrases = self._unless.get(cue.id)
        if not phrases:
            return False
        reach = max(p.size for p in phrases) * (GAP + 1)
        for i in range(max(0, start - reach), end):
            if ends[i] != ends[start]:
                continue
            word = words[i]
            for phrase in phrases:
                if phrase.first.matches(word) and phrase.match_after(words, i, ends[i]) > start:
                    return True
        return False


def _with_object(words: list[str], spans: list[tuple[int, int]], text: str, first: int, end: int, last: int) -> int:
    """The end of a hit widened over the words that name its object ("exit retail banking", "pulling
    out of home insurance"), so that no quote stops at a function word."""
    while end <= last and words[end] in _SMALL and _joined(text, spans, end):
        end += 1
    taken = 0
    while end <= last and taken < OBJECT_WORDS and words[end] not in FUNCTION_WORDS and _joined(text, spans, end):
        end, taken = end + 1, taken + 1
    while end - 1 > first and words[end - 1] in DANGLING:
        end -= 1
    return end


def _joined(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """Whether word i follows word i - 1 with only a space or a hyphen between them."""
    return text[spans[i - 1][1] : spans[i][0]] in (" ", "-")


@lru_cache(maxsize=4096)
def _classes_of(word: str) -> tuple[str, ...]:
    return tuple(name for name, test in CLASSES.items() if test(word))


def _clause_ends(lowered: str, spans: list[tuple[int, int]]) -> list[int]:
    """For each word, the index of the last word of its clause: a phrase never runs past it."""
    ends, last = [0] * len(spans), len(spans) - 1
    for i in range(len(spans) - 1, 0, -1):
        ends[i] = last
        gap = lowered[spans[i - 1][1] : spans[i][0] + 1]  # with the next word's first letter
        if (gap[0] != " " or len(gap) > 2) and _CLAUSE.search(gap):  # "3.2" is no boundary, ". N" is
            last = i - 1
    if spans:
        ends[0] = last
    return ends
