"""`bot.domain.retrieval`: finding the knowledge base's sections a question is about, by stemmed words
after shorthand, phrases and misspellings are normalised, with the asking sentences weighing more
than their context; and judging whether the documents cover the question at all."""

import pytest

from bot.domain import knowledge, retrieval
from bot.domain.retrieval import (
    Match,
    Retrieval,
    asking_part,
    normalized,
    only_the_documents_words,
    rare_terms,
    retrieve,
    stem,
    words,
)
from bot.domain.search_index import SectionIndex, SmallIndex

KB = knowledge.load_default()
MANY_SIDES = "how does operations strategy differ from operations management in scope, focus and time horizon?"


def team_kb(markdown: str) -> knowledge.KnowledgeBase:
    return knowledge.KnowledgeBase(tuple(knowledge.parse_markdown(markdown, "team.md")))


def first(question: str, kb: knowledge.KnowledgeBase = KB) -> str | None:
    matches = retrieve(question, kb).matches
    return matches[0].section_id if matches else None


# --- stems and words ---


@pytest.mark.parametrize(
    "forms",
    [
        ("level", "levels"),
        ("strategy", "strategies"),
        ("process", "processes"),
        ("priority", "priorities"),
        ("horizon", "horizons"),
        ("decides", "decided", "deciding"),
    ],
)
def test_plural_and_verb_endings_share_one_stem(forms):
    assert len({stem(f) for f in forms}) == 1


def test_short_words_and_words_ending_in_double_s_keep_their_letters():
    assert stem("ops") == "ops" and stem("was") == "was" and stem("boss") == "boss"


def test_a_word_whose_ing_is_no_suffix_keeps_it():
    """'marketing' is not about the market the documents speak of."""
    assert stem("marketing") != stem("market")


def test_capitals_and_a_possessive_do_not_change_a_stem():
    assert stem("CEO's") == stem("ceo") and stem("Strategy") == stem("strategy")


def test_words_keep_hyphens_ampersands_and_apostrophes_inside_them_and_straighten_curly_ones():
    assert words("Who’s on R&D's long-term plan?") == ["who's", "on", "r&d's", "long-term", "plan"]


# --- normalising what was said ---


@pytest.mark.parametrize(
    "question, said",
    [
        ("is strat set by execs", ["is", "strategy", "set", "by", "executives"]),
        ("what does a mgr do day-to-day", ["what", "does", "a", "manager", "do", "daily"]),
        ("whats the time frame", ["whats", "the", "timeframe"]),
    ],
)
def test_shorthand_and_phrases_are_spelt_out_in_the_documents_words(question, said):
    assert normalized(question, KB) == said


@pytest.mark.parametrize(
    "misspelt, meant",
    [("managment", "management"), ("efficent", "efficient"), ("operatinal", "operational"), ("stratgy", "strategy")],
)
def test_a_misspelling_of_a_documents_word_is_corrected_to_it(misspelt, meant):
    assert normalized(f"is it {misspelt}?", KB) == ["is", "it", meant]


def test_short_words_and_words_near_nothing_the_documents_use_are_not_corrected():
    assert normalized("what is the focs?", KB)[-1] == "focs"
    assert normalized("how is the weather", KB)[-1] == "weather"


def test_a_teams_own_words_are_the_ones_corrected_to():
    kb = team_kb("## Roster {#roster}\n\nThe depot roster is published on Fridays.\n")
    assert normalized("when is it publishd?", kb)[-1] == "published"


def test_asking_who_writes_it_is_asking_who_decides():
    assert normalized("who writes the strategy?", KB) == ["decides", "the", "strategy"]


def test_an_unknown_hyphenated_word_is_split_and_a_known_one_kept_whole():
    assert normalized("a cost-cutting long-term plan", KB) == ["a", "cost", "cutting", "long-term", "plan"]


