"""The offline engine's answers to a message in a thread, read with the thread's earlier messages.

A follow-up leans on what came before: "tell me more" (about the last question), "how does that
differ?" (both sides of what the last answer covered), "is this strategy?" (the decision someone
described above), "and the time frame?" (the last question's subject, on another dimension).
Anything that stands on its own is answered on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.domain import answering, side_questions
from bot.domain.knowledge import KnowledgeBase
from bot.domain.linear import LinearModel
from bot.domain.retrieval import retrieve, words
from bot.domain.text import PreparedText, prepare
from bot.domain.verdict import DIMENSIONS, Answer

# A follow-up this short that cannot be answered alone is read together with the question before it.
FOLLOW_UP_MAX_WORDS = 8
_MORE = re.compile(
    r"^\W*(?:(?:can|could) you |pls |please |ok,? |ok so )?(?:tell me more|more (?:detail|details|info|on (?:that|this|it))"
    r"|go on|keep going|elaborate|expand(?: on (?:that|this|it))?|say more|explain (?:more|further|that)|and\W*$|more\W*$"
    r"|details?\W*$)",
    re.IGNORECASE,
)
_DIFFER = re.compile(
    r"\bhow (?:does|do|is|are) (?:that|this|it|they|those)\b[^?]{0,30}\b(?:differ|different|compare)"
    r"|\b(?:differ\w*|different|compared?) (?:from|to|with) (?:the other|strateg\w*|management|ops|operations)"
    r"|\bwhat about the other (?:side|one)\b|\b(?:on|for) the other side\b|\bvs\.? the other\b"
    r"|\band (?:for |on )?(?:the other|the management side|the strategy side)\b",
    re.IGNORECASE,
)
# The documents give no examples but their own words; asked for one "from that", they are quoted again.
_EXAMPLE_OF_THAT = re.compile(r"\b(?:an? |some )?examples? (?:from|of|for|in) (?:that|this|it|those)\b", re.IGNORECASE)
NO_EXAMPLES = "The documents give no examples of their own; this is what they say on it:"
_POINTS_BACK = re.compile(r"\b(?:this|that|it|these|those|above|the one above)\b", re.IGNORECASE)


def answer_in_thread(
    question: PreparedText, history: Sequence[tuple[str, str]], kb: KnowledgeBase, model: LinearModel | None = None
) -> Answer:
    """`history`: the thread so far as (speaker, text), oldest first; speaker "user" or "altitude"."""
    earlier = [said for who, said in history if who == "user" and said.strip()]
    text = question.text
    if not earlier:
        return answering.answer(question, kb, model)
    if side_questions.vague_which_side(text) and (decision := _latest_decision(earlier)) is not None:
        return answering.which_side(text, decision, kb, model)
    if _MORE.search(text):
        return _more(earlier[-1], kb, model)
    if _EXAMPLE_OF_THAT.search(text):
        return _again(earlier[-1], kb, model)
    if _DIFFER.search(text):
        return compare(_covered(earlier[-1], kb, model), kb)
    alone = answering.answer(question, kb, model)
    if alone.in_scope or len(words(text)) > FOLLOW_UP_MAX_WORDS or retrieve(text, kb).unknown_terms:
        return alone
    together = answering.answer(prepare(f"{earlier[-1]}\n{text}", what="question"), kb, model)
    return together if together.in_scope else alone


def decision_asked(text: str, history: Sequence[tuple[str, str]] = ()) -> str | None:
    """The decision a message asks the side of: one it describes ("Is a new roster strategic or
    operational?"), or, for "is this strategy?", the one the thread described last."""
    if (decision := side_questions.decision_in(text)) is not None:
        return decision
    earlier = [said for who, said in history if who == "user" and said.strip()]
    return _latest_decision(earlier) if earlier and side_questions.vague_which_side(text) else None


def compare(dimensions: list[str], kb: KnowledgeBase) -> Answer:
    """Both sides of each dimension named (all five when none is)."""
    chosen = [d for d in DIMENSIONS if d in dimensions] or list(DIMENSIONS)
    return answering.both_sides(kb, chosen, "How the two differ, in the document's words:")


def _more(previous: str, kb: KnowledgeBase, model: LinearModel | None) -> Answer:
    """More on the last question: the sections it rests on, whole, and the next ones retrieval ranks."""
    before = answering.answer(prepare(previous, what="question"), kb, model)
    if not before.in_scope:
        return before
    if set(before.citations) <= {"definition_strategy", "definition_management"}:
        return compare([], kb)  # after a definition, the five dimensions say the most
    ranked = [m.section_id for m in retrieve(previous, kb, limit=len(before.citations) + 2, cutoff=0.0).matches]
    ids = list(dict.fromkeys([*before.citations, *ranked]))
    return answering.quote([kb.get(i) for i in ids if kb.get(i) is not None])


def _again(previous: str, kb: KnowledgeBase, model: LinearModel | None) -> Answer:
    before = answering.answer(prepare(previous, what="question"), kb, model)
    if not before.in_scope:
        return before
    quoted = answering.quote([kb.get(i) for i in before.citations if kb.get(i) is not None])
    return Answer(answer=f"{NO_EXAMPLES}\n\n{quoted.answer}", citations=quoted.citations, in_scope=True)


def _covered(previous: str, kb: KnowledgeBase, model: LinearModel | None) -> list[str]:
    before = answering.answer(prepare(previous, what="question"), kb, model)
    return [c for c in before.citations if c in DIMENSIONS]


def _latest_decision(earlier: list[str]) -> str | None:
    """The decision the thread's latest message that describes one names: a "which side" question
    about it, or a statement of it ("We're moving the stock count to Fridays.")."""
    for said in reversed(earlier):
        if (decision := side_questions.decision_in(said)) is not None:
            return decision
        if (
            "?" not in said
            and len(side_questions.content_words(said)) >= side_questions.DECISION_MIN_WORDS
            and not _POINTS_BACK.fullmatch(said.strip(" .!"))
        ):
            return said
    return None
