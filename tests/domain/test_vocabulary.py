"""`bot.domain.vocabulary`: how people ask about the documents (stopwords, the domain's anchor words,
shorthand, phrases, the who-decides and which-side patterns, and a thesaurus for each shipped
section), the word lists `retrieval` matches questions with."""

import pytest

from bot.domain import knowledge, retrieval
from bot.domain.vocabulary import (
    ANCHORS,
    PHRASE_PATTERN,
    PHRASES,
    SHORTHAND,
    SIDES_MEANT,
    STOPWORDS,
    THESAURUS,
    WHO_DECIDES,
)

KB = knowledge.load_default()
# Phrases that spell out everyday business words for a team's documents; the shipped one has none of them.
FOR_TEAM_DOCUMENTS = {"capex", "opex", "rota", "rotas", "vendor", "vendors"}


def phrased(text: str) -> str:
    return PHRASE_PATTERN.sub(lambda m: PHRASES[m.group(0)], text)


def test_the_thesaurus_has_an_entry_for_each_shipped_section_and_no_other():
    assert set(THESAURUS) == set(KB.ids())


def test_every_entry_is_lower_case_with_straight_apostrophes_as_questions_are_read():
    """Retrieval lowers a question and straightens its apostrophes before looking words up."""
    entries = [*STOPWORDS, *ANCHORS, *PHRASES, *PHRASES.values(), *SHORTHAND, *SHORTHAND.values()]
    entries += [word for words in THESAURUS.values() for word in " ".join(words).split()]
    assert [e for e in entries if e != e.lower() or "’" in e] == []


def test_each_phrase_stands_for_words_the_shipped_document_or_its_thesaurus_uses():
    """A phrase replaced by a word the documents never use would make its question unanswerable."""
    _, spelling = retrieval.index_parts(KB)
    known = set(spelling)
    missing = {p: t for p, t in PHRASES.items() if p not in FOR_TEAM_DOCUMENTS and set(t.split()) - known}
    assert missing == {}


def test_shorthand_is_spelt_out_in_one_step():
    assert [short for short, full in SHORTHAND.items() if full in SHORTHAND or full == short] == []


@pytest.mark.parametrize(
    "text, replaced",
    [
        ("do our vendors sign off on it?", "do our suppliers approve on it?"),
        ("is it day-to-day or big picture work?", "is it daily or overall work?"),
        ("how far out is the time frame?", "ahead out is the timeframe?"),
        ("does it line up with our goals?", "does it align our goals?"),
    ],
)
def test_phrases_are_replaced_by_the_documents_words(text, replaced):
    assert phrased(text) == replaced


@pytest.mark.parametrize("text", ["a rotation of staff", "the headline figure", "signage off the shelf", "opexes"])
def test_a_phrase_is_replaced_only_as_whole_words(text):
    assert phrased(text) == text


@pytest.mark.parametrize(
    "question",
    [
        "who writes it?",
        "who gets to decide?",
        "who actually signs off?",
        "who is responsible for the plan?",
        "who puts together the strategy?",
        "who comes up with it?",
    ],
)
def test_asking_who_writes_or_decides_is_asking_about_the_level_of_decision(question):
    assert WHO_DECIDES.search(question)


@pytest.mark.parametrize("question", ["who knows?", "whose plan is it?", "who is on the team?"])
def test_other_questions_about_someone_are_not_about_who_decides(question):
    assert not WHO_DECIDES.search(question)


@pytest.mark.parametrize("question", ["which of the two is slower?", "what does the doc say", "each one differs how?"])
def test_pointing_at_the_two_sides_or_the_document_is_recognised(question):
    assert SIDES_MEANT.search(question)


@pytest.mark.parametrize("question", ["ask the doctor", "see the documentation", "read the textbook"])
def test_words_that_only_begin_like_the_document_are_not_the_document(question):
    assert not SIDES_MEANT.search(question)


def test_no_shipped_title_is_all_stopwords():
    """A section's title must keep a word to be found by."""
    for section in KB.sections:
        assert set(retrieval.words(section.title)) - STOPWORDS, section.id


def test_a_word_only_one_sections_thesaurus_lists_leads_to_that_section():
    """The thesaurus widens each section by how people ask about it; a word it alone lists, and the
    documents do not use, must find it first."""
    in_text = {retrieval.stem(w) for s in KB.sections for w in retrieval.words(f"{s.title} {s.text}")}
    entries = {sid: set(" ".join(words).split()) for sid, words in THESAURUS.items()}
    checked = 0
    for sid, own in entries.items():
        elsewhere = {retrieval.stem(w) for other, words in entries.items() if other != sid for w in words}
        for word in sorted(own):
            if word in STOPWORDS or word in ANCHORS or retrieval.stem(word) in elsewhere | in_text:
                continue
            matches = retrieval.retrieve(word, KB).matches
            assert matches and matches[0].section_id == sid, (word, sid, matches)
            checked += 1
    assert checked > 100  # most of the thesaurus is words of one section only


@pytest.mark.parametrize(
    "question",
    [
        "who decided on our five-year plan?",
        "who wrote the ops strategy?",
        "who came up with the capacity plan",
        "who approved the new roster?",
    ],
)
def test_who_decides_is_heard_in_the_past_tense_too(question):
    assert WHO_DECIDES.search(question)
