"""`bot.domain.shipped`: the offline engine's shipped model, the file in the package read once (the
fallback whenever no team model is active)."""

from importlib import resources
from pathlib import Path

from bot.domain.cuebook import CUEBOOK, WORD_SETS
from bot.domain.cues import Matcher
from bot.domain.linear import LinearModel
from bot.domain.shipped import SHIPPED_MODEL, shipped_model


def test_the_model_file_is_the_data_of_the_bot_learned_package():
    """So an installed wheel, not only a source checkout, carries it (pyproject ships bot.learned/*.model)."""
    packaged = resources.files("bot.learned").joinpath("rubric.model")
    assert Path(SHIPPED_MODEL).is_absolute() and Path(SHIPPED_MODEL) == Path(str(packaged))
    assert packaged.is_file()


def test_the_file_is_read_once_and_the_same_model_is_returned_after():
    assert shipped_model() is shipped_model()


def test_the_shipped_file_passes_its_own_checksum():
    """It is read without checking the checksum, to start fast; the file must deserve that trust."""
    with open(SHIPPED_MODEL, "rb") as file:
        checked = LinearModel.from_bytes(file.read(), verify=True)
    assert checked.name == shipped_model().name and checked.header == shipped_model().header


def test_the_model_has_a_weight_for_every_cue_the_cuebook_can_find():
    """A cue the model was not trained with is silently ignored when scoring."""
    assert set(shipped_model().cue_ids) == {cue.id for cue in CUEBOOK}


def test_the_model_leans_strategic_on_a_market_entry_and_operational_on_a_shift_change():
    matcher = Matcher(CUEBOOK, WORD_SETS)
    model = shipped_model()

    def p_strategic(text: str) -> float:
        return model.score(text, [hit.cue.id for hit in matcher.scan(text).hits]).calibrated

    assert p_strategic("Enter the Japanese market over the next five years.") > 0.5
    assert p_strategic("Night shift starts 30 minutes earlier from Monday.") < 0.5
