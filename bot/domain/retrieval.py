"""Finding the sections of the knowledge base that a question is about.

Lexical matching over stemmed words, after shorthand, phrases and misspellings are normalised,
widened by a thesaurus of how people ask about each shipped section (see `vocabulary`). The
sentences that ask weigh more than the context around them. A question is out of scope when its
topic words are mostly unknown to the documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.domain.acronyms import names_by_initials, spelt_out
from bot.domain.knowledge import DEFAULT_DOCUMENT, KnowledgeBase
from bot.domain.vocabulary import (
    ANCHORS,
    PHRASE_PATTERN,
    PHRASES,
    SHORTHAND,
    SIDES_MEANT,
    STEM_AS_IS,
    STOPWORDS,
    THESAURUS,
    WHO_DECIDES,
)

if TYPE_CHECKING:
    from bot.domain.search_index import LexicalIndex

_WORD = re.compile(r"[a-z0-9]+(?:[&'-][a-z0-9]+)*")


def stem(word: str) -> str:
    word = word.lower().replace("'s", "")
    if word in STEM_AS_IS or len(word) <= 3:
        return word
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + repl
            break
    return word.rstrip("e") if len(word) > 4 else word


CONTEXT_WEIGHT = 0.35
FAVOUR_BONUS = 1.5
# Words that only ask for a definition; they point at no one section.
DEFINING_WORDS = frozenset(stem(w) for w in "define definition defined consist consists involve involves".split())
ANCHOR_STEMS = frozenset(stem(a) for a in ANCHORS)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def normalized(text: str, kb: KnowledgeBase) -> list[str]:
    """The question's words with shorthand spelt out and misspellings of the documents' own words
    ("managment", "efficency") corrected to the nearest one."""
    known = _spelling(kb)
    text = spelt_out(text, _acronyms(kb))
    text = WHO_DECIDES.sub(" decides ", text.lower().replace("’", "'"))
    text = PHRASE_PATTERN.sub(lambda m: PHRASES[m.group(0)], text)
    said = []
    for word in words(text):
        word = _correct(_owned(SHORTHAND.get(word, word)), known)
        parts = word.split("-") if "-" in word and word not in known else [word]  # "high-stakes" -> high, stakes
        said += [_correct(part, known) for part in parts if part]
    return said


def _owned(word: str) -> str:
    """'document's' is about the document; an unknown owner ('toyota's') stays, see `retrieve`."""
    base = word[:-2] if word.endswith("'s") else word
    return base if base in STOPWORDS or base in ANCHORS or base in SHORTHAND.values() else word


SHORTEST_CORRECTED = 6  # shorter words are too often another real word one letter away


@lru_cache(maxsize=8192)  # difflib against every word of the documents: milliseconds a word
def _correct(word: str, known: frozenset[str]) -> str:
    if len(word) < SHORTEST_CORRECTED or word in known or word in STOPWORDS:
        return word
    from difflib import get_close_matches

    swapped = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
    transposed = next((w for w in swapped if w in known), None)  # "stratgey": two letters swapped
    if transposed is not None:
        return transposed
    close = get_close_matches(word, known, n=1, cutoff=0.88)
    return close[0] if close else word


@dataclass(frozen=True)
class Match:
    section_id: str
    score: float


@dataclass(frozen=True)
class Retrieval:
    matches: tuple[Match, ...]
    topic_terms: tuple[str, ...]
    unknown_terms: tuple[str, ...]
    named: tuple[str, ...] = ()  # owners the documents do not know ("toyota's strategy"): not covered
    anchored: bool = False  # the question names the domain (operations, strategy, management...)

    @property
    def known_terms(self) -> tuple[str, ...]:
        return tuple(t for t in self.topic_terms if t not in self.unknown_terms)

    @property
    def in_scope(self) -> bool:
        if not self.matches or self.named:
            return False
        if not self.topic_terms:
            return True
        known = len(self.topic_terms) - len(self.unknown_terms)
        mostly_known = len(self.unknown_terms) / len(self.topic_terms) < 0.5
        if self.anchored:  # it names the domain: something the documents speak of is enough
            return mostly_known or known >= max(1, len(self.unknown_terms) - 1)
        return mostly_known and known >= 1


SMALL_INDEX_SECTIONS = 50  # up to this many, the index is a dictionary (see search_index.SmallIndex)


def build_index(kb: KnowledgeBase, fingerprint: str = "") -> LexicalIndex:
    """The knowledge base's lexical index, in memory. `fingerprint` (see `index_fingerprint`) names
    its content, for a copy kept on disk."""
    from bot.domain.search_index import (
        SectionIndex,
        SmallIndex,
    )  # the command line needs it for a team's documents only

    sections, spelling = index_parts(kb)
    if len(sections) <= SMALL_INDEX_SECTIONS:
        return SmallIndex(sections, spelling)
    return SectionIndex.build(sections, spelling, fingerprint)


def index_parts(kb: KnowledgeBase) -> tuple[list[tuple[str, list[str], list[str]]], list[str]]:
    """What is indexed: each section's id, title stems and text stems (with the shipped sections'
    thesaurus), and every word the documents spell."""
    sections = [
        (
            sec.id,
            [stem(w) for w in words(sec.title)],
            [stem(w) for w in words(f"{sec.text} {' '.join(THESAURUS.get(sec.id, ()))}")],
        )
        for sec in kb.sections
    ]
    spelling = words(" ".join(f"{sec.title} {sec.text}" for sec in kb.sections) + " " + _thesaurus_words(kb))
    return sections, spelling


def index_fingerprint(kb: KnowledgeBase) -> str:
    """Names the knowledge content and everything that decides how it is indexed."""
    shipped = (f"{key}={' '.join(value)}" for key, value in sorted(THESAURUS.items()))
    from bot.domain.search_index import fingerprint

    texts = (part for sec in kb.sections for part in (sec.id, sec.title, sec.text))
    return fingerprint([*shipped, " ".join(sorted(STEM_AS_IS)), *texts])


def index_of(kb: KnowledgeBase) -> LexicalIndex:
    """The index attached to the knowledge base (see `KnowledgeBase.with_index`), or one built here."""
    return kb.index if kb.index is not None else _built(kb)


@lru_cache(maxsize=8)
def _built(kb: KnowledgeBase) -> LexicalIndex:
    return build_index(kb)


def _thesaurus_words(kb: KnowledgeBase) -> str:
    return " ".join(" ".join(THESAURUS[sec.id]) for sec in kb.sections if sec.id in THESAURUS)


@lru_cache(maxsize=8)
def _acronyms(kb: KnowledgeBase) -> dict[str, str]:
    """The initials of the names a team's documents use (the shipped document names nothing so)."""
    return names_by_initials(f"{s.title}. {s.text}" for s in kb.sections if s.source != DEFAULT_DOCUMENT)


