"""`bot.domain.acronyms`: reading a question's capitalised initials ("the IC") as the name a team's
documents spell out ("the Investment Committee"), so retrieval finds the section about it."""

from bot.domain.acronyms import names_by_initials, spelt_out

NAMES = {"IC": "investment committee", "QBR": "quarterly business review"}


def test_initials_name_the_capitalised_phrase_they_abbreviate():
    names = names_by_initials(["Each quarter the Quarterly Business Review sets the targets."])
    assert names == {"QBR": "quarterly business review"}


def test_linking_words_stay_in_the_name_but_give_no_initial():
    names = names_by_initials(
        [
            "The Chief of Staff keeps the calendar.",
            "Research & Development owns the lab.",
            "Grants come from the Department for Transport.",
        ]
    )
    assert names["CS"] == "chief of staff"
    assert names["RD"] == "research & development"
    assert names["DT"] == "department for transport"


def test_a_leading_article_is_not_part_of_the_name_or_its_initials():
    names = names_by_initials(["The Investment Committee meets monthly."])
    assert names == {"IC": "investment committee"}


def test_the_same_name_with_and_without_an_article_is_still_one_name():
    names = names_by_initials(["The Investment Committee meets monthly.", "Investment Committee minutes go out."])
    assert names == {"IC": "investment committee"}


def test_one_capitalised_word_is_no_name_once_its_article_is_dropped():
    assert names_by_initials(["The Board decides.", "Every Monday the depot opens late."]) == {}


def test_names_written_in_lower_case_or_all_capitals_are_not_read():
    assert names_by_initials(["the investment committee meets", "the INVESTMENT COMMITTEE meets"]) == {}


def test_a_name_is_at_most_five_words_as_a_typed_acronym_is_at_most_five_letters():
    names = names_by_initials(["Alpha Beta Gamma Delta Epsilon Zeta"])
    assert names == {"ABGDE": "alpha beta gamma delta epsilon"}


def test_only_the_initials_two_names_share_are_dropped():
    names = names_by_initials(
        ["The Internal Committee and the Investment Council differ.", "The Quarterly Business Review is in May."]
    )
    assert names == {"QBR": "quarterly business review"}


def test_the_texts_may_be_any_iterable_such_as_a_generator():
    sections = [("Committees", "The Capital Review Board meets on Tuesdays.")]
    names = names_by_initials(f"{title}. {text}" for title, text in sections)
    assert names == {"CRB": "capital review board"}


def test_a_title_and_its_text_joined_by_a_full_stop_stay_two_names():
    """Retrieval joins each section's title and text with '. ', so the title's last word does not
    run into the text's first."""
    names = names_by_initials(["Capital Review Board. Members vote by hand."])
    assert names == {"CRB": "capital review board"}


def test_a_typed_acronym_is_followed_by_the_name_it_stands_for():
    assert spelt_out("Who chairs the QBR?", NAMES) == "Who chairs the QBR (quarterly business review)?"


def test_every_acronym_in_a_question_is_spelt_out():
    assert (
        spelt_out("Does the IC see the QBR figures?", NAMES)
        == "Does the IC (investment committee) see the QBR (quarterly business review) figures?"
    )


def test_a_plural_acronym_is_read_as_the_name():
    assert spelt_out("How many ICs are there?", NAMES) == "How many ICs (investment committee) are there?"


def test_acronyms_in_lower_case_or_inside_longer_capitals_are_left_alone():
    for question in ("who sits on the ic?", "is ICE on the agenda?", "what about QBRX?", "the ICS list"):
        assert spelt_out(question, NAMES) == question


def test_capitals_the_documents_do_not_explain_are_left_alone():
    assert spelt_out("Is the KPI set at the QBR?", NAMES) == "Is the KPI set at the QBR (quarterly business review)?"


def test_with_no_names_a_question_comes_back_unchanged():
    assert spelt_out("When does the IC meet?", {}) == "When does the IC meet?"
