import pytest

from bot.domain.side_questions import ASKS_FOR_A_SIDE, asks_who_decides_or_how_to_class, decision_in, vague_which_side


@pytest.mark.parametrize(
    "question, decision",
    [
        ("Is moving the stock count to Friday strategic or operational?", "Is moving the stock count to Friday"),
        ("The board enters Chile by 2030: which bucket?", "The board enters Chile by 2030"),
        (
            "Night shift swaps two pickers between zones. Ops stuff, surely?",
            "Night shift swaps two pickers between zones",
        ),
        ("A new roster for the weekend — where does that sit, strategy or management?", "A new roster for the weekend"),
        (
            "where would you put this: the foreman swaps two cranes between sites today",
            "the foreman swaps two cranes between sites today",
        ),
        (
            "does this belong with the strategy people: we close the Leeds depot for good",
            "does this : we close the Leeds depot for good",
        ),
        ("is this an ops-management call? the bakery buys a second oven", "the bakery buys a second oven"),
        (
            "The gym moved the 7am class to 6:30 this month. op or strat?",
            "The gym moved the 7am class to 6:30 this month",
        ),
        (
            "The board nearshores assembly to Mexico for the next decade. strat?",
            "The board nearshores assembly to Mexico for the next decade",
        ),
        (
            "The planner swapped the loading order at the port today. Which of the two is that?",
            "The planner swapped the loading order at the port today",
        ),
    ],
)
def test_the_decision_is_what_remains_once_the_asking_is_taken_out(question, decision):
    assert decision_in(question) == decision


@pytest.mark.parametrize(
    "question",
    [
        "How do hospitals split strategy vs management?",
        "LT vs ST: which is strat and which is mgmt?",
        "I keep hearing both terms. How far ahead does operations strategy look?",
        "What is operations strategy?",
        "We plan a new plant for 2030 and a rota for Monday. Which of these is ops strategy and which is ops management?",
        "Does the doc say operations strategy is set by top management? asking before my VP meeting",
    ],
)
def test_a_question_about_the_sides_describes_no_decision(question):
    assert decision_in(question) is None


@pytest.mark.parametrize(
    "question, vague",
    [
        ("Is this strategy?", True),
        ("strategic or operational?", True),
        ("Is a new shift roster strategic or operational?", False),
    ],
)
def test_a_which_side_question_naming_no_decision_is_vague(question, vague):
    assert vague_which_side(question) is vague


@pytest.mark.parametrize(
    "question, decision",
    [
        (
            "The trust board commits to a 20-year move to shared campuses. Strategic, right? Or operational?",
            "The trust board commits to a 20-year move to shared campuses",
        ),
        (
            "Porters swap two lunch breaks today. ops, right? or am I missing something",
            "Porters swap two lunch breaks today",
        ),
    ],
)
def test_a_side_to_confirm_may_be_followed_by_a_short_remark(question, decision):
    assert decision_in(question).startswith(decision)  # what is left of the tag is words of no content


def test_a_side_named_in_a_longer_question_after_it_is_not_a_tag():
    assert decision_in("Strategic, right? And how does the document define the time horizon of each side?") is None


def test_what_kind_of_decision_it_is_asks_for_a_side():
    question = "The shift lead moved tomorrow's forklift checks to 6am. What kind of decision is that?"
    assert decision_in(question) == "The shift lead moved tomorrow's forklift checks to 6am"


def test_a_side_asked_as_one_or_just_the_other_is_still_asked():
    assert decision_in("Is this ops strategy or just ops management: the owners close the weekday print run by 2029.")


def test_the_sides_asked_in_everyday_words_are_asked():
    question = "is closing the night depot for good a big-picture thing or a day to day thing"
    assert decision_in(question).startswith("is closing the night depot for good")


def test_a_side_asked_as_day_to_day_or_long_term_is_about_the_time_horizon():
    assert decision_in("Is ops management day-to-day or long-term?") is None


def test_a_side_confirmed_without_a_question_mark_is_asked():
    question = "The deputy moved this month's medication rounds. that's just ops isn't it"
    assert decision_in(question).startswith("The deputy moved this month's medication rounds")


