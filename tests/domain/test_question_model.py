import pytest

from bot.domain.model_file import ModelError
from bot.domain.question_model import (
    ASKS_A_SIDE,
    IN_SCOPE,
    MAGIC,
    QuestionModel,
    Reading,
    features,
    shipped_question_model,
    to_bytes,
)

LABELS = [IN_SCOPE, ASKS_A_SIDE, "scope", "time_horizon"]


def small_model(**header) -> bytes:
    """Two features, 'horizon' and 'poem': the first says in scope and time horizon, the second not;
    neither says much of asking for a side."""
    rows = [[2.0, -3.0], [-1.0, 0.0], [0.0, 0.0], [4.0, 0.0]]
    return to_bytes(
        {"labels": LABELS, "intercepts": [0.0, 0.0, -1.0, -2.0], "training": {}, **header},
        ["horizon", "poem"],
        [1.0, 1.0],
        rows,
    )


def test_features_are_the_stems_retrieval_reads_and_every_word_pair():
    assert features("Time horizons?") == ["time", "horizon", "time horizon"]


def test_features_spell_out_shorthand_and_correct_the_documents_words():
    assert "management" in features("what is ops managment?")


def test_a_reading_follows_the_fitted_numbers():
    model = QuestionModel.from_bytes(small_model())
    horizon, poem = model.read("horizon"), model.read("poem")
    assert horizon.in_scope == pytest.approx(0.8808, abs=1e-4)  # sigmoid(2)
    assert horizon.sections["time_horizon"] == pytest.approx(0.8808, abs=1e-4)  # sigmoid(-2 + 4)
    assert poem.in_scope == pytest.approx(0.0474, abs=1e-4)  # sigmoid(-3)
    assert horizon.asks_a_side == pytest.approx(0.2689, abs=1e-4) and poem.asks_a_side == 0.5  # sigmoid(-1), (0)


def test_a_question_of_unknown_words_reads_as_the_intercepts_alone():
    reading = QuestionModel.from_bytes(small_model()).read("zebra")
    assert reading.in_scope == 0.5 and reading.sections["scope"] == pytest.approx(0.2689, abs=1e-4)


def test_likely_sections_are_those_above_the_threshold_most_likely_first():
    reading = Reading(0.9, {"scope": 0.5, "focus": 0.7, "level": 0.1}, asks_a_side=0.0)
    assert reading.likely_sections(0.4) == ["focus", "scope"]


def test_the_same_numbers_give_the_same_file_and_name():
    assert small_model() == small_model()
    assert QuestionModel.from_bytes(small_model()).name.startswith("questions-")


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: b"NOT-A-MODEL\n" + d, "not an Altitude question model"),
        (lambda d: d[:-8], "corrupt"),
        (lambda d: d[:-1] + bytes([d[-1] ^ 1]), "checksum"),
        (lambda d: d.replace(b'"format":2', b'"format":9'), "format 9.1"),
        (lambda d: MAGIC + b"{not json\n", "corrupt"),
        (lambda d: d.replace(b'"in_scope","asks_a_side"', b'"asks_a_side","in_scope"'), "not in order"),
    ],
)
def test_a_damaged_or_foreign_file_is_refused_with_its_reason(damage, message):
    with pytest.raises(ModelError, match=message):
        QuestionModel.from_bytes(damage(small_model()))


def test_the_shipped_model_reads_the_reference_documents_sections():
    model = shipped_question_model()
    assert model.labels[:2] == (IN_SCOPE, ASKS_A_SIDE) and "both_needed" in model.labels
    assert model.read("how far ahead does operations strategy look?").in_scope > 0.9
    assert model.read("write me a limerick about cheese").in_scope < 0.5
    assert model.read("Is moving the stock count to Friday strategic or operational?").asks_a_side > 0.5
