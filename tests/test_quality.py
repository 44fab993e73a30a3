"""The offline engine's quality on labelled data, at the thresholds the product promises."""

import pytest

from bot import evaluation
from bot.config import Settings
from bot.domain import rubric
from bot.services import Services
from tests.conftest import DATA, SHARED_EVAL, TRAINING

SERVICES = Services(Settings())


def _report(*paths):
    return evaluation.run(SERVICES, evaluation.load_files([str(p) for p in paths]))


def _require(path):
    if not path.exists():
        pytest.skip(f"labelled development data not found at {path}")
    return path


def test_development_decisions_meet_the_accuracy_targets():
    """The development set is not among the offline model's training sets: a held-out figure."""
    report = _report(_require(SHARED_EVAL / "decisions_dev.jsonl")).decisions
    assert report["accuracy"] >= 0.95
    assert report["by_difficulty"]["hard"]["accuracy"] >= 0.9


def test_development_questions_meet_the_citation_and_decline_targets():
    report = _report(_require(SHARED_EVAL / "questions_dev.jsonl")).questions
    assert report["in_scope"]["expected_section_cited"] >= 0.95
    assert report["out_of_scope"]["declined"] >= 0.95


def test_leaving_each_training_set_out_scores_above_the_goal():
    """The shipped model's own leave-one-set-out figures (tests/training checks they are reproducible)."""
    training = rubric.shipped_model().header["training"]
    assert training["loso_accuracy"] >= 0.95 and training["loso_hard_accuracy"] >= 0.9


@pytest.mark.parametrize("path", sorted((DATA / "untouched").glob("decisions_*.jsonl")), ids=lambda p: p.stem)
def test_sets_no_one_tuned_on_meet_the_goal(path):
    """Written by people who never read the code, never trained or tuned on."""
    report = _report(path).decisions
    assert report["accuracy"] >= 0.95 and report["by_difficulty"]["hard"]["accuracy"] >= 0.9


def test_every_plain_one_line_decision_is_right():
    """Entering or leaving a market, moving capital, buying a rival, a shift, a roster: written
    independently of the code; none of them may be wrong."""
    report = _report(DATA / "plain_one_liners.jsonl").decisions
    assert report["errors"] == []


@pytest.mark.parametrize(
    "name",
    [
        "questions_other.jsonl",
        "questions_second.jsonl",
        "questions_third.jsonl",
        "questions_fourth.jsonl",
        "questions_fifth.jsonl",
        "questions_sixth.jsonl",
        "questions_seventh.jsonl",
        "questions_eighth.jsonl",
        "questions_ninth.jsonl",
        "questions_tenth.jsonl",
    ],
)
def test_questions_from_other_wording_generalise(name):
    report = _report(DATA / name).questions
    assert report["in_scope"]["expected_section_cited"] >= 0.9
    assert report["out_of_scope"]["declined"] >= 0.9


def test_questions_never_tuned_on_are_mostly_answered_and_declined_right():
    """questions_eleventh.jsonl is for checks only: its figure is the honest one for new wording."""
    report = _report(DATA / "questions_eleventh.jsonl").questions
    assert report["in_scope"]["expected_section_cited"] >= 0.85
    assert report["out_of_scope"]["declined"] >= 0.75


def test_confidence_is_calibrated():
    """On decisions the model never saw: where confidence is 0.8 or more, about as many are
    right; overall, confidence is off from accuracy by less than 0.08 on average (weighted by bin)."""
    held_out = sorted((DATA / "untouched").glob("decisions_*.jsonl"))
    report = _report(*held_out, *[p for p in [SHARED_EVAL / "decisions_dev.jsonl"] if p.exists()]).decisions
    table = report["calibration"]
    total = sum(row["n"] for row in table)
    error = sum(row["n"] * abs(row["mean_confidence"] - row["accuracy"]) for row in table) / total
    assert error < 0.08, table
    for row in table:
        if row["mean_confidence"] >= 0.8 and row["n"] >= 10:
            assert row["accuracy"] >= row["mean_confidence"] - 0.1, row


def test_eval_command_prints_matrix_and_calibration(cli):
    status, out, _ = cli("eval", str(TRAINING / "blind.jsonl"), str(DATA / "questions_other.jsonl"))
    assert status == 0
    assert "Confusion matrix" in out and "Calibration" in out and "declined" in out


def test_eval_without_files_uses_the_shipped_examples(cli):
    status, out, _ = cli("eval", "--json")
    import json

    report = json.loads(out)
    assert status == 0 and report["decisions"]["n"] > 0 and report["questions"]["n"] > 0


