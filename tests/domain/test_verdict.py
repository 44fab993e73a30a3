"""`bot.domain.verdict`: the one verdict type and one answer type every engine returns, their plain
dictionaries (for JSON, the log and Slack) and the strict schema pydantic derives to check a model's
output."""

import dataclasses
import json
import subprocess
import sys

import pytest
from pydantic import TypeAdapter, ValidationError

from bot.domain.verdict import DIMENSIONS, Answer, DimensionJudgement, Dimensions, Verdict

LEANINGS = {
    "scope": "strategic",
    "level": "operational",
    "time_horizon": "neutral",
    "focus": "operational",
    "link_to_strategy": "strategic",
}


def a_verdict(label="strategic", confidence=0.8) -> Verdict:
    dimensions = Dimensions(**{d: DimensionJudgement(LEANINGS[d], f"words about {d}") for d in DIMENSIONS})
    return Verdict(label=label, confidence=confidence, dimensions=dimensions, rationale="Because of the market.")


def a_verdict_dict(**changes) -> dict:
    return {**a_verdict().to_dict(), **changes}


def test_the_dimensions_type_has_one_field_for_each_named_dimension_in_order():
    """Engines build it as Dimensions(**{d: ... for d in DIMENSIONS})."""
    assert tuple(f.name for f in dataclasses.fields(Dimensions)) == DIMENSIONS


def test_a_verdicts_dictionary_keeps_each_dimensions_own_leaning_and_evidence_in_order():
    dimensions = a_verdict().to_dict()["dimensions"]
    assert list(dimensions) == list(DIMENSIONS)
    for d in DIMENSIONS:
        assert dimensions[d] == {"leaning": LEANINGS[d], "evidence": f"words about {d}"}


def test_a_verdicts_dictionary_carries_its_label_confidence_and_rationale():
    d = a_verdict(label="operational", confidence=0.65).to_dict()
    assert (d["label"], d["confidence"], d["rationale"]) == ("operational", 0.65, "Because of the market.")


def test_a_verdict_written_as_json_reads_back_as_the_same_verdict():
    verdict = a_verdict()
    assert TypeAdapter(Verdict).validate_json(json.dumps(verdict.to_dict())) == verdict


def test_an_answer_written_as_json_reads_back_as_the_same_answer():
    answer = Answer(answer="From the reference document: ...", citations=["level", "scope"], in_scope=True)
    assert answer.to_dict() == {"answer": answer.answer, "citations": ["level", "scope"], "in_scope": True}
    assert TypeAdapter(Answer).validate_json(json.dumps(answer.to_dict())) == answer


@pytest.mark.parametrize("confidence", [0.5, 0.73, 1.0])
def test_a_confidence_from_one_half_to_one_is_valid(confidence):
    assert TypeAdapter(Verdict).validate_python(a_verdict_dict(confidence=confidence)).confidence == confidence


@pytest.mark.parametrize("confidence", [0.49, 1.01, -1.0])
def test_a_confidence_outside_one_half_to_one_is_refused(confidence):
    """Below one half the other label would be the likelier one."""
    with pytest.raises(ValidationError):
        TypeAdapter(Verdict).validate_python(a_verdict_dict(confidence=confidence))


def test_neutral_is_a_leaning_of_a_dimension_but_not_a_label():
    with pytest.raises(ValidationError):
        TypeAdapter(Verdict).validate_python(a_verdict_dict(label="neutral"))
    with pytest.raises(ValidationError):
        TypeAdapter(DimensionJudgement).validate_python({"leaning": "tactical", "evidence": "x"})
    assert TypeAdapter(DimensionJudgement).validate_python({"leaning": "neutral", "evidence": ""}).leaning == "neutral"


def test_fields_a_model_invents_are_refused_at_every_level():
    with pytest.raises(ValidationError):
        TypeAdapter(Verdict).validate_python(a_verdict_dict(score=3))
    nested = a_verdict_dict()
    nested["dimensions"]["scope"]["why"] = "extra"
    with pytest.raises(ValidationError):
        TypeAdapter(Verdict).validate_python(nested)
    with pytest.raises(ValidationError):
        TypeAdapter(Answer).validate_python({"answer": "a", "citations": [], "in_scope": True, "sources": []})


def test_a_missing_dimension_is_refused():
    incomplete = a_verdict_dict()
    del incomplete["dimensions"]["link_to_strategy"]
    with pytest.raises(ValidationError):
        TypeAdapter(Verdict).validate_python(incomplete)


def _objects(schema: dict):
    """Every object schema in a JSON schema, its definitions included."""
    yield from (s for s in [schema, *schema.get("$defs", {}).values()] if s.get("type") == "object")


@pytest.mark.parametrize("kind", [Verdict, Answer])
def test_the_schema_is_strict_every_field_required_and_no_other_allowed(kind):
    """What a model service's strict structured output demands."""
    for obj in _objects(TypeAdapter(kind).json_schema()):
        assert obj["additionalProperties"] is False
        assert set(obj["required"]) == set(obj["properties"])


def test_the_schema_tells_a_model_the_confidence_range_and_the_allowed_words():
    schema = TypeAdapter(Verdict).json_schema()
    confidence = schema["properties"]["confidence"]
    assert (confidence["minimum"], confidence["maximum"]) == (0.5, 1.0)
    assert set(schema["properties"]["label"]["enum"]) == {"strategic", "operational"}
    assert set(schema["$defs"]["DimensionJudgement"]["properties"]["leaning"]["enum"]) == {
        "strategic",
        "operational",
        "neutral",
    }
    assert set(schema["$defs"]["Dimensions"]["properties"]) == set(DIMENSIONS)


def test_a_verdict_cannot_be_changed_once_made():
    verdict = a_verdict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.label = "operational"


def test_the_types_load_without_the_validation_library(tmp_path):
    """The command line starts fast: pydantic is imported only where a schema is needed."""
    probe = "import sys, bot.domain.verdict; print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert result.stdout.strip() == "[]"
