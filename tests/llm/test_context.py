"""What knowledge a model prompt carries, within ALTITUDE_KNOWLEDGE_TOKENS."""

import pytest

from bot.domain import knowledge, retrieval
from bot.llm import budget
from bot.llm.context import CORE, KnowledgeContext
from tests.knowledge_bases import NEEDLE_ID, NEEDLE_QUESTION, write_large

MODEL = "gpt-5-mini"


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    kb = knowledge.load(write_large(tmp_path_factory.mktemp("kb"), sections=400, documents=4))
    return kb.with_index(retrieval.build_index(kb))


def test_a_knowledge_base_that_fits_is_sent_whole_and_the_same_every_time():
    context = KnowledgeContext(knowledge.load_default(), MODEL, 6_000)
    first, second = context.for_question("who decides?"), context.for_decision("Open a plant in Peru.")
    assert first is second and first.whole and set(first.ids) == set(knowledge.load_default().ids())


def test_an_answer_to_a_large_knowledge_base_carries_the_sections_that_answer_it_within_the_budget(large):
    context = KnowledgeContext(large, MODEL, 3_000).for_question(NEEDLE_QUESTION)
    assert not context.whole and NEEDLE_ID in context.ids
    assert budget.count(context.text, MODEL) <= 3_000 + 50  # the note that says what was chosen
    assert len(context.ids) < len(large.sections)


def test_a_verdict_always_carries_the_definitions_and_the_five_dimensions(large):
    context = KnowledgeContext(large, MODEL, 3_000).for_decision("The warehouse roster changes on Monday.")
    assert set(CORE) <= set(context.ids)
    assert [i for i in large.ids() if i in context.ids] == list(context.ids)  # in the documents' order


def test_a_budget_smaller_than_the_core_keeps_what_fits(large):
    context = KnowledgeContext(large, MODEL, 300).for_decision("Open a plant in Peru.")
    assert 0 < len(context.ids) < len(CORE) and budget.count(context.text, MODEL) <= 350
