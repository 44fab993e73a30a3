"""Follow-ups in a thread, answered by the offline engine with the thread's earlier messages."""

import pytest

from bot.domain import answering, knowledge, threads
from bot.domain.text import prepare

KB = knowledge.load_default()


def reply(*messages):
    history = []
    for said in messages[:-1]:
        history += [("user", said), ("altitude", "(an answer)")]
    return threads.answer_in_thread(prepare(messages[-1], what="question"), history, KB)


def test_a_message_without_a_thread_is_answered_on_its_own():
    assert reply("Who decides operations strategy?") == answering.answer(
        prepare("Who decides operations strategy?"), KB
    )


def test_how_does_that_differ_gives_both_sides_of_what_came_before():
    result = reply("What does operations management focus on?", "how does that differ from strategy?")
    assert result.citations == ["focus"]
    assert "Operations strategy is concerned" in result.answer and "Operations management is focused" in result.answer


def test_tell_me_more_after_a_definition_gives_the_five_dimensions_with_both_sides():
    result = reply("What is operations strategy?", "tell me more")
    assert result.citations == ["scope", "level", "time_horizon", "focus", "link_to_strategy"]


def test_tell_me_more_after_a_dimension_adds_the_next_sections():
    first = answering.answer(prepare("Who makes operations strategy decisions?"), KB)
    result = reply("Who makes operations strategy decisions?", "go on")
    assert set(first.citations) < set(result.citations)


def test_an_elliptical_follow_up_is_read_with_the_question_before_it():
    result = reply("Who makes operations strategy decisions?", "and the time frame?")
    assert result.citations[0] == "time_horizon"


def test_is_this_strategy_classifies_the_decision_described_above():
    result = reply("We are moving the weekly stock count to Friday mornings.", "is this strategy?")
    assert result.answer.startswith("That is operations management")


def test_is_this_strategy_with_no_decision_above_asks_which_one():
    assert reply("What is operations strategy?", "is this strategy?").answer.startswith(answering.WHICH_DECISION)


def test_an_example_from_that_quotes_the_documents_again_saying_they_have_none():
    result = reply("What is the scope of operations strategy?", "give me an example from that")
    assert result.answer.startswith(threads.NO_EXAMPLES) and "scope" in result.citations


@pytest.mark.parametrize("follow_up", ["what about our revenue?", "and the weather tomorrow?"])
def test_a_follow_up_the_documents_do_not_cover_is_still_declined(follow_up):
    assert not reply("What is the scope of operations strategy?", follow_up).in_scope
