"""The offline engine's answers: quote the sections a question is about, or say it is not covered.

Three kinds of question get their own treatment: what a term means (its definition), how the
two differ overall (the five dimensions), and which side a described decision falls on (the
decision is classified and the dimensions that decided it are quoted).
"""

from __future__ import annotations

import re

from bot.domain.declines import (
    another_kind_of_strategy,
    asks_an_opinion,
    asks_for_figures_or_advice,
    asks_for_what_is_not_there,
    asks_for_writing,
    asks_what_no_document_holds,
    compares_with_another,
    is_small_talk,
)
from bot.domain.knowledge import DEFAULT_DOCUMENT, KnowledgeBase, Section
from bot.domain.linear import LinearModel
from bot.domain.question_model import QuestionModel, Reading, shipped_question_model
from bot.domain.retrieval import (
    ANCHOR_STEMS,
    DEFINING_WORDS,
    asking_part,
    normalized,
    only_the_documents_words,
    rare_terms,
    retrieve,
    stem,
    title_stems,
    words,
)
from bot.domain.side_questions import asks_who_decides_or_how_to_class, content_words, decision_in, vague_which_side
from bot.domain.text import PreparedText, prepare
from bot.domain.verdict import DIMENSIONS, Answer, Verdict
from bot.domain.vocabulary import STOPWORDS

_DEFINITION = re.compile(
    r"\b(?:what(?:'s| is| are)|what (?:exactly|really|actually) (?:is|are)|whats|define|definitions?|meaning|meant"
    r"|mean by|means|counts as|stands? for|explain|describe"
    r"|tell me about|overview of|intro to|def|defn|one[- ]liner|in a nutshell|tl;?dr|eli5"
    r"|in (?:one|a|1) (?:sentence|line|word)|is (?:it )?about what|is all about)\b|=\s*\?",
    re.IGNORECASE,
)
_OVERVIEW = re.compile(
    r"\b(?:dimensions?|differences?|diffs?|differ|distinguish|tell (?:\w+ ){0,4}(?:apart|from)|compare|comparison|contrast"
    r"|separates?|sets? (?:\w+ ){0,3}apart)\b",
    re.IGNORECASE,
)
_DIMENSIONS = re.compile(r"\bdimensions\b", re.IGNORECASE)  # in this assistant, the document's five
# "the differences between operations strategy and operations management": the two named, as a pair.
_STRATEGY_SIDE = r"(?:(?:ops |operations? )?strat\w*)"
_MANAGEMENT_SIDE = r"(?:(?:ops |operations? )?(?:management|mgmt)|ops|operations|operational)"
_BOTH_SIDES = re.compile(
    rf"\b(?:{_STRATEGY_SIDE}\s*(?:and|&|vs\.?|versus|or|from)\s*{_MANAGEMENT_SIDE}"
    rf"|{_MANAGEMENT_SIDE}\s*(?:and|&|vs\.?|versus|or|from)\s*{_STRATEGY_SIDE})\b",
    re.IGNORECASE,
)
# An explicit request for the document's definition of a side, whatever else the message says.
_ASKS_FOR_DEFINITION = re.compile(
    r"\b(?:definitions? of|define) (?:the )?(?:ops|operations) (?:strategy|management|mgmt)\b", re.IGNORECASE
)
NOT_COVERED = (
    "The documents I rely on do not cover that. They compare operations strategy with operations "
    "management (scope, level of decision-making, time horizon, focus, and link to business strategy): "
    "ask me about those, or give me a decision to classify."
)
WHICH_DECISION = (
    'Which decision do you mean? Tell me the decision itself, e.g. "Is moving the stock count to '
    'Friday strategic or operational?", or use /classify.'
)
_SIDE_NAMES = {"strategic": "operations strategy", "operational": "operations management"}
_DEFINITION_IDS = {"strategic": "definition_strategy", "operational": "definition_management"}