@lru_cache(maxsize=8)
def _spelling(kb: KnowledgeBase) -> frozenset[str]:
    """Every word of the documents and the thesaurus, as written, the domain's anchor words, and the
    stopwords as long as the words corrected (a real word such as "stakes" must not become "takes",
    a stopword, and drop out of the question)."""
    return index_of(kb).spelling() | ANCHORS | {w for w in STOPWORDS if len(w) >= SHORTEST_CORRECTED}


def ranked(text: str, kb: KnowledgeBase, limit: int, cutoff: float = 0.0) -> list[str]:
    """The ids of up to `limit` sections that the text is about, best first (scoring at least
    `cutoff` times the best)."""
    return [m.section_id for m in retrieve(text, kb, limit=limit, cutoff=cutoff).matches]


def retrieve(
    question: str, kb: KnowledgeBase, limit: int = 3, favour: list[str] | tuple[str, ...] = (), cutoff: float = 0.6
) -> Retrieval:
    """The sections a question is about, best first. Words of the sentences that ask (those ending
    in "?") count fully; the context around them counts for less. `favour` gets a bonus (the
    definition of a side a "what is" question names). Sections scoring below `cutoff` times the best
    are left out."""
    index = index_of(kb)
    said = normalized(question, kb)
    topic = _topic(said)
    asked = _asked(question, kb, index)
    all_stems = {stem(w) for w in said}
    counts = index.counts([*topic, *asked, *all_stems])
    vocabulary = frozenset(counts) | ANCHOR_STEMS
    if any(s in vocabulary for s in asked):  # judge the scope by what is asked, when it names something known
        topic, weights = asked, {s: 1.0 if s in asked else CONTEXT_WEIGHT for s in topic}
    else:
        weights = dict.fromkeys(topic, 1.0)
    unknown = [s for s in topic if s not in vocabulary]
    scores = _scores(weights, counts, index)
    for sid in _titled(all_stems, kb, index):
        scores[sid] = scores.get(sid, 0.0) + _title_bonus(all_stems, title_stems(kb.get(sid).title))
    for sid in favour:
        if kb.get(sid) is not None:
            scores[sid] = scores.get(sid, 0.0) + FAVOUR_BONUS
    order = {sid: n for n, sid in enumerate(kb.ids())}  # ties keep the documents' order
    scored = sorted(
        (Match(sid, sc) for sid, sc in scores.items() if sc > 0), key=lambda m: (-m.score, order[m.section_id])
    )
    best = scored[0].score if scored else 0
    kept = tuple(m for m in scored[:limit] if m.score >= cutoff * best)
    anchored = any(w in ANCHORS for w in said) or bool(SIDES_MEANT.search(question.lower()))
    owners = tuple(
        dict.fromkeys(
            [o for o in _owners(said, vocabulary, ANCHORS | _APPROACHES) if _written_as_a_name(o, question)]
            + [o for o in _owners(said, vocabulary, _STRATEGIES | _APPROACHES) if _asked_about(o, question)]
        )
    )
    return Retrieval(kept, tuple(topic), tuple(unknown), owners, anchored=anchored)