@pytest.mark.parametrize(
    "question",
    [
        "The supplier offered a 10-year exclusive deal for all our projects. is this above my pay grade?",
        "We may replace the whole diesel fleet by 2035. who should own this call, engineering or the exec?",
        "Rain wrecked the pour, so Saturday overtime for the gang. do I need to escalate this or is it mine to make?",
    ],
)
def test_asking_who_decides_a_decision_asks_for_its_side(question):
    assert asks_who_decides_or_how_to_class(question) and decision_in(question) is not None


def test_who_decides_a_side_in_general_is_no_decision():
    assert not asks_who_decides_or_how_to_class("who should own the operations strategy?")
    assert decision_in("who should own the operations strategy?") is None


def test_a_side_asked_with_really_is_still_asked():
    question = "We pick the charging standard the whole network is locked into for 12 years. is it really ops mgmt?"
    assert decision_in(question).startswith("We pick the charging standard")


@pytest.mark.parametrize(
    "question, decision",
    [
        ("Our co-op may build its own export terminal for good. How would that be classed?", "Our co-op may build"),
        ("Board approved switching our delivery fleet to electric vans over eight years. Category?", "Board approved"),
    ],
)
def test_a_side_asked_as_a_class_or_a_category_is_asked(question, decision):
    assert decision_in(question).startswith(decision)


def test_a_question_whose_needs_the_documents_name_describes_no_decision():
    assert decision_in("Whose needs does the document say operational processes should meet?") is None


@pytest.mark.parametrize(
    "question, decision",
    [
        (
            "The director will outsource all catering to a partner for good. feels operational, but is it?",
            "The director will outsource all catering to a partner for good",
        ),
        ("The ops manager opens four turnstiles for Sunday's cup game. which one", "The ops manager opens"),
        ("The board picks a new reservoir for the 25-year plan. Its likely classification?", "The board picks"),
    ],
)
def test_a_side_doubted_or_asked_as_which_one_or_a_classification_is_asked(question, decision):
    assert decision_in(question).startswith(decision)


def test_a_side_claimed_for_a_decision_and_put_up_for_argument_is_asked():
    question = "hot take: our publisher moving from print to a digital subscription is an ops tweak. tell me I'm wrong"
    assert decision_in(question).startswith("hot take: our publisher moving from print to a digital subscription")


@pytest.mark.parametrize(
    "question, decision",
    [
        (
            "We stop bidding for event security and focus on corporate sites. just a sales thing or is it strat?",
            "We stop",
        ),
        ("Execs signed a ten-year base deal with a low-cost carrier. your verdict?", "Execs signed"),
        ("The supervisor tweaked tonight's patrol route. What's that in the doc's language?", "The supervisor tweaked"),
        (
            "The shift manager stopped the line to recalibrate the checkweigher. What kind of decision, please tell",
            "The shift",
        ),
    ],
)
def test_a_side_asked_as_strat_a_verdict_the_documents_terms_or_a_kind_of_decision_is_asked(question, decision):
    assert decision_in(question).startswith(decision)


@pytest.mark.parametrize(
    "question, decision",
    [
        ("The board merges three schools into one campus by 2030. long game or daily grind?", "The board merges"),
        (
            "would an auditor file this as running the business or setting direction: stores adjust reorder points",
            "would",
        ),
        (
            "The city closes two branches for good and buys mobile library buses. top-level call or not",
            "The city closes",
        ),
        (
            "A dairy starts its evening collection earlier in the heat. Which of the two concepts is that?",
            "A dairy starts",
        ),
    ],
)
def test_the_sides_in_everyday_words_and_who_decides_ask_for_a_side(question, decision):
    assert decision_in(question).startswith(decision)


def test_a_debate_to_settle_between_the_sides_asks_for_one():
    question = (
        "settle a debate: our CEO outsources all last-mile delivery for good. I say ops management, she says strategy"
    )
    assert decision_in(question).startswith("our CEO outsources all last-mile delivery for good")


@pytest.mark.parametrize(
    "question, decision",
    [
        (
            "The shift boss swaps two haul trucks between pits tonight. that's not strategy is it",
            "The shift boss swaps",
        ),
        (
            "A supervisor authorises Saturday overtime for a backlog. Long-term direction or day-to-day control?",
            "A super",
        ),
        (
            "The committee adds private credit and drops hedge funds. Which of the doc's two categories is this?",
            "The commit",
        ),
    ],
)
def test_a_side_denied_asked_in_the_documents_terms_or_as_their_two_categories_is_asked(question, decision):
    assert decision_in(question).startswith(decision)