def test_eval_refuses_a_file_that_is_not_labelled_data(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"foo": 1}\n')
    status, _, err = cli("eval", str(bad))
    assert status == 2 and "line 1" in err


UNTOUCHED = DATA / "untouched"


def test_every_which_side_question_of_the_verdict_set_gets_the_right_verdict():
    """questions_verdicts_b.jsonl, written by someone who never read the code (first reading: 88.9%
    right, 80% of the vague ones asked which decision; see docs/quality.md)."""
    report = _report(UNTOUCHED / "questions_verdicts_b.jsonl").questions
    assert report["verdicts"]["right"] == 1.0 and report["vague"]["asked_which_decision"] == 1.0
    assert report["verdicts"]["agrees_with_classify"] >= 0.95


def test_thread_follow_ups_are_read_with_the_thread():
    """questions_threads_c.jsonl (first reading: 90% cited, every comparison with both sides)."""
    report = _report(UNTOUCHED / "questions_threads_c.jsonl").questions
    assert report["threads"]["expected_section_cited"] >= 0.95
    assert report["threads"]["comparisons_with_both_sides"] == 1.0


def test_fresh_questions_on_the_reference_document():
    """questions_fresh_a.jsonl (first reading: 93.3% cited, 92.0% declined; learnt from since)."""
    report = _report(UNTOUCHED / "questions_fresh_a.jsonl").questions
    assert report["in_scope"]["expected_section_cited"] >= 0.95 and report["out_of_scope"]["declined"] >= 0.95


@pytest.mark.parametrize(
    "folder, questions, cited, declined",
    [
        ("team_kb", "questions_team_d.jsonl", 0.76, 0.8),
        ("team_kb_e", "questions_team_e.jsonl", 0.92, 0.75),
        ("team_kb_k", "questions_team_k.jsonl", 0.92, 0.83),
        ("team_kb_m", "questions_team_m.jsonl", 0.85, 0.5),
        ("team_kb_n", "questions_team_n.jsonl", 0.96, 0.66),
        ("team_kb_o", "questions_team_o.jsonl", 0.89, 0.58),
    ],
)
def test_questions_on_a_teams_own_documents_do_not_get_worse(folder, questions, cited, declined):
    """A food distributor's, an airline's, a hospital's, a garden-centre chain's, a housing
    association's and an offshore wind farm's documents, with questions in their staff's words (rota for roster, capex): floors at
    today's figures, the declines far from the goal (docs/quality.md)."""
    report = evaluation.run(
        Services(Settings(knowledge_dir=DATA / folder)), evaluation.load_files([str(UNTOUCHED / questions)])
    ).questions
    assert report["in_scope"]["expected_section_cited"] >= cited and report["out_of_scope"]["declined"] >= declined


