"""The answers log and the daily model budget, on SQLite and PostgreSQL."""

import threading
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.verdict import Answer, AnswerResult, Provenance, Usage
from bot.storage.answers import AnswersLog, Asked
from bot.storage.usage import ModelBudget


def result(text="Scope is broad.", citations=("scope",), in_scope=True, engine="rubric", version="rubric-1"):
    return AnswerResult(
        Answer(answer=text, citations=list(citations), in_scope=in_scope),
        Provenance(engine=engine, prompt_version=version, usage=Usage(latency_ms=12.5)),
    )


@pytest.fixture
def answers(decision_log):
    return AnswersLog(decision_log.engine)


def test_an_answer_is_kept_with_where_it_was_asked_and_how(answers):
    asked = Asked(team_id="T1", channel_id="C1", thread_ts="1.1", user_id="U1")
    answer_id = answers.record("What is scope?", result(), asked)
    row = answers.get(answer_id)
    assert (row["team_id"], row["channel_id"], row["thread_ts"], row["user_id"]) == ("T1", "C1", "1.1", "U1")
    assert row["citations"] == ["scope"] and row["in_scope"] is True and row["engine"] == "rubric"
    assert row["feedback"] is None and row["latency_ms"] == 12.5


def test_one_vote_per_person_which_a_later_press_replaces(answers):
    answer_id = answers.record("What is scope?", result(), Asked(team_id="T1"))
    assert answers.vote(answer_id, user_id="U1", vote="positive", team_id="T1")
    assert answers.vote(answer_id, user_id="U1", vote="negative", team_id="T1")
    assert answers.vote(answer_id, user_id="U2", vote="positive", team_id="T1")
    stats = answers.stats()
    assert stats["engines"] == [
        {"engine": "rubric", "prompt_version": "rubric-1", "answers": 1, "votes": 2, "positive": 1, "helpful_rate": 0.5}
    ]
    assert answers.get(answer_id)["feedback"] == "positive"  # the latest vote


def test_a_vote_on_another_teams_answer_or_a_missing_one_is_refused(answers):
    answer_id = answers.record("What is scope?", result(), Asked(team_id="T1"))
    assert not answers.vote(answer_id, user_id="U1", vote="positive", team_id="T2")
    assert not answers.vote(answer_id + 100, user_id="U1", vote="positive", team_id="T1")
    with pytest.raises(ValueError):
        answers.vote(answer_id, user_id="U1", vote="meh", team_id="T1")


def test_stats_list_the_questions_the_documents_did_not_cover_most_asked_first(answers):
    declined = result("The documents do not cover that.", citations=(), in_scope=False)
    for question in ("Is there parking?", "is there  PARKING?", "Who is the CFO?"):
        answers.record(question, declined, Asked(team_id="T1"))
    answers.record("What is scope?", result(), Asked(team_id="T1"))
    assert answers.stats()["uncovered"] == [
        {"question": "Is there parking?", "times": 2},
        {"question": "Who is the CFO?", "times": 1},
    ]


def test_a_thread_is_read_back_as_its_questions_and_answers(answers):
    for question in ("What is scope?", "And the time horizon?"):
        answers.record(question, result(f"About: {question}"), Asked(team_id="T1", channel_id="C1", thread_ts="5.5"))
    answers.record("Elsewhere", result(), Asked(team_id="T1", channel_id="C1", thread_ts="6.6"))
    assert answers.thread("T1", "C1", "5.5") == [
        ("user", "What is scope?"),
        ("altitude", "About: What is scope?"),
        ("user", "And the time horizon?"),
        ("altitude", "About: And the time horizon?"),
    ]


def test_the_week_counts_answers_their_ratings_and_uncovered_questions(answers):
    now = datetime.now(UTC)
    kept = answers.record("What is scope?", result(), Asked(team_id="T1"))
    answers.record("Is there parking?", result("Not covered.", (), False), Asked(team_id="T1"))
    answers.record("Other team", result(), Asked(team_id="T2"))
    answers.vote(kept, user_id="U1", vote="positive", team_id="T1")
    week = answers.week(since=now - timedelta(days=1), until=now + timedelta(days=1), team_id="T1")
    assert week == {"answered": 2, "rated": 1, "helpful": 1, "uncovered": ["Is there parking?"]}


def test_purge_removes_answers_by_date_or_person_with_the_persons_votes(answers):
    mine = answers.record("Mine", result(), Asked(team_id="T1", user_id="U1"))
    theirs = answers.record("Theirs", result(), Asked(team_id="T1", user_id="U2"))
    answers.vote(theirs, user_id="U1", vote="negative", team_id="T1")
    assert answers.purge(user_id="U1") == 1
    assert answers.get(mine) is None and answers.get(theirs)["feedback"] is None  # U1's vote went too
    assert answers.stats()["engines"][0]["votes"] == 0
    assert answers.purge(before=datetime.now(UTC) + timedelta(seconds=1)) == 1


def test_the_budget_allows_its_calls_then_refuses_and_counts_both(decision_log):
    budget = ModelBudget(decision_log.engine, limit=2)
    assert [budget.take("T1") for _ in range(4)] == [True, True, False, False]
    assert budget.take("T2")  # a budget per team
    assert budget.used("T1") == {"T1": {"calls": 2, "refused": 2}}
    assert budget.take("T1", day="2999-01-01")  # a new UTC day, a new budget


def test_without_a_limit_every_call_is_allowed_and_counted(decision_log):
    budget = ModelBudget(decision_log.engine, limit=None)
    assert all(budget.take(None) for _ in range(3))
    assert budget.used() == {"": {"calls": 3, "refused": 0}}


def test_the_budget_holds_under_concurrent_takers(decision_log):
    """Sixteen threads on their own connections race for five calls: exactly five win."""
    budget = ModelBudget(decision_log.engine, limit=5)
    wins, start = [], threading.Barrier(16)

    def take():
        start.wait()
        wins.append(budget.take("T1"))

    threads = [threading.Thread(target=take) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wins.count(True) == 5 and budget.used("T1") == {"T1": {"calls": 5, "refused": 11}}


def test_an_answer_written_again_for_the_same_message_replaces_the_first(answers):
    asked = Asked(team_id="T1", channel_id="C1", thread_ts="1.1", user_id="U1", key="outbox:7")
    first = answers.record("What is scope?", result("First try."), asked)
    again = answers.record("What is scope?", result("After a crash.", engine="openai"), asked)
    (row,) = answers.list()
    assert first == again == row["id"] and row["answer"] == "After a crash." and row["engine"] == "openai"
    assert answers.record("What is scope?", result(), Asked(team_id="T1")) != first  # no key: a row of its own