# What an owner the documents do not know may have: a strategy of its own ("toyota's ops strategy"),
# an approach; and, written as a name, operations of its own ("Toyota's operations"). "One
# department's operations" is what the scope dimension speaks of.
_STRATEGIES = frozenset("strategy strategies strategic management mgmt".split())
_APPROACHES = frozenset("approach model way playbook system".split())


# "the bank's business strategy", "our plant's strategy": an organisation of the asker's, not a name.
_DETERMINERS = frozenset("the our my your their this that one each every a an".split())


def _written_as_a_name(owner: str, question: str) -> bool:
    """ "Toyota's", but not a word capitalised only because it starts the question."""
    text = question.replace("’", "'")
    named = re.search(rf"\b{re.escape(owner[:1].upper() + owner[1:])}'s\b", text)
    return bool(named and not text.lstrip().startswith(named.group(0)))


def _asked_about(owner: str, question: str) -> bool:
    """Whether the part that asks names the owner ("what is toyota's ops strategy?"); "our railway's
    operations" in the context before a question is the asker's own."""
    return re.search(rf"\b{re.escape(owner)}'s\b", asking_part(question).lower().replace("’", "'")) is not None


def _owners(said: list[str], vocabulary: frozenset[str], owned: frozenset[str]) -> tuple[str, ...]:
    """Owners the documents do not know of one of the `owned` words: "toyota's strategy", and with
    one word between, "medtronic's competitive strategy"."""
    return tuple(
        w[:-2]
        for n, w in enumerate(said)
        if w.endswith("'s")
        and (n == 0 or said[n - 1] not in _DETERMINERS)
        and any(after in owned for after in said[n + 1 : n + 3])
        and w[:-2] not in STOPWORDS
        and w[:-2] not in ANCHORS
        and stem(w[:-2]) not in vocabulary
    )


def only_the_documents_words(text: str, kb: KnowledgeBase) -> bool:
    """Whether every topic word of `text` is one the documents use ("resource allocation",
    "competitive position", "middle managers"): one of their own notions, not something the asker
    did or plans."""
    topic = _topic(normalized(text, kb))
    known = index_of(kb).counts(topic)
    return bool(topic) and all(s in known or s in ANCHOR_STEMS for s in topic)


def rare_terms(question: str, kb: KnowledgeBase, most: int) -> dict[str, frozenset[str]]:
    """The stems of what a question asks that at most `most` sections hold, each with those sections."""
    index = index_of(kb)
    counts = index.counts(_asked(question, kb, index))
    return {s: index.holding(s) for s, n in counts.items() if 0 < n <= most}


def _asked(question: str, kb: KnowledgeBase, index: LexicalIndex) -> list[str]:
    """The topic stems of what a question asks; of the sentence before, when what it asks names nothing
    the documents know ("...how ops strategy relates to our goals — what's the wording?")."""
    asked = _topic(normalized(asking_part(question), kb))
    if index.counts(asked) or any(s in ANCHOR_STEMS for s in asked):
        return asked
    return _topic(normalized(_sentence_before_asking(question), kb)) or asked


def _topic(said: list[str]) -> list[str]:
    """The stems of the words that say what a question is about (no stopwords, numbers or anchors)."""
    return [stem(w) for w in said if w not in STOPWORDS and w not in ANCHORS and not w.isdigit()]


_WH = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:what|who|how|which|why|when|where)\b", re.IGNORECASE)  # near the start


