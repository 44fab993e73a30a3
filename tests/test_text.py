import pytest

from bot.domain.text import MAX_ANALYSED_CHARS, plural, prepare
from bot.errors import BadInput


@pytest.mark.parametrize(
    "raw, message",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("🚀🔥🎉", "no words"),
        ("\x00\x01\x02", "empty"),
        ("--- !!! ???", "no words"),
    ],
)
def test_nothing_to_analyse_is_bad_input_with_a_fix(raw, message):
    with pytest.raises(BadInput, match=message) as info:
        prepare(raw)
    assert info.value.fix


def test_control_characters_are_removed_before_analysis():
    assert prepare("close\x00 the\x1b plant\x7f").text == "close  the  plant"


@pytest.mark.parametrize("raw", ["for years. strategic? 🏦", "for years. strategic? :bank: :tada:"])
def test_emoji_after_the_last_word_are_left_out_of_the_analysis(raw):
    assert prepare(raw).text == "for years. strategic?"


def test_emoji_between_words_stay():
    assert prepare("we 🚀 launch").text == "we 🚀 launch"


def test_huge_text_is_analysed_in_part_with_a_note():
    prepared = prepare("We expand into Brazil. " * 60_000)
    assert len(prepared.text) == MAX_ANALYSED_CHARS
    assert any("first" in note for note in prepared.notes)


def test_plural_agrees_with_its_count():
    assert plural(1, "decision") == "1 decision"
    assert plural(0, "decision") == "0 decisions" and plural(1204, "decision") == "1,204 decisions"
    assert plural(2, "analysis", "analyses") == "2 analyses"
