"""Fitting the question model (`bot.domain.question_model`) with scikit-learn, and measuring what it
adds to the offline engine's answers, one labelled question set left out at a time.

`python -m bot.training.questions [--cv]` (`make model`) writes bot/learned/questions.model from the
labelled question sets of the repository; `--cv` also prints the leave-one-set-out figures.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.domain.question_model import ASKS_A_SIDE, IN_SCOPE, SHIPPED, QuestionModel, Reading, features, to_bytes

ROOT = Path(__file__).resolve().parents[2]
# Every labelled set of questions about the reference document (a team's documents have sets of
# their own, `questions_team_*`, about other sections, and are not learnt from).
SETS = ("bot/examples/questions.jsonl", "tests/data/questions_*.jsonl", "tests/data/untouched/questions_fresh_*.jsonl")
C = 10.0  # inverse regularisation strength
MIN_DF = 2  # a feature must occur in two questions to be learnt


@dataclass(frozen=True)
class Labelled:
    group: str  # the set it comes from
    text: str
    kind: str  # "in_scope", "out_of_scope" or "verdict" (which side a described decision is on)
    sections: tuple[str, ...] = ()  # the sections that answer an in-scope one
    label: str | None = None  # a verdict question's side

    @property
    def in_scope(self) -> bool:
        return self.kind == "in_scope"


def labelled(root: Path = ROOT, patterns: Sequence[str] = SETS) -> list[Labelled]:
    """The in-scope, out-of-scope and which-side questions of the sets (follow-ups in threads, read
    with the turns before them, are left out)."""
    questions = []
    for path in sorted({p for pattern in patterns for p in root.glob(pattern)}):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else {}
            if item.get("kind") in ("in_scope", "out_of_scope", "verdict") and "thread" not in item:
                sections = tuple(item.get("expected_sections", ()))
                questions.append(Labelled(path.stem, item["question"], item["kind"], sections, item.get("label")))
    return questions


def fit(questions: Sequence[Labelled], section_ids: Sequence[str]) -> bytes:
    """A model file: whether a question is in scope, learnt from the in-scope and out-of-scope ones;
    whether it asks for a side, from all of them; which sections answer it, from the in-scope ones."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=MIN_DF, dtype=np.float64)
    rows = words.fit_transform([q.text for q in questions])
    in_scope = np.array([q.in_scope for q in questions])
    scoped = np.array([q.kind != "verdict" for q in questions])
    fitted = [_regression(rows[scoped], in_scope[scoped])]
    fitted.append(_regression(rows, np.array([q.kind == "verdict" for q in questions])))
    fitted += [
        _regression(rows[in_scope], np.array([s in q.sections for q in questions if q.in_scope])) for s in section_ids
    ]
    header = {
        "labels": [IN_SCOPE, ASKS_A_SIDE, *section_ids],
        "intercepts": [float(r.intercept_[0]) for r in fitted],
        "training": {
            "C": C,
            "min_df": MIN_DF,
            "questions": len(questions),
            "sets": sorted({q.group for q in questions}),
        },
    }
    header["intercepts"] = [float(f"{b:.9g}") for b in header["intercepts"]]
    return to_bytes(header, list(words.get_feature_names_out()), list(words.idf_), [list(r.coef_[0]) for r in fitted])


def _regression(rows, labels):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, solver="newton-cg", max_iter=1_000, tol=1e-8).fit(rows, labels)


class NoOpinion:
    """A model with no opinion on any question, a coin toss on each: the offline engine's rules
    alone (it rescues no question from a decline, adds no section, and neither vetoes nor finds a
    which-side question)."""

    name = "none"

    def read(self, text: str, reference=None) -> Reading:
        return Reading(0.5, {}, asks_a_side=0.5)


def leave_one_set_out(questions: Sequence[Labelled]) -> dict:
    """For each set: how often the offline engine cites an expected section of its in-scope questions,
    declines its out-of-scope ones and gives its which-side ones the right verdict, by its rules alone
    and with a question model trained on every other set."""
    from bot.domain.knowledge import load_default

    kb = load_default()
    ids = [s.id for s in kb.sections]
    per_set = {}
    for group in sorted({q.group for q in questions}):
        held = [q for q in questions if q.group == group]
        model = QuestionModel.from_bytes(fit([q for q in questions if q.group != group], ids))
        per_set[group] = {"rules": _scores(held, kb, NoOpinion()), "with_model": _scores(held, kb, model)}
    return {"sets": per_set, "total": {k: _total(per_set, k) for k in ("rules", "with_model")}}


def _scores(held: Sequence[Labelled], kb, reader) -> dict:
    from bot.domain.answering import answer
    from bot.domain.shipped import shipped_model
    from bot.domain.text import prepare
    from bot.evaluation import answered_label

    cited = declined = right = 0
    for q in held:
        got = answer(prepare(q.text, what="question"), kb, shipped_model(), reader)
        cited += q.in_scope and got.in_scope and bool(set(got.citations) & set(q.sections))
        declined += q.kind == "out_of_scope" and not got.in_scope
        right += q.kind == "verdict" and got.in_scope and answered_label(got.answer) == q.label
    kinds = [q.kind for q in held]
    return {
        "in_scope": kinds.count("in_scope"),
        "cited": cited,
        "out_of_scope": kinds.count("out_of_scope"),
        "declined": declined,
        "verdicts": kinds.count("verdict"),
        "right": right,
    }


def _total(per_set: dict, key: str) -> dict:
    return {k: sum(s[key][k] for s in per_set.values()) for k in next(iter(per_set.values()))[key]}


def main(argv: list[str]) -> int:
    from bot.domain.knowledge import load_default
    from bot.training import require_library

    require_library()
    questions = labelled()
    data = fit(questions, [s.id for s in load_default().sections])
    Path(SHIPPED).write_bytes(data)
    report = {"path": str(SHIPPED), "bytes": len(data), "questions": len(questions)}
    if "--cv" in argv:
        report["leave_one_set_out"] = leave_one_set_out(questions)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