def test_the_owner_of_a_domain_word_is_dropped_but_an_unknown_owner_is_kept():
    assert normalized("the document’s view", KB) == ["the", "document", "view"]
    assert "toyota's" in normalized("toyota's strategy", KB)


# --- the sentences that ask ---


@pytest.mark.parametrize(
    "question, asking",
    [
        ("We had a long day. Who sets ops strategy?", "Who sets ops strategy?"),
        ("Is it strategy? We moved the depot.", "Is it strategy?"),
        ("one? two? three.", "one? two?"),
        ("We had a long day. what does the doc say about who writes it", "what does the doc say about who writes it"),
        ("Our depot moved last week. need examples", "need examples"),
        ("claims dept (insurance) — who owns ops strategy here?", "who owns ops strategy here?"),
        ("For a module I'm writing for new hires: is ops strategy tied to X?", "is ops strategy tied to X?"),
        ("Two things: is it long term? Who owns it?", "is it long term? Who owns it?"),
        ('A colleague said: "they are the same." Is that right?', "Is that right?"),
        ("Would a middle manager (e.g. a head of procurement) own it?", "Would a middle manager own it?"),
        (
            "Is ops strategy about how we stand? Like our position in the market",
            "Is ops strategy about how we stand? Like our position in the market",
        ),
        (
            "Please list the activities of ops management. I need them for a deck.",
            "Please list the activities of ops management.",
        ),
    ],
)
def test_the_asking_part_is_the_sentences_that_ask(question, asking):
    assert asking_part(question) == asking


@pytest.mark.parametrize(
    "question",
    ["tell me about scope", "Our depot moved last week. The board met and talked about it at length afterwards."],
)
def test_with_no_sentence_that_asks_the_whole_text_is_the_asking_part(question):
    assert asking_part(question) == question


# --- finding sections ---


@pytest.mark.parametrize("section", KB.sections, ids=lambda s: s.id)
def test_a_sections_title_finds_that_section_first(section):
    assert first(section.title) == section.id


def test_matches_come_best_first_within_the_limit():
    found = retrieve(MANY_SIDES, KB, limit=2)
    scores = [m.score for m in found.matches]
    assert len(scores) == 2 and scores == sorted(scores, reverse=True)
    assert found.matches[0].section_id == "time_horizon"  # the title named in full


def test_sections_far_below_the_best_are_left_out():
    everything = retrieve(MANY_SIDES, KB, limit=8, cutoff=0.0).matches
    kept = retrieve(MANY_SIDES, KB, limit=8).matches
    best = everything[0].score
    assert kept == tuple(m for m in everything if m.score >= 0.6 * best)
    assert len(kept) < len(everything)


def test_ranked_gives_the_ids_of_every_section_that_scores_at_all_by_default():
    assert retrieval.ranked(MANY_SIDES, KB, 8) == [
        m.section_id for m in retrieve(MANY_SIDES, KB, 8, cutoff=0.0).matches
    ]


def test_the_sentence_that_asks_outweighs_its_context():
    """The same words, swapped between the question and what comes before it."""
    assert first("We argued about efficiency and cost all morning. How far ahead does ops strategy look?") == (
        "time_horizon"
    )
    assert first("We argued about how far ahead ops strategy looks all morning. What about efficiency and cost?") == (
        "focus"
    )


def test_ties_keep_the_documents_order():
    text = "The depot roster is published weekly."
    one_way = team_kb(f"## Beta {{#b}}\n\n{text}\n\n## Alpha {{#a}}\n\n{text}\n")
    other_way = team_kb(f"## Alpha {{#a}}\n\n{text}\n\n## Beta {{#b}}\n\n{text}\n")
    question = "when is the depot roster published?"
    assert [m.section_id for m in retrieve(question, one_way).matches] == ["b", "a"]
    assert [m.section_id for m in retrieve(question, other_way).matches] == ["a", "b"]