# The question model's second opinion (see `bot.domain.question_model`), both thresholds chosen on
# leaving each labelled set out in turn (docs/quality.md): a question retrieval's rules find out of
# scope is answered when the model is this sure it is about the documents...
LEARNT_IN_SCOPE = 0.9
# ...and a section this likely to answer a question joins those retrieval found.
LEARNT_SECTION = 0.4
# ...and what the rules would answer is declined when the model gives it less than this chance.
LEARNT_OUT_OF_SCOPE = 0.4
LEARNT_UNKNOWN_WORDS = 2  # when it names at least this many words the documents do not know
# What the rules read as a which-side question is not one when the model gives it less than this
# chance ("does ops management have to be tied to the business strategy?").
LEARNT_SIDE = 0.05
# ...and a question in words the rules do not read as asking for a side is one when the model gives it
# this chance: the whole question is then the decision.
LEARNT_SIDE_ALONE = 0.7
LEARNT_DECISION_MIN_WORDS = 6  # and tells a decision, not a remark ("when's payday this month?")


def answer(
    question: PreparedText, kb: KnowledgeBase, model: LinearModel | None = None, reader: QuestionModel | None = None
) -> Answer:
    """The answer to a question; `model` classifies the decisions it asks about, `reader` gives the
    learnt second opinion (by default the shipped ones of each)."""
    text = question.text
    if is_small_talk(text):
        return Answer(answer=NOT_COVERED, citations=[], in_scope=False)
    if asks_for_writing(asking_part(text)):  # the documents say things; they write nothing new
        return Answer(answer=NOT_COVERED, citations=[], in_scope=False)
    if decision_in(text) is None and asks_what_no_document_holds(asking_part(text), kb):  # of any team
        return Answer(answer=NOT_COVERED, citations=[], in_scope=False)
    team = _team_answer(text, kb)
    if team is not None:
        return team
    asking = asking_part(text)  # what the documents lack is judged on what is asked, not on its context
    if asks_for_figures_or_advice(asking) or asks_an_opinion(asking, text):
        return Answer(answer=NOT_COVERED, citations=[], in_scope=False)
    reference = kb if all(s.source == DEFAULT_DOCUMENT for s in kb.sections) else None  # its index is built
    reading = (reader or shipped_question_model()).read(text, reference)
    decision = decision_in(text)
    if _describes_a_decision(decision, reading, kb):
        return which_side(text, decision, kb, model)
    if vague_which_side(text):
        return _which_decision(kb)
    if decision is None and _tells_a_decision(text, reading, kb):
        return which_side(text, text, kb, model)  # "...the queues move faster from Monday. tag this for me"
    found = _from_the_documents(text, asking, decision, reading, kb)
    if (
        found.in_scope
        and _learnt_out_of_scope(text, reading, kb)
        and not _names_a_section(asking, retrieve(text, kb), kb)
    ):
        return Answer(answer=NOT_COVERED, citations=[], in_scope=False)
    return found


def _learnt_out_of_scope(text: str, reading: Reading, kb: KnowledgeBase) -> bool:
    """What the rules would answer, but the model is sure is not about the documents, and that names
    things the documents do not know ("the Hayes and Wheelwright model?"; not "what were the five
    dimensions again?", with one word not theirs)."""
    return reading.in_scope < LEARNT_OUT_OF_SCOPE and len(retrieve(text, kb).unknown_terms) >= LEARNT_UNKNOWN_WORDS