# A question that follows its context after a dash or a colon, not a full stop: "claims dept
# (insurance) — who owns ops strategy here?", "For a module I'm writing: is ops strategy tied to...?"
_ASKS = r"(?i:who|what|whats|how|which|why|when|where|is|are|does|do|can|could|should|would)\b"


# A sentence ends at its stop, or after the quote or bracket that closes it ('...different owners." Is
# that right?').
_SENTENCE_BREAK = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+|\s+[—–]\s+(?=" + _ASKS + r")|(?<=:)\s+(?=" + _ASKS + r")"
)


# A last fragment that says what the question meant: "...against the big FM stations? Like our position
# in the market".
_CLARIFIES = re.compile(r"\W*(?:like|i\.?e\.?|as in|meaning|in other words)\b", re.IGNORECASE)
# An aside in brackets is context ("would a middle manager (e.g. a head of procurement) carry out...?"),
# not what is asked; a lone "(a)" or "(b)" is kept.
_ASIDE = re.compile(r"\s*\((?=[^()]*\s)[^()]{3,}\)")
# With no question mark, a sentence that requests is what asks: "Please list the activities that...".
_REQUEST = re.compile(
    r"\W*(?:please |pls |kindly )?(?:(?:can|could|would) you (?:please )?)?"
    r"(?:list|give|tell|explain|describe|summari[sz]e|define|outline|spell out|name|set out|remind)\b",
    re.IGNORECASE,
)


def _sentence_before_asking(question: str) -> str:
    """The sentence just before the part that asks, which a question that names nothing of its own
    ("what's the wording?", "what does it say?") refers back to; nothing when there is none."""
    sentences = [s for s in _SENTENCE_BREAK.split(question.strip()) if s.strip()]
    asking = asking_part(question)
    first = next((n for n, s in enumerate(sentences) if s in asking), 0)
    return sentences[first - 1] if first > 0 else ""


def asking_part(question: str) -> str:
    """The sentences that ask: those ending in "?", and a last one left without a full stop that
    asks or is a short request ("...what does the doc say about who writes it", "need examples");
    of those, the ones that ask what the documents say about something, when any does; all of it
    when none asks."""
    sentences = _SENTENCE_BREAK.split(_ASIDE.sub("", question).strip())
    asking = [s for s in sentences if s.rstrip().endswith("?")] or [s for s in sentences if _REQUEST.match(s)]
    last = sentences[-1]
    if (
        len(sentences) > 1
        and not last.rstrip().endswith((".", "!", "?"))
        and (_WH.search(last) or len(last.split()) <= 4 or _CLARIFIES.match(last))
    ):
        asking.append(last)
    of_the_documents = [s for s in asking if _ASKS_WHAT_THE_DOCUMENTS_SAY.search(s)]
    return " ".join(of_the_documents or asking) if asking else question


# "can they conflict? ... does the doc say anything about how tightly ops mgmt is linked to strategy?":
# of several questions, the one put to the documents is what is asked of them.
_ASKS_WHAT_THE_DOCUMENTS_SAY = re.compile(
    r"\b(?:does|do|did) (?:the |this |your )?(?:reference )?(?:doc|docs|document|documents|framework)"
    r" (?:say|says|cover|mention) (?:anything |something |much )?about\b"
    r"|\bwhat (?:does|do) (?:the |this |your )?(?:reference )?(?:doc|docs|document|documents|framework) say about\b",
    re.IGNORECASE,
)


def _title_bonus(stems: set[str], title: frozenset[str]) -> float:
    """A question that names a section's title ("time horizon", "operations management") is about it."""
    return 1.2 * len(stems & title) / len(title) if title else 0.0


def _scores(weights: dict[str, float], counts: dict[str, int], index: LexicalIndex) -> dict[str, float]:
    """Each section's sum of the question's stems it holds, each weighted by how few sections hold it
    (a simple idf) and by whether it was in the asking part."""
    n = index.size
    scores: dict[str, float] = {}
    for s, weight in weights.items():
        if s in counts:
            for sid in index.holding(s):
                scores[sid] = scores.get(sid, 0.0) + weight * (1.0 + (n - counts[s]) / n)
    return scores


def _titled(stems: set[str], kb: KnowledgeBase, index: LexicalIndex) -> set[str]:
    """The sections whose title holds one of the stems."""
    return {sid for s in stems for sid in index.holding(s) if s in title_stems(kb.get(sid).title)}


@lru_cache(maxsize=4096)
def title_stems(title: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(title) if w not in STOPWORDS)
