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


def test_leave_one_set_out_holds_each_set_out_once():
    from bot.training import fit

    items = fit.prepare(shipped())
    folds = fit.leave_one_group_out(items)
    held = sorted(i for _, test in folds for i in test)
    assert held == list(range(len(items)))
    for train, test in folds:
        assert {items[i].example.group for i in test}.isdisjoint(items[i].example.group for i in train)
