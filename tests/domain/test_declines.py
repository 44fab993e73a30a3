import pytest

from bot.domain import knowledge
from bot.domain.declines import (
    another_kind_of_strategy,
    asks_about_a_workplace_matter,
    asks_an_opinion,
    asks_for_figures_or_advice,
    asks_for_what_is_not_there,
    asks_for_writing,
    asks_who_holds_a_role,
    compares_with_another,
    is_small_talk,
)
from bot.domain.retrieval import retrieve

KB = knowledge.load_default()


@pytest.mark.parametrize("text", ["hi there!", "thanks, that helped", "how are you doing today?"])
def test_greetings_and_thanks_are_small_talk(text):
    assert is_small_talk(text)


def test_a_question_after_a_greeting_is_not_small_talk():
    assert not is_small_talk("hi! what is operations strategy?")


@pytest.mark.parametrize("asking", ["write me a haiku about rosters", "could you draft a memo on ops strategy"])
def test_something_to_write_is_asked_for(asking):
    assert asks_for_writing(asking)


def test_a_summary_of_the_documents_is_no_writing_request():
    assert not asks_for_writing("can you sum up how the two differ?")


@pytest.mark.parametrize(
    "asking",
    ["what percentage of budget goes to ops?", "should we adopt lean next year?", "should I apply for the job?"],
)
def test_figures_advice_and_career_moves_are_asked_for(asking):
    assert asks_for_figures_or_advice(asking)


def test_how_far_ahead_a_side_looks_asks_for_no_figure():
    assert not asks_for_figures_or_advice("how far ahead does operations strategy look?")


@pytest.mark.parametrize(
    "asking",
    [
        "what's your honest opinion of ops strategy?",
        "do you think strategy matters more?",
        "which is more fun to work in?",
        "Block randomisation or stratified, which strategy would you go with?",
    ],
)
def test_an_opinion_is_asked_for(asking):
    assert asks_an_opinion(asking)


def test_in_your_view_or_would_you_say_after_asking_a_side_is_polite():
    assert not asks_an_opinion("The depot moved loading to bay 3. Strategic or operational, would you say?")
    assert not asks_an_opinion("Strategic or operational, in your view?")
    assert not asks_an_opinion("Which of the two concepts is that, in your opinion?")
    assert not asks_an_opinion("would you say ops strategy is a plan or an activity?")
    assert not asks_an_opinion("The chief slows the upper section tomorrow. Strategic or operational, what you think?")
    assert not asks_an_opinion(
        "What would you say?", "Is rescheduling the repairs a strategic decision? What would you say?"
    )
    text = "Does sharing the unit from 2027 count as an ops strategy decision or an ops management one? Which would you say?"
    assert not asks_an_opinion("Which would you say?", text) and asks_an_opinion("Which would you say?")


@pytest.mark.parametrize(
    "asking",
    [
        "which KPIs track ops management?",
        "who coined the term?",
        "any case studies?",
        "which regulations apply to ops managers?",
        'in military doctrine, what is the "operational level" of war?',
        "can someone drop the link to the business strategy deck on sharepoint",
        "ops strategy meeting got moved? what time is it now",
        "how do I manage my time better?",
        "what's a sensible time horizon for keeping our rainy day money in a fixed savings account?",
        "what does 'level 2 support' cover vs level 1 on our service desk?",
        "which consultants should we hire for an ops review?",
    ],
)
def test_what_the_documents_never_hold_is_asked_for(asking):
    assert asks_for_what_is_not_there(asking)


def test_examples_of_what_a_side_covers_are_its_scope_in_the_documents():
    assert not asks_for_what_is_not_there("can you give examples of what an operations strategy is concerned with?")
    assert asks_for_what_is_not_there("can you give examples of companies with a great operations strategy?")


@pytest.mark.parametrize(
    "asking",
    ["What is our company's strategy for expanding into Spain?", "what's the firm's plan for next year's peak?"],
)
def test_an_organisations_own_plan_is_not_in_the_documents(asking):
    assert asks_for_what_is_not_there(asking)


