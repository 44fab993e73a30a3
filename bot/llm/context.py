"""Which sections of the knowledge base a model prompt carries, within ALTITUDE_KNOWLEDGE_TOKENS.

When the whole knowledge base fits, every prompt carries all of it, the same bytes on every call, so
the model service's prompt cache keeps working. When it does not, an answer carries the sections
retrieval ranks highest for the question, and a verdict carries the reference document's definitions
and five dimensions first, then the sections of a team's documents that the decision is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.domain import retrieval
from bot.domain.knowledge import KnowledgeBase, Section
from bot.domain.verdict import DIMENSIONS
from bot.llm import budget

# What a verdict must always be judged against: the two definitions and the five dimensions.
CORE = ("definition_strategy", "definition_management", *DIMENSIONS)
RANKED = 40  # how many ranked sections are considered for one prompt, best first
# A decision's prompt adds only the team sections it is plainly about: those scoring at least half
# the best one's score (a question's prompt takes any that match, for the model to judge).
DECISION_CUTOFF = 0.5


@dataclass(frozen=True)
class Context:
    text: str  # the sections as the prompt shows them
    ids: tuple[str, ...]  # their ids, the only ones the answer may cite
    whole: bool  # the whole knowledge base, the same on every call


class KnowledgeContext:
    def __init__(self, knowledge: KnowledgeBase, model: str, tokens: int):
        self.knowledge = knowledge
        self.model = model
        self.tokens = tokens
        whole = render(knowledge.sections)
        self.fits = budget.count(whole, model) <= tokens
        self._whole = Context(whole, tuple(knowledge.ids()), whole=True)

    def for_question(self, question: str) -> Context:
        if self.fits:
            return self._whole
        ranked = retrieval.ranked(question, self.knowledge, RANKED)
        return self._within([*ranked, *CORE])

    def for_decision(self, decision: str) -> Context:
        if self.fits:
            return self._whole
        ranked = retrieval.ranked(decision, self.knowledge, RANKED, cutoff=DECISION_CUTOFF)
        return self._within([*CORE, *ranked])

    def _within(self, wanted: list[str]) -> Context:
        """The wanted sections, in order of preference, while they fit; shown in the documents' order."""
        chosen, used = set(), 0
        for section_id in dict.fromkeys(wanted):
            section = self.knowledge.get(section_id)
            if section is None:
                continue
            cost = _tokens(section, self.model)
            if used + cost <= self.tokens:
                chosen.add(section_id)
                used += cost
        sections = [s for s in self.knowledge.sections if s.id in chosen]
        note = (
            f"(The {len(sections)} sections of the documents most relevant to this message, of "
            f"{len(self.knowledge.sections)}.)\n\n"
        )
        return Context(note + render(sections), tuple(s.id for s in sections), whole=False)


def render(sections) -> str:
    """Sections as the prompts show them: each with its id in square brackets."""
    return "\n\n".join(_rendered(s) for s in sections)


def _rendered(section: Section) -> str:
    return f"[{section.id}] {section.title}\n{section.text}"


@lru_cache(maxsize=65_536)
def _tokens(section: Section, model: str) -> int:
    return budget.count(_rendered(section), model) + 2  # and the blank line between sections