def _from_the_documents(text: str, asking: str, decision: str | None, reading: Reading, kb: KnowledgeBase) -> Answer:
    """A question that asks no side: what the documents say of what it asks, or that they do not cover it."""
    defining = any(p.search(t) for p, t in ((_DEFINITION, text), (_WHAT_IT_MEANS, asking), (_WHAT_X_MEANS, asking)))
    sides = _sides_named(text, kb) if defining else []
    found = retrieve(text, kb, favour=sides)  # "what is ops management about?": its definition first
    if found.named or asks_for_what_is_not_there(asking):  # e.g. "toyota's strategy", "which KPIs"
        return Answer(answer=NOT_COVERED, citations=[], in_scope=False)
    if compares_with_another(text, found) or another_kind_of_strategy(text, found):
        return Answer(answer=NOT_COVERED, citations=[], in_scope=False)
    if _ONE_WITHOUT_THE_OTHER.search(text) and (both := kb.get("both_needed")) is not None:
        return quote([both])
    if (point := _POINT_OF_A_SIDE.search(text)) and (both := kb.get("both_needed")) is not None:
        side = "definition_strategy" if "strat" in point.group(1).lower() else "definition_management"
        return quote([both, *([s] if (s := kb.get(side)) is not None else [])])
    spelt = " ".join(normalized(text, kb))  # "wat is the diffrence between operations stratgey and..."
    comparing = _OVERVIEW.search(spelt) and (found.anchored or _DIMENSIONS.search(spelt))
    named = _dimensions_named(text, kb)
    if comparing and _BOTH_SIDES.search(spelt) and len(named) >= 2:  # "compare them on scope, focus and level"
        return both_sides(kb, named, "How the document tells the two apart on those:")
    if comparing and _BOTH_SIDES.search(spelt) and not named:  # "the differences between X and Y"
        return _differences(kb)
    if (
        defining
        and sides
        and (
            _ASKS_FOR_DEFINITION.search(text)
            or not (set(found.known_terms) - DEFINING_WORDS)
            or _means_what_was_named(asking, kb)
            or _asks_only_what_a_side_is(asking, kb)
        )
    ):
        return quote([kb.get(i) for i in sides])
    if comparing and not found.known_terms and len(set(found.unknown_terms) - _DIFFERING) <= 1:
        return _overview(kb)  # "how do the two differ?", "...for a bakery?"; not "capex vs opex"
    # A question the rules read as asking for a side that turned out to name no decision asks about
    # the sides themselves ("does what I do count as operations management?"): in scope.
    about_the_sides = decision is not None and found.anchored and bool(found.matches)
    if not (
        found.in_scope
        or about_the_sides
        or _asks_about_a_dimension(asking, found, kb)
        or _names_a_section(asking, found, kb)
        or _checks_a_claim(asking, found)
    ):
        return _learnt_answer(reading, kb)
    return quote(_with_learnt([kb.get(m.section_id) for m in found.matches], reading, kb))


def _learnt_answer(reading: Reading, kb: KnowledgeBase) -> Answer:
    """A question whose words retrieval's rules do not find in the documents, though questions worded
    like it were about them ("is ops strategy basically a longer-range version of ops management?"):
    answered from the sections the model finds likely, when it is sure; declined otherwise."""
    if reading.in_scope < LEARNT_IN_SCOPE:
        return Answer(answer=NOT_COVERED, citations=[], in_scope=False)
    likely = [s for i in reading.likely_sections(LEARNT_SECTION) if (s := kb.get(i)) is not None]
    best = max(reading.sections, key=reading.sections.get, default=None)
    sections = likely[:2] or ([s] if best is not None and (s := kb.get(best)) is not None else [])
    return quote(sections) if sections else Answer(answer=NOT_COVERED, citations=[], in_scope=False)


def _with_learnt(found: list[Section], reading: Reading, kb: KnowledgeBase) -> list[Section]:
    """Retrieval's sections, and the one the model finds most likely if retrieval missed it."""
    likely = [s for i in reading.likely_sections(LEARNT_SECTION)[:1] if (s := kb.get(i)) is not None]
    return found + [s for s in likely if s not in found]


def _describes_a_decision(decision: str | None, reading: Reading, kb: KnowledgeBase) -> bool:
    """Whether what the rules read as the decision a which-side question describes is one: not a
    notion of the documents' own ("does resource allocation fall under strategy or management?"),
    and not a question the model is sure asks for no side."""
    return decision is not None and not only_the_documents_words(decision, kb) and reading.asks_a_side >= LEARNT_SIDE


