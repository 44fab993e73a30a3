"""The shipped model is exactly what one command makes from the labelled sets in the repository."""

import subprocess
import sys

from bot.domain import rubric
from bot.domain.linear import LinearModel
from bot.training import build
from bot.training.data import shipped


def test_the_shipped_model_is_what_the_training_sets_give_byte_for_byte():
    trained = build(shipped())
    with open(rubric.SHIPPED_MODEL, "rb") as file:
        assert trained.data == file.read(), "the shipped model is stale: run `make model`"
    header = LinearModel.from_bytes(trained.data).header["training"]
    assert header["loso_accuracy"] == trained.report["accuracy"]
    assert set(header["sets"]) == set(trained.report["sets"])


def test_the_model_file_stays_small():
    with open(rubric.SHIPPED_MODEL, "rb") as file:
        assert len(file.read()) <= 5 * 1024 * 1024


def test_classifying_never_imports_the_training_library(tmp_path):
    probe = (
        "import sys; from bot.cli import main; main(['classify', '--no-log', 'Open a plant in Peru.']); "
        "print(sorted(m for m in ('sklearn', 'scipy', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert result.stdout.strip().endswith("[]")


def test_answering_never_imports_the_training_library(tmp_path):
    probe = (
        "import sys; from bot.cli import main; main(['ask', 'How far ahead does ops strategy look?']); "
        "print(sorted(m for m in ('sklearn', 'scipy', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert result.stdout.strip().endswith("[]")


def test_leave_one_set_out_holds_each_set_out_once():
    from bot.training import fit

    items = fit.prepare(shipped())
    folds = fit.leave_one_group_out(items)
    held = sorted(i for _, test in folds for i in test)
    assert held == list(range(len(items)))
    for train, test in folds:
        assert {items[i].example.group for i in test}.isdisjoint(items[i].example.group for i in train)


def test_the_shipped_question_model_is_what_the_labelled_questions_give_byte_for_byte():
    from bot.domain.knowledge import load_default
    from bot.domain.question_model import SHIPPED
    from bot.training import questions

    data = questions.fit(questions.labelled(), [s.id for s in load_default().sections])
    with open(SHIPPED, "rb") as file:
        assert data == file.read(), "the shipped question model is stale: run `make model`"


def test_the_question_sets_are_learnt_from_whole_and_threads_and_verdicts_left_out():
    from bot.training import questions

    learnt = questions.labelled()
    groups = {q.group for q in learnt}
    assert {"questions", "questions_fresh_a", "questions_tenth"} <= groups
    assert not any(g.startswith("questions_team") or g.startswith("questions_threads") for g in groups)
    assert all(q.sections for q in learnt if q.in_scope) and not any(q.sections for q in learnt if not q.in_scope)
