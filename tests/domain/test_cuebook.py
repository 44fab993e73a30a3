"""Every named cue against its own examples: each must match, each counterexample must not."""

import pytest

from bot.domain.cuebook import CUEBOOK, WORD_SETS
from bot.domain.cues import Matcher

MATCHER = Matcher(CUEBOOK, WORD_SETS)
CASES = [(cue.id, text, True) for cue in CUEBOOK for text in cue.examples]
CASES += [(cue.id, text, False) for cue in CUEBOOK for text in cue.counterexamples]


@pytest.mark.parametrize(
    ("cue_id", "text", "matches"), CASES, ids=[f"{c}:{'+' if m else '-'}{t[:40]}" for c, t, m in CASES]
)
def test_cue_against_its_examples(cue_id, text, matches):
    found = {hit.cue.id for hit in MATCHER.find(text)}
    assert (cue_id in found) is matches


def test_every_cue_has_an_id_of_its_own_and_readable_phrases():
    assert len({c.id for c in CUEBOOK}) == len(CUEBOOK)
    for cue in CUEBOOK:
        assert all(len(p) <= 200 for p in cue.phrases + cue.unless)
        assert cue.summary.endswith(".")