def _tells_a_decision(text: str, reading: Reading, kb: KnowledgeBase) -> bool:
    """A which-side question in words the rules do not know: the model is sure it asks for a side,
    and the text tells something done or planned in words of its own, at some length."""
    return (
        reading.asks_a_side >= LEARNT_SIDE_ALONE
        and len(content_words(text)) >= LEARNT_DECISION_MIN_WORDS
        and not only_the_documents_words(text, kb)
    )


# A question that asks whether what was said before it is what the documents say.
_CHECKS_A_CLAIM = re.compile(
    r"\b(?:is (?:that|this|it) (?:what the (?:doc|docs|document|documents) says?|right|true|correct|accurate|fair|wrong"
    r"|a fair (?:summary|description|reading))|what (?:would|does|do) the (?:doc|docs|document|documents) say"
    r"|(?:that'?s|thats) (?:wrong|right|correct|true)\W+(?:right|yes|no|isn'?t it)|what should it say"
    r"|does the (?:reference )?(?:doc|docs|document|documents) (?:agree|disagree|say so|back (?:that|this) up"
    r"|say anything (?:like (?:that|this|it)|along (?:those|these) lines|similar|of the sort))|am i right|who'?s right"
    r"|the (?:doc|docs|document|documents) (?:agrees?|disagrees?)"
    r"|is (?:he|she|they) right)\b",
    re.IGNORECASE,
)
# "...are basically the same thing. True?", "...for the rest of us. Fair summary?"
_CLAIM_TAG = re.compile(
    r"\b(?:true|correct|accurate|right|fair(?: summary| enough)?|yes|yeah|yep|no)\s*\?\s*$", re.IGNORECASE
)


def _checks_a_claim(asking: str, found) -> bool:
    """ "My colleague says ops management has nothing to do with business strategy. Is that what the
    doc says?": the claim before the question is what it asks about, in its own everyday words."""
    checks = _CHECKS_A_CLAIM.search(asking) is not None or _CLAIM_TAG.search(asking) is not None
    return found.anchored and bool(found.matches) and checks


def _unhyphenated_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text.replace("-", " ")) if w not in STOPWORDS}


_DIFFERING = frozenset(stem(w) for w in "differ differs differed differing".split())


# "who is supposed to set the operations strategy: the board, or the vessel managers?": the level.
_WHO_DECIDES_A_SIDE = re.compile(
    rf"\bwho\b[^?.]{{0,40}}\b(?:sets?|setting|makes?|making|decides?|deciding|owns?|owning|writes?|writing|drafts?"
    rf"|develops?|developing"
    rf"|drafting|creates?|creating|runs?|running|does|doing|is responsible for"
    rf"|carries out|handles?)\b[^?.]{{0,20}}\b(?:{_STRATEGY_SIDE}|{_MANAGEMENT_SIDE})\b",
    re.IGNORECASE,
)


# "...would the document expect operations strategy to be drawn up by the board or by ward managers?"
_BY_WHICH_OF_TWO = re.compile(
    r"\b(?:drawn up|developed|set|made|written|decided|owned|done|carried out|run|led|created|prepared) by\b"
    r"[^?.]{1,40}\bor (?:by )?",
    re.IGNORECASE,
)


def _asks_about_a_dimension(asking: str, found, kb: KnowledgeBase) -> bool:
    """A question that names the domain and, in what it asks, one of the five dimensions by its
    whole title ("level of decision-making", not "level" alone): about that dimension, however much of its context (an industry, people's roles) the
    documents do not know ("at our port, how does the level of decision-making split?")."""
    who = _WHO_DECIDES_A_SIDE.search(asking) or _BY_WHICH_OF_TWO.search(asking)
    if found.anchored and who and any(m.section_id == "level" for m in found.matches):
        return True
    said = _unhyphenated_stems(asking)  # "level-of-decision-making", "decision making" alike
    titles = [_unhyphenated_stems(s.title) - ANCHOR_STEMS for d in DIMENSIONS if (s := kb.get(d)) is not None]
    return found.anchored and bool(found.matches) and any(title and title <= said for title in titles)