def test_what_a_plan_is_for_is_in_the_documents():
    assert not asks_for_what_is_not_there("what is an operations strategy for?")


@pytest.mark.parametrize(
    "asking",
    [
        "in a regulated utility, who would develop the operations strategy?",
        "writing the training pack for new duty managers: what is ops management?",
        "what time horizon does ops strategy have?",
        "is the ops strategy made for the whole organization or only for one department like logistics?",
        "can you explain the time horizon difference with an example from my job?",
        "explain scope using my role as an example?",
        "isn't the strategy vs management split just consultant jargon?",
        "who's meant to develop operations strategy in a company, by the book?",
        "what is operations management. short answer please, I put it in training binder for new staff",
        "does operations strategy cover the whole company, or just one function like procurement?",
        "is operations strategy a high-level concept or a ground-level one?",
    ],
)
def test_context_and_the_documents_own_words_are_not_what_they_lack(asking):
    assert not asks_for_what_is_not_there(asking)


def test_the_level_of_decision_making_is_in_the_documents():
    assert not asks_for_what_is_not_there("who sets the operations strategy?")


def test_a_comparison_with_something_the_documents_never_name():
    text = "what's the difference between strategy and tactics?"
    assert compares_with_another(text, retrieve(text, KB))
    own = "what's the link between ops strategy and the firm's business goals?"
    assert not compares_with_another(own, retrieve(own, KB))


@pytest.mark.parametrize(
    "text",
    [
        "a concise definition of operations strategy as distinct from ordinary management",
        "does an organisation need both a strategy and sound management?",
    ],
)
def test_management_in_everyday_words_is_no_other_kind(text):
    assert not compares_with_another(text, retrieve(text, KB))


def test_a_comparison_with_another_discipline_of_operations():
    text = "What is the difference between operations research and operations management?"
    assert compares_with_another(text, retrieve(text, KB))
    own = "what's the difference between operations strategy and operations management?"
    assert not compares_with_another(own, retrieve(own, KB))


def test_a_strategy_of_another_kind_about_nothing_the_documents_know():
    text = "what is a good chess opening strategy?"
    assert another_kind_of_strategy(text, retrieve(text, KB))
    good = "what makes a great strategy?"
    assert not another_kind_of_strategy(good, retrieve(good, KB))


def test_a_workplace_matter_is_asked_about_unless_the_documents_mention_it(tmp_path):
    assert asks_about_a_workplace_matter("can I work from home on Fridays?", KB)
    (tmp_path / "ours.md").write_text("## Pay\n\nThe pension scheme matches 5%.\n", encoding="utf-8")
    team = knowledge.load(tmp_path)
    assert not asks_about_a_workplace_matter("what do we get in our pensions?", team)
    assert asks_about_a_workplace_matter("what do we get in our pensions? and when is payroll?", team)


@pytest.mark.parametrize(
    "asking",
    [
        "who is our CEO?",
        "who's the current Head of Estates? need a name",
        "whats the name of the head of estates?",
        "who's on the IT on-call rota this weekend?",
        "who is the head of operations here?",
        "who is on our top management team right now?",
        "who in top management signed off on the rebrand?",
    ],
)
def test_the_person_in_a_role_is_asked_for(asking):
    assert asks_who_holds_a_role(asking, KB)


def test_the_person_in_a_role_is_answered_where_the_documents_name_them(tmp_path):
    (tmp_path / "ours.md").write_text("## Board\n\nJane Ross, our CEO, chairs the board.\n", encoding="utf-8")
    team = knowledge.load(tmp_path)
    assert not asks_who_holds_a_role("who is our CEO?", team)
    assert asks_who_holds_a_role("who is our CFO?", team)


@pytest.mark.parametrize("asking", ["who chairs the board?", "who is responsible for the rota?"])
def test_who_does_something_asks_for_a_role_not_a_person(asking):
    assert not asks_who_holds_a_role(asking, KB)


@pytest.mark.parametrize("asking", ["which level do I need to be at to get a company car?", "how do I reach them?"])
def test_a_company_car_and_reaching_someone_are_staff_matters(asking):
    assert asks_about_a_workplace_matter(asking, KB)
