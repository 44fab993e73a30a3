"""Finding the sections of the knowledge base that a question is about.

Lexical matching over stemmed words, widened by a small thesaurus of how people ask about
each shipped section ("who makes the call" is about the level of decision-making). A question
is out of scope when its topic words are mostly unknown to the documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.knowledge import KnowledgeBase

_WORD = re.compile(r"[a-z0-9]+(?:[&'-][a-z0-9]+)*")
STOPWORDS = frozenset(
    """a an the and or but of to in on at for with from by as is are was were be been being do does did
    doing have has had having it its this that these those there here what which whom whose when where
    why how i me my we us our you your he she they them their his her can could should would will shall may
    might must if then than so not no yes really very more most less much many some any each every
    all either one ones also about into over under between vs versus like get got go going make makes
    made thing things stuff kind sort way pls please thanks thank hi hey hello ok okay tell say says said
    according doc docs document like i'm im me documents text reference explain describe mean means meaning give short
    answer briefly summary summarize quick actually exactly there's what's who's it's that's i'm we're
    difference differences different between compare compared comparison versus other side which plain words
    word reference per count counts counted look looks list use uses used tell ever kind actually basically
    simply simple terms dimension dimensions aspect aspects factor factors criteria take takes taking view good
    bad new here want know think see seem seems help better lot lots able gets getting given give put two
    someone somebody anyone people person guy guys folks team new newbie""".split()
)
# Words that only place a question in the domain; they say nothing about which section.
ANCHORS = frozenset(
    "operation operations operational ops strategy strategic strategies management manage managing manager "
    "managers mgmt organization organisation company business decision decisions".split()
)
_KEEP = frozenset("marketing budgeting morning evening spring string nothing something thing during".split())

# How people ask about each shipped section, beyond the section's own words.
THESAURUS: dict[str, tuple[str, ...]] = {
    "definition_strategy": ("define definition what strategy plan goals objectives direction",),
    "definition_management": ("define definition what running run daily day goods services produce producing "
                              "coordinate organize organizing control activities",),
    "scope": ("scope broad breadth wide narrow entire whole extent range cover covers picture big bigger "
              "market markets competitive position resource",),
    "level": ("level who decides decide decider call calls ceo executive executives exec board boss bosses "
              "senior top leadership leaders middle lower responsible owns owner approve approves sign signs "
              "hierarchy corporate rank",),
    "time_horizon": ("time horizon horizons long short term terms ahead far future years months weeks "
                     "timeframe timescale duration planning when long-term short-term",),
    "focus": ("focus focused efficiency efficient effective effectiveness process processes competitive "
              "market resource allocation priority priorities concerned cost costs",),
    "link_to_strategy": ("link linked links relate related relates relation relationship connect connected "
                         "align aligned alignment tie tied goals objectives business",),
    "both_needed": ("both need needs needed skip without together important importance matter balance "
                    "only either require required necessary just alone enough sufficient suffice neglect ignore",),
}


def stem(word: str) -> str:
    word = word.lower().replace("'s", "")
    if word in _KEEP or len(word) <= 3:
        return word
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + repl
            break
    return word.rstrip("e") if len(word) > 4 else word


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


@dataclass(frozen=True)
class Match:
    section_id: str
    score: float


@dataclass(frozen=True)
class Retrieval:
    matches: tuple[Match, ...]
    topic_terms: tuple[str, ...]
    unknown_terms: tuple[str, ...]

    @property
    def known_terms(self) -> tuple[str, ...]:
        return tuple(t for t in self.topic_terms if t not in self.unknown_terms)

    @property
    def in_scope(self) -> bool:
        if not self.matches:
            return False
        if not self.topic_terms:
            return True
        known = len(self.topic_terms) - len(self.unknown_terms)
        return known >= 2 or len(self.unknown_terms) / len(self.topic_terms) < 0.5


@lru_cache(maxsize=8)
def _index(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    index = {}
    for section in kb.sections:
        extra = " ".join(THESAURUS.get(section.id, ()))
        index[section.id] = frozenset(stem(w) for w in words(f"{section.title} {section.text} {extra}"))
    return index


@lru_cache(maxsize=8)
def _titles(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    return {s.id: frozenset(stem(w) for w in words(s.title) if w not in STOPWORDS) for s in kb.sections}


def retrieve(question: str, kb: KnowledgeBase, limit: int = 3) -> Retrieval:
    index = _index(kb)
    vocabulary = frozenset().union(*index.values()) | {stem(a) for a in ANCHORS}
    terms = [w for w in words(question) if w not in STOPWORDS and not w.isdigit()]
    stems = [stem(w) for w in terms]
    topic = [s for s, w in zip(stems, terms) if w not in ANCHORS]
    unknown = [s for s in topic if s not in vocabulary]
    all_stems = {stem(w) for w in words(question)}
    scores = {
        sid: _score(topic, vocab, index) + _title_bonus(all_stems, _titles(kb)[sid]) for sid, vocab in index.items()
    }
    ranked = sorted((Match(sid, sc) for sid, sc in scores.items() if sc > 0), key=lambda m: -m.score)
    best = ranked[0].score if ranked else 0
    kept = tuple(m for m in ranked[:limit] if m.score >= 0.6 * best)
    return Retrieval(kept, tuple(topic), tuple(unknown))


def _title_bonus(stems: set[str], title: frozenset[str]) -> float:
    """A question that names a section's title ("time horizon", "operations management") is about it."""
    return 1.2 * len(stems & title) / len(title) if title else 0.0


def _score(stems: list[str], vocab: frozenset[str], index: dict[str, frozenset[str]]) -> float:
    """Sum of matched stems, each weighted by how few sections contain it (a simple idf)."""
    n = len(index)
    score = 0.0
    for s in set(stems):
        if s in vocab:
            df = sum(1 for v in index.values() if s in v)
            score += 1.0 + (n - df) / n
    return score