# "Can you explain the Focus section for the finance team?", "rewrite the 'Level of decision-making' bit"
_A_SECTION = re.compile(
    r"\b(?:section|bit|part|paragraph|passage|heading|piece)\b"
    # ...not one of another document: 'the "Scope" section of a statement of work'
    r"(?! (?:of|in|from) (?:a|an|the|our|my|your|their) (?!(?:doc|docs|document|documents|reference)\b)\w)",
    re.IGNORECASE,
)


def _names_a_section(asking: str, found, kb: KnowledgeBase) -> bool:
    """A question that names a section of the documents by its whole title and calls it a section (or a
    bit, a part): about that section, whoever it is to be explained to."""
    if not (_A_SECTION.search(asking) and found.matches):
        return False
    said = _unhyphenated_stems(asking)
    titles = [_unhyphenated_stems(kb.get(m.section_id).title) - ANCHOR_STEMS for m in found.matches]
    return any(title and title <= said for title in titles)


def _team_answer(text: str, kb: KnowledgeBase) -> Answer | None:
    """A question that a team's own documents answer best. What the reference document lacks (figures,
    tools, advice; see above) is no reason to decline it: a team's documents may well hold those."""
    if all(s.source == DEFAULT_DOCUMENT for s in kb.sections):
        return None
    if decision_in(text) is not None and not asks_who_decides_or_how_to_class(text):  # a side, not the team's rules
        return None
    found = retrieve(text, kb)
    best = kb.get(found.matches[0].section_id) if found.matches else None
    if best is None or best.source == DEFAULT_DOCUMENT:
        return None
    if not (found.in_scope or any(best.id in held for held in rare_terms(text, kb, RARE_TERM_SECTIONS).values())):
        return None
    return quote([kb.get(m.section_id) for m in found.matches])


# A word of what is asked that a team's documents use in this many sections or fewer points at them,
# though the rest of the question is in words the documents do not know ("im doing overtime after my
# 12hr shift, whats the max i can do in one stretch").
RARE_TERM_SECTIONS = 2


def quote(sections: list[Section]) -> Answer:
    body = "\n\n".join(f"*{s.title}*: {s.text}" for s in sections)
    sources = list(dict.fromkeys(s.source for s in sections))
    where = "the reference document" if sources == [DEFAULT_DOCUMENT] else f"the documents ({', '.join(sources)})"
    return Answer(answer=f"From {where}:\n\n{body}", citations=[s.id for s in sections], in_scope=True)


# One side without the other: "good ops management and no strategy", "a great strategy but weak
# management", "can we do without an ops strategy if our management is strong?".
_ONE_WITHOUT_THE_OTHER = re.compile(
    rf"(?:{_STRATEGY_SIDE}|{_MANAGEMENT_SIDE})\b[^?.]{{0,40}}\b(?:but|and|with|yet) (?:no|zero|without|weak|poor|bad|so-so"
    rf"|mediocre|lousy|little|hardly any|sloppy|messy|chaotic|terrible|awful|broken|shaky)\b[^?.]{{0,25}}(?:{_STRATEGY_SIDE}|{_MANAGEMENT_SIDE})\b"
    rf"|\b(?:without|no need for|skip|do without) (?:an? |any |the )?(?:{_STRATEGY_SIDE}|{_MANAGEMENT_SIDE})\b"
    rf"|(?:{_STRATEGY_SIDE}|{_MANAGEMENT_SIDE})\b[^?.]{{0,15}}\b(?:is|are|alone is|on its own is|by itself is) (?:enough|sufficient|all (?:you|we) need)\b"
    # "what's the point of an ops strategy if we already run the floor well?"
    r"|\b(?:(?:what'?s|what is|whats) the (?:point|use|value) of|why (?:bother|have|keep|do (?:we|i|you) need)"
    r"|(?:do|does) (?:we|i|you|the [\w-]+|our [\w-]+) (?:really |even |actually )?need)\b"
    rf"[^?.]{{0,40}}(?:{_STRATEGY_SIDE}|{_MANAGEMENT_SIDE})\b[^?]{{0,80}}\b(?:if|when|as well as|on top of|besides|alongside"
    r"|already)\b",
    re.IGNORECASE,
)
# "what's the point of having an operations strategy at all?": what it is for, and why both are needed.
_POINT_OF_A_SIDE = re.compile(
    rf"\b(?:what'?s|what is|whats) the (?:point|use|value) of (?:having |writing |doing )?(?:an? |any )?"
    rf"({_STRATEGY_SIDE}|{_MANAGEMENT_SIDE})\b(?: at all| anyway| tbh| really| honestly)?\s*(?:[?.!]|$)",
    re.IGNORECASE,
)
_WHAT_IT_MEANS = re.compile(
    r"\bwhat (?:does|do|did) (?:it|that|this|they|the term|the phrase) (?:\w+ )?mean\b"
    r"|\bwhat(?:'s| is| are) (?:it|that|this|they) (?:\w+ )?(?:exactly|really|actually)?\W*$|\bthe meaning of (?:it|that|this)\b",
    re.IGNORECASE,
)