def test_eval_reads_which_side_vague_and_thread_items(cli, tmp_path):
    import json

    items = [
        {
            "id": "v1",
            "question": "Is a new shift roster strategic or operational?",
            "kind": "verdict",
            "label": "operational",
            "decision": "A new shift roster.",
        },
        {"id": "v2", "question": "is this strategy?", "kind": "vague"},
        {
            "id": "t1",
            "thread": ["What does operations management focus on?", "how does that differ from strategy?"],
            "kind": "in_scope",
            "expected_sections": ["focus"],
            "both_sides": True,
        },
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    status, out, _ = cli("eval", str(path), "--json")
    report = json.loads(out)["questions"]
    assert status == 0 and report["errors"] == []
    assert report["verdicts"] == {"n": 1, "right": 1.0, "agrees_with_classify": 1.0}
    assert report["vague"]["asked_which_decision"] == 1.0 and report["threads"]["comparisons_with_both_sides"] == 1.0


def test_the_second_fresh_set_on_the_reference_document():
    """questions_fresh_f.jsonl (first reading: 87.5% cited, 92.0% declined, 86.7% right verdicts;
    learnt from since): floors at today's figures, below the goal of 95%."""
    report = _report(UNTOUCHED / "questions_fresh_f.jsonl").questions
    assert report["in_scope"]["expected_section_cited"] >= 0.9 and report["out_of_scope"]["declined"] >= 0.96
    assert report["verdicts"]["right"] == 1.0


@pytest.mark.parametrize(
    "name, cited, declined, verdicts",
    [
        ("questions_fresh_g.jsonl", 0.9, 1.0, 0.93),  # first reading 87.5%, 92.0%, 93.3%
        ("questions_fresh_h.jsonl", 1.0, 1.0, 1.0),  # first reading 95.0%, 92.0%, 93.3%
    ],
)
def test_later_fresh_sets_hold_what_was_learnt_from_them(name, cited, declined, verdicts):
    """Each read once when it came in (the first readings are in docs/quality.md), then learnt from."""
    report = _report(UNTOUCHED / name).questions
    assert report["in_scope"]["expected_section_cited"] >= cited and report["out_of_scope"]["declined"] >= declined
    assert report["verdicts"]["right"] >= verdicts


def test_a_teams_answers_hold_among_a_thousand_other_sections(tmp_path):
    """The distributor's documents in a folder with 1,000 sections of other operations text: the same
    questions still find their sections (70.0% alone; docs/quality.md has 2,000)."""
    import shutil

    from tests.knowledge_bases import write_large

    folder = write_large(tmp_path / "kb", sections=1_000, documents=10)
    for document in (DATA / "team_kb").glob("*.md"):
        shutil.copy(document, folder / f"team_{document.name}")
    report = evaluation.run(
        Services(Settings(knowledge_dir=folder)), evaluation.load_files([str(UNTOUCHED / "questions_team_d.jsonl")])
    ).questions
    assert report["in_scope"]["expected_section_cited"] >= 0.65


@pytest.mark.parametrize(
    "name, cited, declined, verdicts_right",
    [
        ("questions_fresh_j.jsonl", 0.950, 1.00, 14),  # first reading 95.0%, 100%, 14 of 15
        ("questions_fresh_k.jsonl", 0.925, 0.88, 15),  # first reading 92.5%, 88%, 15 of 15
        ("questions_fresh_l.jsonl", 0.975, 0.96, 14),  # first reading 97.5%, 96%, 14 of 15
        ("questions_fresh_m.jsonl", 0.925, 0.88, 11),  # first reading 92.5%, 88%, 11 of 15
        ("questions_fresh_n.jsonl", 0.875, 0.96, 13),  # first reading 87.5%, 96%, 13 of 15
        ("questions_fresh_o.jsonl", 0.775, 0.84, 14),  # first reading 77.5%, 84%, 14 of 15
        ("questions_fresh_p.jsonl", 0.975, 1.00, 14),  # first reading 97.5%, 100%, 14 of 15
        ("questions_fresh_q.jsonl", 0.975, 1.00, 14),  # first reading 97.5%, 100%, 14 of 15
        ("questions_fresh_r.jsonl", 0.875, 1.00, 14),  # first reading 87.5%, 100%, 14 of 15
        ("questions_fresh_s.jsonl", 0.950, 0.92, 14),  # first reading 95.0%, 92%, 14 of 15
        ("questions_fresh_t.jsonl", 0.900, 0.92, 15),  # first reading 90.0%, 92%, 15 of 15
        ("questions_fresh_u.jsonl", 0.925, 0.96, 15),  # first reading 92.5%, 96%, 15 of 15
        ("questions_fresh_v.jsonl", 0.925, 0.96, 12),  # first reading 92.5%, 96%, 12 of 15
        ("questions_fresh_w.jsonl", 0.825, 0.88, 13),  # first reading 82.5%, 88%, 13 of 15
        ("questions_fresh_x.jsonl", 0.80, 0.96, 15),  # first reading 80.0%, 96%, 15 of 15
        ("questions_fresh_y.jsonl", 0.80, 0.88, 14),  # first reading 80.0%, 88%, 14 of 15
        ("questions_fresh_z.jsonl", 0.85, 0.84, 12),  # first reading 85.0%, 84%, 12 of 15
        ("questions_fresh_aa.jsonl", 0.95, 1.0, 13),  # first reading 95.0%, 100%, 13 of 15
        ("questions_fresh_ab.jsonl", 0.875, 1.0, 15),  # first reading 87.5%, 100%, 15 of 15
        ("questions_fresh_ac.jsonl", 1.0, 0.96, 15),  # first reading 100%, 96%, 15 of 15: the goal whole
        ("questions_fresh_ad.jsonl", 0.90, 1.0, 13),  # first reading 90.0%, 100%, 13 of 15
        ("questions_fresh_ae.jsonl", 0.95, 0.96, 14),  # first reading 95.0%, 96%, 14 of 15
        ("questions_fresh_af.jsonl", 0.975, 0.96, 15),  # first reading 97.5%, 96%, 15 of 15: the goal whole
        ("questions_fresh_ag.jsonl", 0.875, 0.96, 14),  # first reading 87.5%, 96%, 14 of 15
        ("questions_fresh_ah.jsonl", 0.875, 1.0, 13),  # first reading 87.5%, 100%, 13 of 15
        ("questions_fresh_ai.jsonl", 1.0, 1.0, 14),  # first reading 100%, 100%, 14 of 15
        ("questions_fresh_aj.jsonl", 0.975, 0.96, 9),  # first reading 97.5%, 96%, 9 of 15
        ("questions_fresh_ak.jsonl", 0.95, 1.0, 13),  # first reading 95.0%, 100%, 13 of 15
        ("questions_fresh_al.jsonl", 0.95, 0.92, 14),  # first reading 95.0%, 92%, 14 of 15
        ("questions_fresh_am.jsonl", 0.925, 0.88, 12),  # first reading 92.5%, 88%, 12 of 15
        ("questions_fresh_an.jsonl", 0.925, 0.96, 14),  # first reading 92.5%, 96%, 14 of 15
        ("questions_fresh_ao.jsonl", 0.925, 0.96, 13),  # first reading 92.5%, 96%, 13 of 15
        ("questions_fresh_ap.jsonl", 0.925, 1.0, 15),  # first reading 92.5%, 100%, 15 of 15
        ("questions_fresh_aq.jsonl", 1.0, 1.0, 12),  # first reading 100%, 100%, 12 of 15
        ("questions_fresh_ar.jsonl", 0.975, 1.0, 13),  # first reading 97.5%, 100%, 13 of 15
        ("questions_fresh_as.jsonl", 0.95, 1.0, 13),  # first reading 95.0%, 100%, 13 of 15
        ("questions_fresh_at.jsonl", 0.875, 0.92, 13),  # first reading 87.5%, 92%, 13 of 15
        ("questions_fresh_au.jsonl", 0.95, 1.0, 13),  # first reading 95.0%, 100%, 13 of 15
        ("questions_fresh_av.jsonl", 0.95, 1.0, 15),  # first reading 95.0%, 100%, 15 of 15: the goal whole
        ("questions_fresh_aw.jsonl", 1.0, 1.0, 14),  # first reading 100%, 100%, 14 of 15
        ("questions_fresh_ax.jsonl", 0.975, 0.96, 13),  # first reading 97.5%, 96%, 13 of 15
        ("questions_fresh_ay.jsonl", 0.975, 1.0, 13),  # first reading 97.5%, 100%, 13 of 15
        ("questions_fresh_az.jsonl", 1.0, 0.96, 15),  # first reading 100%, 96%, 15 of 15: the goal whole
        ("questions_fresh_ba.jsonl", 0.925, 0.96, 15),  # first reading 92.5%, 96%, 15 of 15
        ("questions_fresh_bb.jsonl", 1.0, 0.96, 13),  # first reading 100%, 96%, 13 of 15
        ("questions_fresh_bc.jsonl", 0.975, 1.0, 13),  # first reading 97.5%, 100%, 13 of 15
        ("questions_fresh_bd.jsonl", 0.975, 0.96, 14),  # first reading 97.5%, 96%, 14 of 15
        ("questions_fresh_be.jsonl", 0.975, 1.0, 15),  # first reading 97.5%, 100%, 15 of 15: the goal whole
        ("questions_fresh_bf.jsonl", 0.95, 0.96, 12),  # first reading 95.0%, 96%, 12 of 15
        ("questions_fresh_bg.jsonl", 0.975, 0.96, 14),  # first reading 97.5%, 96%, 14 of 15
        ("questions_fresh_bh.jsonl", 0.925, 1.0, 12),  # first reading 92.5%, 100%, 12 of 15
        ("questions_fresh_bi.jsonl", 0.90, 1.0, 14),  # first reading 90.0%, 100%, 14 of 15
        ("questions_fresh_bj.jsonl", 0.95, 1.0, 13),  # first reading 95.0%, 100%, 13 of 15
    ],
)
def test_fresh_sets_keep_their_first_readings(name, cited, declined, verdicts_right):
    """Sets of 80 (40 in scope, 25 out, 15 which-side) written on 2026-12-03 and 2026-12-04 by people who
    had not read the code, each read once when it came in (docs/quality.md), then learnt from: floors at those
    readings."""
    report = _report(UNTOUCHED / name).questions
    assert report["in_scope"]["expected_section_cited"] >= cited and report["out_of_scope"]["declined"] >= declined
    assert report["verdicts"]["right"] * 15 >= verdicts_right - 0.01
