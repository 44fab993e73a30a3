"""How a decision stands when shown: the reviewed label and reviewer, never the engine's confidence
in the label a reviewer overruled."""

from bot.domain.digest import confidence_of, label_of, standing


def row(label="strategic", confidence=0.97, review_label=None, reviewed_by=None):
    return {"label": label, "confidence": confidence, "review_label": review_label, "reviewed_by": reviewed_by}


def test_an_unreviewed_decision_shows_the_engines_label_and_confidence():
    assert label_of(row()) == "strategic" and standing(row(), {}) == "0.97"


def test_an_agreed_decision_keeps_its_confidence_and_names_its_reviewer():
    agreed = row(review_label="strategic", reviewed_by="U1")
    assert standing(agreed, {"U1": "Ann Lee"}) == "0.97 · reviewed by Ann Lee"


def test_a_correction_shows_no_confidence_and_says_what_altitude_said():
    corrected = row(review_label="operational", reviewed_by="U1")
    assert label_of(corrected) == "operational" and confidence_of(corrected) is None
    assert standing(corrected, {}) == "reviewed by U1 (Altitude said strategic)"