_WHAT_X_MEANS = re.compile(r"\bwhat (?:does|do|did)\b[^?.]{1,60}\bmean\b", re.IGNORECASE)


def _asks_only_what_a_side_is(asking: str, kb: KnowledgeBase) -> bool:
    """ "(a paragraph about a new job) what does operations management actually mean?": what is
    asked is a side's definition, and nothing else the documents know, whatever the context says."""
    return (
        asking.strip() != ""
        and (_DEFINITION.search(asking) is not None or _WHAT_X_MEANS.search(asking) is not None)
        and bool(_sides_named(asking, kb))
        and not (set(retrieve(asking, kb).known_terms) - DEFINING_WORDS)
    )


def _means_what_was_named(asking: str, kb: KnowledgeBase) -> bool:
    """ "...keeps saying 'operations strategy'. What does it actually mean?": the question asks the
    meaning of a side named before it, and nothing else the documents know."""
    return bool(_WHAT_IT_MEANS.search(asking)) and not (set(retrieve(asking, kb).known_terms) - DEFINING_WORDS)


def _dimensions_named(text: str, kb: KnowledgeBase) -> list[str]:
    """The dimensions a question names by their title's words (scope, level, time horizon, focus,
    link): a comparison of those, not of the whole."""
    said = {stem(w) for w in words(text)}
    return [d for d in DIMENSIONS if (s := kb.get(d)) is not None and said & (title_stems(s.title) - ANCHOR_STEMS)]


def _sides_named(text: str, kb: KnowledgeBase) -> list[str]:
    """The definitions a "what is" question asks for: the sides it names, or both ("the two definitions")."""
    ids = []
    if re.search(r"\b(?:definitions|both|the two|each one|each side)\b", text, re.IGNORECASE):
        return [i for i in ("definition_strategy", "definition_management") if kb.get(i) is not None]
    said = normalized(text, kb)  # "managment", "OM" as the documents spell them
    if any(w.startswith("strateg") for w in said):
        ids.append("definition_strategy")
    if any(w in ("management", "mgmt", "managing") for w in said):
        ids.append("definition_management")
    return [i for i in ids if kb.get(i) is not None]


def _which_decision(kb: KnowledgeBase) -> Answer:
    """Which side, of no decision named: ask for it, with the two definitions it will be judged by."""
    sections = [s for i in ("definition_strategy", "definition_management") if (s := kb.get(i)) is not None]
    lines = [WHICH_DECISION, *(f"• *{s.title}*: {s.text.split('. ')[0].rstrip('.')}." for s in sections)]
    return Answer(answer="\n".join(lines), citations=[s.id for s in sections], in_scope=True)


def _overview(kb: KnowledgeBase) -> Answer:
    return both_sides(
        kb, DIMENSIONS, "The document tells operations strategy from operations management on five dimensions:"
    )


