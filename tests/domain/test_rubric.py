import re

import pytest

from bot.domain import rubric
from bot.domain.rubric import READ_WITH_THE_WHOLE
from bot.domain.text import prepare
from bot.domain.verdict import DIMENSIONS, DimensionJudgement


def classify(text):
    return rubric.classify(prepare(text))


@pytest.mark.parametrize(
    "text",
    [
        # a senior person asking for a routine change
        "Our CEO asked that the Friday stock count at the Lyon depot start at 7am instead of 8am.",
        "Board chair wants the lobby coffee machine descaled every week from now on.",
        # big money on a repair or like-for-like replacement
        "$3.2M approved to replace the failed baggage conveyor at Terminal 2, same model, installed over the weekend.",
        # 'strategy' said of a routine process
        "New returns strategy for the call centre: agents log the reason code first, then issue the label. Macros updated today.",
        # a long-horizon maintenance plan
        "Rolled out a 10-year inspection calendar for all our rail bridges; depot supervisors own the schedule.",
    ],
)
def test_hard_cases_the_document_implies_are_operational(text):
    assert classify(text).label == "operational"


@pytest.mark.parametrize(
    "text",
    [
        # a tiny team changing what market it serves
        "There are three of us, but we decided: no more wedding photography, we go all-in on commercial product shoots.",
        "Board approved: we exit retail banking in Poland by 2028 and focus on corporate lending.",
        "Leadership decided to acquire a regional cold-chain logistics firm to enter the frozen food market.",
        # efficiency words on a portfolio decision by the board over years
        "Efficiency programme: over the next five years we close four of our seven distribution centres and "
        "consolidate into two automated hubs. Board signed off the capital plan.",
    ],
)
def test_changes_of_market_portfolio_or_capacity_are_strategic(text):
    assert classify(text).label == "strategic"


def quoted(evidence: str) -> list[str]:
    """The phrases an evidence line quotes."""
    return re.findall(r'"([^"]+)"', evidence)


def test_every_dimension_has_a_leaning_and_evidence_taken_from_the_text():
    text = "Board approved: we exit retail banking in Poland by 2028 and focus on corporate lending."
    verdict = classify(text)
    for dim in DIMENSIONS:
        judgement = getattr(verdict.dimensions, dim)
        assert judgement.leaning in ("strategic", "operational")
        assert all(phrase in text for phrase in quoted(judgement.evidence))
    assert verdict.dimensions.scope.evidence == '"exit retail banking"'
    assert verdict.dimensions.level.evidence == '"Board"'
    assert verdict.dimensions.time_horizon.evidence == '"by 2028"'


def test_a_dimension_the_text_says_nothing_about_is_read_with_the_whole_decision():
    verdict = classify("Cleaners start at 6am tomorrow on floor 3.")
    assert verdict.label == "operational"
    assert verdict.dimensions.time_horizon.evidence == '"tomorrow"; "6am"'
    assert verdict.dimensions.link_to_strategy == DimensionJudgement(
        leaning="operational", evidence=f"no cue of its own; {READ_WITH_THE_WHOLE}"
    )
    assert "business strategy" not in verdict.rationale  # the rationale rests on the text's own cues only


def test_a_dimension_without_a_cue_of_its_own_quotes_the_models_strongest_words():
    verdict = classify(
        "We're pulling out of the frozen desserts category and moving that capacity to plant-based milk."
    )
    assert verdict.label == "strategic"
    evidence = verdict.dimensions.focus.evidence
    assert evidence.endswith("weighed most by the model") or not evidence.startswith("no cue")


def test_an_explicit_lower_level_counts_for_level():
    verdict = classify("Two junior analysts will re-run the monthly reconciliation.")
    assert verdict.dimensions.level == DimensionJudgement(leaning="operational", evidence='"junior"')


def test_rationale_uses_the_documents_terms():
    verdict = classify("Night shift at the bakery starts 30 minutes earlier from Monday to catch the first delivery.")
    assert verdict.label == "operational"
    assert "day-to-day" in verdict.rationale
    assert "Operations management" in verdict.rationale


def test_confidence_follows_the_strength_of_the_evidence():
    clear = classify("Board approved entering the Japanese market with three new stores by 2030.")
    vague = classify("We talked about it and agreed.")
    assert clear.confidence > 0.9
    assert 0.5 <= vague.confidence < clear.confidence


def test_text_in_another_language_gets_low_confidence_and_a_note():
    prepared = prepare("La junta aprobó cerrar la planta de Monterrey y trasladar toda la producción a Brasil en 2027.")
    assert not prepared.english
    assert any("English" in note for note in prepared.notes)
    verdict = rubric.classify(prepared)
    assert verdict.confidence <= rubric.NON_ENGLISH_CONFIDENCE


def test_non_latin_script_is_not_taken_for_english():
    assert not prepare("董事会批准进入日本市场，到2030年开设三家新店。").english


def test_same_text_same_verdict():
    text = "Starting next week the pharmacy delivers to ward 6 twice a day."
    assert classify(text) == classify(text)


def test_version_names_the_model_by_a_hash_of_its_content():
    assert rubric.version() == rubric.shipped_model().name
    assert rubric.version().startswith("rubric-") and len(rubric.version()) == len("rubric-") + 10
