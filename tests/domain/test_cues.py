"""The cue notation: words, choices, prefixes, classes, word sets, gaps, exceptions and clauses."""

import pytest

from bot.domain.cues import Cue, Matcher

SETS = {"fruit": frozenset({"apple", "pear"})}


def cue(phrases=(), pattern=None, unless=(), kind="reach"):
    return Cue(
        id="test",
        dimension="scope",
        weight=1.0,
        kind=kind,
        summary="A cue under test.",
        phrases=tuple(phrases),
        pattern=pattern,
        unless=tuple(unless),
        examples=("x",),
        counterexamples=("y",),
    )


def found(text, **kwargs):
    return [h.phrase for h in Matcher([cue(**kwargs)], SETS).find(text)]


@pytest.mark.parametrize(
    "phrase, text, expected",
    [
        ("enter market", "We enter market share talks", ["enter market"]),
        ("enter ... market", "We enter the Japanese market soon", ["enter the Japanese market"]),
        ("enter ... market", "enter a b c d market", ["enter a b c d market"]),
        ("enter ... market", "enter a b c d e market", []),  # a gap is at most four words
        ("{open,close} store", "We close store 4", ["close store"]),
        ("acquisit*", "Acquisitions team", ["Acquisitions"]),
        ("<num> years", "over 3 years", ["3 years"]),
        ("<num> years", "over three years", ["three years"]),
        ("by <year>", "by 2028", ["by 2028"]),
        ("by <year>", "by 1999", []),
        ("<day>", "from Mondays", ["Mondays"]),
        ("<month> <num>", "on March 3", ["March 3"]),
        ("line <id>", "Line 3 restarts", ["Line 3"]),
        ("sell @fruit", "we sell pears", []),
        ("sell @fruit", "we sell apple pie", ["sell apple"]),
    ],
)
def test_notation(phrase, text, expected):
    assert found(text, phrases=[phrase]) == expected


def test_a_phrase_stays_inside_its_clause():
    assert found("We enter. The market is busy.", phrases=["enter ... market"]) == []
    assert found("Price 3.2 then market", phrases=["price ... market"]) == ["Price 3.2 then market"]


def test_an_exception_that_overlaps_the_hit_drops_it():
    assert found("Use the fire exit", phrases=["exit"], unless=["fire exit"]) == []
    assert found("We exit the market", phrases=["exit"], unless=["fire exit"]) == ["exit"]


def test_a_pattern_cue_quotes_what_it_matched():
    assert found("Doors open at 7am sharp", pattern=r"\b \d{1,2} \s? am \b") == ["7am"]


def test_evidence_keeps_the_words_as_written():
    assert found("We’re ENTERING the Gulf market", phrases=["entering ... market"]) == ["ENTERING the Gulf market"]


@pytest.mark.parametrize("bad", ["... market", "market ...", "ab*"])
def test_malformed_phrases_are_refused(bad):
    with pytest.raises(ValueError):
        Matcher([cue(phrases=[bad])], SETS)


def test_a_cue_needs_examples_and_counterexamples():
    with pytest.raises(ValueError):
        Cue(id="x", dimension="scope", weight=1.0, kind="move", summary="s.", phrases=("a",))
    with pytest.raises(ValueError):
        Cue(
            id="x",
            dimension="nowhere",
            weight=1.0,
            kind="move",
            summary="s.",
            phrases=("a",),
            examples=("a",),
            counterexamples=("b",),
        )


def test_a_one_word_move_is_quoted_with_its_object():
    assert found("We exit retail banking in Poland", phrases=["exit"], kind="move") == ["exit retail banking"]
    assert found("We exit by 2028", phrases=["exit"], kind="move") == ["exit"]
    assert found("We exit retail banking", phrases=["exit"]) == ["exit"]  # other kinds quote the cue alone
