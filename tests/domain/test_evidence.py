"""The five dimensions and the rationale, over every labelled decision there is."""

import re

import pytest

from bot.domain import evidence, rubric
from bot.domain.cues import DANGLING
from bot.domain.text import prepare
from bot.domain.verdict import DIMENSIONS, DimensionJudgement
from bot.training.data import shipped

DECISIONS = [e.text for e in shipped()]
VERDICTS = [rubric.classify(prepare(text)) for text in DECISIONS]


def test_the_rationale_always_argues_for_the_label():
    for verdict in VERDICTS:
        side, other = (
            evidence.SIDES[verdict.label],
            evidence.SIDES["strategic" if verdict.label == "operational" else "operational"],
        )
        assert verdict.rationale.startswith(f"{side}:") and f"{other}:" not in verdict.rationale


def test_evidence_quotes_whole_phrases_of_the_decision():
    """Never a fragment: no quoted phrase ends with a function word ("all our manufacturing to a",
    "starting next"), and each is the decision's own words."""
    for text, verdict in zip(DECISIONS, VERDICTS):
        for dim in DIMENSIONS:
            for phrase in re.findall(r'"([^"]+)"', getattr(verdict.dimensions, dim).evidence):
                words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", phrase.lower())
                assert phrase in text, (phrase, text)
                assert words and words[-1] not in DANGLING, (phrase, text)


def test_a_dimension_leans_with_its_decisive_cues_even_against_the_label():
    verdict = rubric.classify(prepare("Our CEO asked that the Friday stock count at the Lyon depot start at 7am."))
    assert verdict.label == "operational"
    assert verdict.dimensions.level == DimensionJudgement(leaning="strategic", evidence='"CEO"')
    assert "The level points the other way" in verdict.rationale


@pytest.mark.parametrize(
    "weights, expected",
    [
        ([3.0], 3.0),
        ([2.0, 2.0], 2.0 + 2.0 * evidence.DIMINISHING),
        ([2.0, -1.5], 0.5),
        ([], 0.0),
    ],
)
def test_many_weak_cues_never_outvote_a_strong_one(weights, expected):
    assert evidence.diminished(weights) == pytest.approx(expected)


def test_model_phrases_are_runs_of_content_words_pointing_the_right_way():
    text = "Leadership decided to sell the insurance business quickly."
    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    weights = (0.3, 0.0, -0.1, 0.4, 0.0, 0.5, 0.6, -0.2)
    words = [text[a:b].lower() for a, b in spans]
    phrases = evidence.model_phrases(text, spans, words, weights, "strategic")
    assert [p.text for p in phrases] == ["sell the insurance business", "Leadership"]
    assert [p.text for p in evidence.model_phrases(text, spans, words, weights, "operational")] == ["quickly"]