@pytest.mark.parametrize(
    "question, decision",
    [
        (
            "The board moves the fleet to electric vans over eight years. Which label, then?",
            "The board moves the fleet to electric vans over eight years",
        ),
        ("We close the Leeds depot for good. what bucket would you put it in", "We close the Leeds depot for good"),
        ("Night shift swaps two pickers today. type of call?", "Night shift swaps two pickers today"),
    ],
)
def test_a_last_clause_asking_how_to_class_what_was_told_asks_for_a_side(question, decision):
    assert decision_in(question) == decision and asks_who_decides_or_how_to_class(question)


def test_a_class_of_something_else_asks_no_side():
    assert decision_in("Our depot moved to Leeds. which class of licence do we need?") is None


@pytest.mark.parametrize(
    "question, decision",
    [
        (
            "The board replaces three DCs with one national centre by 2028. I reckon that's ops, my boss says strategy. who's right?",
            "The board",
        ),
        (
            "A bank closes half its branches and goes digital-first over five years. Where would the document put that?",
            "A bank",
        ),
    ],
)
def test_a_debate_between_the_sides_and_where_the_document_would_put_it_ask_for_a_side(question, decision):
    assert decision_in(question).startswith(decision)


def test_stratified_is_no_strategy():
    assert ASKS_FOR_A_SIDE.search("mgmt or strat?") and not ASKS_FOR_A_SIDE.search("mgmt or stratified?")


@pytest.mark.parametrize(
    "question, decision",
    [
        ("#strategy or #management? CEO decided every new packaging line is recyclable by 2030", "CEO decided"),
        (
            "would buying a ready-mix competitor to lock in offtake count as ops strategy, or is that something else entirely?",
            "would buying",
        ),
    ],
)
def test_a_side_asked_with_hashtags_or_after_a_long_aside_is_asked(question, decision):
    assert decision_in(question).startswith(decision)


@pytest.mark.parametrize(
    "question, decision",
    [
        (
            "The fleet manager switches tyre supplier for missed deliveries. strategy?? procurement seem to think so",
            "The fleet",
        ),
        ("We stop domestic call-outs and take only commercial contracts. big picture stuff or day to day?", "We stop"),
    ],
)
def test_a_side_asked_before_a_remark_or_as_big_picture_stuff_is_asked(question, decision):
    assert decision_in(question).startswith(decision)


@pytest.mark.parametrize(
    "question, decision",
    [
        (
            "Strategy, or management? A front-office manager drawing up the housekeeping shifts for the weekend.",
            "A front",
        ),
        ("label this for me: a regional manager picks which approved vendor gets this week's order", "a regional"),
        (
            "A ward manager sets this month's nurse rota for the flu surge. is that above her pay grade?",
            "A ward manager",
        ),
    ],
)
def test_a_side_asked_before_the_decision_as_a_label_or_of_someone_elses_pay_grade_is_asked(question, decision):
    assert decision_in(question).lstrip(" :").startswith(decision)


@pytest.mark.parametrize(
    "question, decision",
    [
        ("The engineer rewrote this weekend's tyre warmer procedure. Clever, but it's still ops, no?", "The engineer"),
        (
            "Council will merge two faculties. Am I correct in filing this under strategy rather than operations?",
            "Council",
        ),
        (
            "We become the region's stroke centre over years. How ought this to be categorised, strategy or ops?",
            "We become",
        ),
    ],
)
def test_a_side_asked_formally_or_with_a_closing_no_is_asked(question, decision):
    assert decision_in(question).startswith(decision)


@pytest.mark.parametrize(
    "question, decision",
    [
        ("A retailer's board brings production in-house for speed. How would the reading classify that?", "A retailer"),
        (
            "Dispatcher reroutes the vans this afternoon. I'd say management, not strategy — can you confirm?",
            "Dispatcher",
        ),
    ],
)
def test_the_reading_classifying_it_and_a_side_to_confirm_ask_for_a_side(question, decision):
    assert decision_in(question).startswith(decision)