def _differences(kb: KnowledgeBase) -> Answer:
    """How the two differ as a whole: what each is, then both sides of the five dimensions."""
    definitions = [s for i in ("definition_strategy", "definition_management") if (s := kb.get(i)) is not None]
    overview = _overview(kb)
    lines = [f"• *{s.title}*: {s.text.split('. ')[0].rstrip('.')}." for s in definitions]
    return Answer(
        answer="\n".join([*lines, overview.answer]),
        citations=[*(s.id for s in definitions), *overview.citations],
        in_scope=True,
    )


def both_sides(kb: KnowledgeBase, dimensions, heading: str) -> Answer:
    """Each dimension's strategy side and management side, in the document's words."""
    sections = [s for d in dimensions if (s := kb.get(d)) is not None]
    lines = [heading, *(f"• *{s.title}*: {half(s.text, 'strategic')} {half(s.text, 'operational')}" for s in sections)]
    return Answer(answer="\n".join(lines), citations=[s.id for s in sections], in_scope=True)


def which_side(question: str, decision: str, kb: KnowledgeBase, model: LinearModel | None) -> Answer:
    from bot.domain import rubric  # only a which-side question needs the engine: a plain answer starts faster

    return verdict_answer(question, rubric.classify(prepare(decision, what="question"), model), kb)


def verdict_answer(question: str, verdict: Verdict, kb: KnowledgeBase) -> Answer:
    """A "which side" question's answer: the decision's verdict (whichever engine gave it), the
    dimensions that decided it and those the question raises, in the document's words."""
    from bot.domain.evidence import READ_WITH_THE_WHOLE

    label = verdict.label
    dims = {d: getattr(verdict.dimensions, d) for d in DIMENSIONS}
    spoken = [d for d in DIMENSIONS if not dims[d].evidence.endswith(READ_WITH_THE_WHOLE)]  # the text's own cues
    agree = [d for d in spoken if dims[d].leaning == label]
    against = [d for d in spoken if dims[d].leaning not in (label, "neutral")]
    raised = [m.section_id for m in retrieve(question, kb).matches if m.section_id in DIMENSIONS]
    raised = [d for d in raised if d not in agree + against]
    lines = [_headline(verdict)]
    for dim in agree + against:
        if (section := kb.get(dim)) is not None:
            lines.append(
                f"• *{section.title}* ({dims[dim].leaning}, from {_quoted(dims[dim].evidence)}): "
                f"{half(section.text, dims[dim].leaning)}"
            )
    for dim in raised:
        if (section := kb.get(dim)) is not None:
            lines.append(f"• *{section.title}* does not settle it on its own here: {section.text}")
    if against or raised:
        lines.append("No single dimension decides it; the document weighs all five together.")
    definition = _DEFINITION_IDS[label]
    if (section := kb.get(definition)) is not None:
        lines.append(f"In the document's words: {section.text.split('. ')[0]}.")
    cited = [d for d in agree + against + raised + [definition] if kb.get(d) is not None]
    return Answer(answer="\n".join(lines), citations=cited, in_scope=True)


def _quoted(evidence: str) -> str:
    """The offline engine's evidence comes quoted already; a model's is the words themselves."""
    return evidence if evidence.startswith(('"', "“")) else f"“{evidence}”"


def _headline(verdict: Verdict) -> str:
    side = _SIDE_NAMES[verdict.label]
    hedge = "most likely " if verdict.confidence < 0.75 else ""
    return f"That is {hedge}{side} ({verdict.label}, confidence {verdict.confidence:.2f}), judged on the document's five dimensions:"


def half(text: str, leaning: str) -> str:
    """The part of a dimension's text that describes the side it leans to."""
    sentences = re.split(r"(?<=\.)\s+|,?\s+while\s+", text)
    want = "strategy" if leaning == "strategic" else "management"
    picked = [s for s in sentences if re.match(rf"operations {want}", s.strip(), re.IGNORECASE)]
    return " ".join(s.rstrip(".") + "." for s in picked) if picked else text