def test_a_favoured_section_is_lifted_to_the_top():
    question = "which sections matter for long-term planning?"
    assert first(question) != "definition_strategy"
    assert retrieve(question, KB, favour=["definition_strategy"]).matches[0].section_id == "definition_strategy"


def test_favouring_a_section_the_documents_lack_changes_nothing():
    question = "how broad is it?"
    assert retrieve(question, KB, favour=["no_such_section"]) == retrieve(question, KB)


def test_curly_and_straight_apostrophes_find_the_same():
    assert retrieve("what’s the time horizon?", KB) == retrieve("what's the time horizon?", KB)


# --- whether the documents cover it ---


def test_a_question_of_words_the_documents_never_use_is_out_of_scope():
    found = retrieve("What is the weather in Oslo tomorrow?", KB)
    assert found.unknown_terms == found.topic_terms == ("weather", "oslo", "tomorrow")
    assert found.matches == () and not found.in_scope


def test_an_empty_question_finds_nothing():
    found = retrieve("", KB)
    assert found.matches == () and not found.in_scope


def test_context_the_documents_do_not_know_does_not_put_an_asked_question_out_of_scope():
    found = retrieve(
        "The weather in Oslo was awful and the trains were late. How far ahead does ops strategy look?", KB
    )
    assert found.unknown_terms == () and found.in_scope
    assert found.matches[0].section_id == "time_horizon"


@pytest.mark.parametrize(
    "question, owner",
    [("what is toyota's ops strategy?", "toyota"), ("is amazon's approach strategic?", "amazon")],
)
def test_an_owner_the_documents_do_not_know_puts_its_strategy_out_of_scope(question, owner):
    found = retrieve(question, KB)
    assert found.named == (owner,) and not found.in_scope


def test_one_departments_operations_are_the_scope_dimension_not_someone_elses():
    found = retrieve("does ops strategy cover the whole firm, or one department's operations?", KB)
    assert found.named == () and found.in_scope


@pytest.mark.parametrize(
    "text, theirs",
    [
        ("resource allocation", True),
        ("which one is more about competitive position", True),
        ("a new shift roster for the weekend", False),
        ("", False),
    ],
)
def test_only_the_documents_words_tells_their_notions_from_an_askers_decision(text, theirs):
    assert only_the_documents_words(text, KB) is theirs


def test_an_owner_after_the_or_our_is_the_askers_own_organisation():
    assert retrieve("does ops management connect to the bank's business strategy?", KB).named == ()
    assert retrieve("is our plant's strategy long term?", KB).named == ()


def test_two_letters_swapped_are_corrected_to_the_documents_word():
    assert normalized("operatoins stratgey", KB) == ["operations", "strategy"]


def test_operations_owned_by_a_name_are_someone_elses():
    assert retrieve("how do Toyota's operations compare?", KB).named == ("toyota",)


def test_the_documents_own_strategy_is_no_unknown_owner():
    found = retrieve("what is the document's strategy?", KB)
    assert found.named == () and found.in_scope


def test_naming_the_domain_or_pointing_at_the_two_sides_anchors_a_question():
    assert retrieve("is efficiency an ops thing?", KB).anchored
    assert retrieve("which of the two is about long-term goals?", KB).anchored
    assert not retrieve("is efficiency a big deal?", KB).anchored


def test_an_anchored_question_needs_fewer_words_the_documents_know():
    """One known word against two unknown ones: enough when the question names the domain."""
    anchored = retrieve("which of the two is about widgets and gadgets and long-term?", KB)
    loose = retrieve("is it about widgets and gadgets and long-term?", KB)
    assert anchored.unknown_terms == loose.unknown_terms == ("widget", "gadget")
    assert anchored.in_scope and not loose.in_scope


A_MATCH = (Match("scope", 1.0),)


def scope_of(topic, unknown, *, anchored=False, matches=A_MATCH, named=()):
    return Retrieval(tuple(matches), tuple(topic), tuple(unknown), tuple(named), anchored=anchored).in_scope


