"""Any text at all: a verdict or a clear BadInput, never another exception."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import Settings
from bot.domain.verdict import DIMENSIONS
from bot.errors import BadInput
from bot.services import Services

SERVICES = Services(Settings())


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_classify_any_text(text):
    try:
        result = SERVICES.classify(text)
    except BadInput as exc:
        assert exc.fix
        return
    verdict = result.verdict
    assert verdict.label in ("strategic", "operational")
    assert 0.5 <= verdict.confidence <= 1.0
    assert all(getattr(verdict.dimensions, d).leaning in ("strategic", "operational", "neutral") for d in DIMENSIONS)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_ask_any_text(text):
    try:
        result = SERVICES.ask(text)
    except BadInput:
        return
    assert result.answer.answer
    assert result.answer.in_scope == bool(result.answer.citations)
