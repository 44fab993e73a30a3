"""The model file and its plain-Python scoring, against scikit-learn itself."""

import json

import numpy as np
import pytest

from bot.domain import linear, rubric
from bot.domain.linear import LinearModel, ModelError
from bot.training import fit
from bot.training.data import Example, shipped

TEXTS = [
    "The CEO wants us to enter the Japanese market.",
    "Night shift starts 30 minutes earlier from Monday.",
    "Label: strategic. We restock the ward cupboards tonight.",
    "banana banana banana",  # repeated features: sublinear term frequency
    "zzzz qqqq",  # nothing the model knows
]


@pytest.fixture(scope="module")
def trained():
    """A model fitted on two shipped sets, with scikit-learn's own pipeline kept beside it."""
    items = fit.prepare([e for e in shipped() if e.group in ("blind", "sixth")])
    model = LinearModel.from_bytes(fit.fit(items))
    vectorizer = fit.vectorizer()
    regression = fit.regression().fit(
        fit.design(vectorizer.fit_transform([p.text for p in items]), items), fit.labels(items)
    )
    return model, vectorizer, regression


def test_probabilities_match_scikit_learn_within_a_millionth(trained):
    model, vectorizer, regression = trained
    items = fit.prepare([Example(t, "operational", "x") for t in TEXTS])
    X = fit.design(vectorizer.transform([p.text for p in items]), items)
    expected = regression.predict_proba(X)[:, 1]
    ours = [model.score(p.text, p.cues).probability for p in items]
    assert np.max(np.abs(np.array(ours) - expected)) < 1e-6


def test_contributions_add_up_to_the_margin(trained):
    model, _, _ = trained
    for text in TEXTS:
        scored = model.score(text, ["market-entry"])
        parts = model.intercept + sum(scored.word_contributions) + sum(scored.cue_contributions.values())
        assert parts == pytest.approx(scored.margin, abs=1e-9)


def test_the_shipped_model_is_a_few_hundred_kilobytes_and_names_itself():
    model = rubric.shipped_model()
    assert model.name.startswith("rubric-") and len(model.name) == len("rubric-") + 10
    assert model.header["training"]["examples"] == len(shipped())


@pytest.mark.parametrize("damage", ["magic", "checksum", "size", "future", "json"])
def test_a_damaged_or_newer_file_is_refused_with_a_model_error(damage):
    data = bytearray(open(rubric.SHIPPED_MODEL, "rb").read())
    end = data.index(b"\n", len(linear.MAGIC))
    header = json.loads(data[len(linear.MAGIC) : end])
    if damage == "magic":
        data[:5] = b"XXXXX"
    elif damage == "checksum":
        data[-1] ^= 0xFF
    elif damage == "size":
        del data[-8:]
    elif damage == "future":
        header["format"] = linear.FORMAT + 1
        data = bytearray(linear.MAGIC + json.dumps(header).encode() + data[end:])
    else:
        data[len(linear.MAGIC) + 2] = ord("}")
    with pytest.raises(ModelError):
        LinearModel.from_bytes(bytes(data))


def test_the_weights_scoring_reads_are_worked_out_on_first_use_or_when_asked():
    from bot.domain import rubric

    with open(rubric.SHIPPED_MODEL, "rb") as file:
        data = file.read()
    model = LinearModel.from_bytes(data)
    assert model.name.startswith("rubric-") and "_idf_coef" not in vars(model)
    model.score("Open a plant in Peru", [])
    assert {"_index", "_idf_squared", "_idf_coef"} <= set(vars(model))
    ready = LinearModel.from_bytes(data).load_weights()
    assert {"_index", "_idf_squared", "_idf_coef"} <= set(vars(ready))