def test_without_a_match_or_with_an_unknown_owner_nothing_is_in_scope():
    assert not scope_of(["scope"], [], matches=())
    assert not scope_of(["scope"], [], named=["toyota"])


def test_a_match_with_no_topic_words_is_in_scope():
    """'what is operations management?': only the domain's own words."""
    assert scope_of([], [])


def test_a_question_is_in_scope_when_fewer_than_half_its_topic_words_are_unknown():
    assert scope_of(["broad", "reach", "widget"], ["widget"])
    assert not scope_of(["broad", "widget"], ["widget"])  # half is not fewer than half
    assert not scope_of(["widget"], ["widget"])


def test_an_anchored_question_is_in_scope_when_its_known_words_reach_its_unknown_ones_less_one():
    assert scope_of(["broad", "widget", "gadget"], ["widget", "gadget"], anchored=True)
    assert not scope_of(["broad", "widget", "gadget", "gizmo"], ["widget", "gadget", "gizmo"], anchored=True)
    assert not scope_of(["widget"], ["widget"], anchored=True)


def test_the_known_terms_are_the_topic_words_the_documents_use_in_order():
    found = Retrieval((), ("reach", "widget", "broad"), ("widget",))
    assert found.known_terms == ("reach", "broad")


# --- the index ---


def sections(n: int) -> knowledge.KnowledgeBase:
    return team_kb("".join(f"## Rule {i} {{#r{i}}}\n\nDepot rule number {i}.\n\n" for i in range(n)))


def test_a_few_sections_are_indexed_in_a_dictionary_and_more_in_sqlite():
    limit = retrieval.SMALL_INDEX_SECTIONS
    assert isinstance(retrieval.build_index(sections(limit)), SmallIndex)
    assert isinstance(retrieval.build_index(sections(limit + 1)), SectionIndex)


def test_the_index_attached_to_a_knowledge_base_is_the_one_searched():
    kb = sections(3)
    attached = SmallIndex([("r2", ["zebra"], ["zebra"])], ["zebra"])
    assert retrieval.index_of(kb.with_index(attached)) is attached
    assert retrieval.index_of(kb) is retrieval.index_of(kb)  # built once, then kept
    assert first("where is the zebra?", kb.with_index(attached)) == "r2"
    assert first("where is the zebra?", kb) is None


def test_spelling_never_turns_a_real_word_into_a_shorter_stopword():
    """ "stakes" is one letter from "takes": corrected to that stopword it would drop out of the question."""
    kb = knowledge.load_default()
    assert retrieval.normalized("is it a high-stakes call?", kb) == ["is", "it", "a", "high", "stakes", "call"]


@pytest.mark.parametrize(
    "question",
    [
        "Our brewery's operations have grown a lot this year. What time horizon does the doc give operations strategy?",
        "the port's ops team meets on Mondays. who develops operations strategy, per the doc?",
    ],
)
def test_the_askers_own_organisation_named_in_the_context_is_no_one_elses_strategy(question):
    found = retrieve(question, KB)
    assert not found.named and found.matches


@pytest.mark.parametrize(
    "question", ["What does Maersk's operations strategy look like?", "what is ikea's ops strategy?"]
)
def test_a_named_organisations_strategy_or_one_asked_about_is_someone_elses(question):
    assert retrieve(question, KB).named


def test_a_named_organisations_strategy_with_a_word_between_is_someone_elses():
    assert retrieve("What is Unilever's supply strategy in Asia?", KB).named == ("unilever",)


def test_the_rare_terms_of_a_question_are_those_few_sections_hold():
    question = "why does the link to business strategy matter, and who plans it?"
    assert rare_terms(question, KB, 1)["link"] == frozenset({"link_to_strategy"})
    assert "plan" not in rare_terms(question, KB, 1)  # two sections hold it
    assert rare_terms(question, KB, 2)["plan"] == frozenset({"scope", "definition_strategy"})
