"""`altitude eval`: how well an engine does on labelled decisions and questions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from bot.domain.scoring import by_difficulty, calibration, ratio
from bot.domain.verdict import DIMENSIONS
from bot.errors import BadInput
from bot.services import Services

LABELS = ("strategic", "operational")
# in_scope and out_of_scope: cite an expected section, or decline; verdict: a "which side" question
# with its decision's label; vague: a "which side" question naming no decision (Altitude asks which).
QUESTION_KINDS = ("in_scope", "out_of_scope", "verdict", "vague")


@dataclass
class Items:
    decisions: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)
    shipped: bool = False  # the shipped examples: the offline model learnt from these decisions


def load_files(paths: list[str]) -> Items:
    """Labelled items from JSON Lines files; with none, the shipped examples (the offline model's
    training decisions, and questions)."""
    items = Items()
    if not paths:
        examples = resources.files("bot.examples")
        files = sorted(e for e in examples.joinpath("training").iterdir() if e.name.endswith(".jsonl"))
        files.append(examples.joinpath("questions.jsonl"))
        sources = [
            (f"training/{f.name}" if f.name != "questions.jsonl" else f.name, f.read_text(encoding="utf-8"))
            for f in files
        ]
        items.shipped = True
    else:
        sources = [(p, _read(Path(p))) for p in paths]
    for name, text in sources:
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                _add(items, _parse(line, name, n), name, n)
    return items


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(
            f"cannot read {path} ({getattr(exc, 'strerror', None) or 'not UTF-8'})", "give a readable JSON Lines file"
        ) from None


def _parse(line: str, name: str, n: int) -> dict:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        obj = None
    if not isinstance(obj, dict):
        raise BadInput(f"{name} line {n} is not a JSON object", "write one JSON object per line")
    return obj


def _add(items: Items, obj: dict, name: str, n: int) -> None:
    if isinstance(obj.get("text"), str) and obj.get("label") in LABELS:
        items.decisions.append(obj)
    elif isinstance(obj.get("question"), str) and obj.get("kind") in QUESTION_KINDS:
        items.questions.append(obj)
    elif _is_thread(obj) and obj.get("kind") in ("in_scope", "out_of_scope"):
        items.questions.append({**obj, "question": obj["thread"][-1]})
    else:
        raise BadInput(
            f"{name} line {n} is neither a labelled decision nor a labelled question",
            'give {"text", "label"}, {"question", "kind", "expected_sections"} or {"thread": [...], "kind", ...}',
        )


def _is_thread(obj: dict) -> bool:
    thread = obj.get("thread")
    return isinstance(thread, list) and bool(thread) and all(isinstance(m, str) for m in thread)


def cross_validate(paths: list[str]) -> dict:
    """Leave-one-set-out figures of the offline engine: the shipped sets, and each FILE as a set."""
    from bot.training import leave_one_set_out, require_library
    from bot.training.data import Example, shipped

    require_library()
    extra = []
    for path in paths:
        for item in load_files([path]).decisions:
            extra.append(Example(item["text"], item["label"], Path(path).stem, 1.0, item.get("difficulty")))
    return {"engine": "rubric", "method": "leave one set out", **leave_one_set_out([*shipped(), *extra])}


@dataclass
class Report:
    engine: str
    decisions: dict = field(default_factory=dict)
    questions: dict = field(default_factory=dict)
    training_data: bool = False  # the decisions are the offline model's own training data

    def to_dict(self) -> dict:
        return {
            "engine": self.engine,
            "decisions": self.decisions,
            "questions": self.questions,
            "training_data": self.training_data,
        }


def run(services: Services, items: Items, *, engine: str | None = None) -> Report:
    resolved = services.settings.resolved_engine(engine)
    report = Report(engine=resolved, training_data=items.shipped and resolved == "rubric")
    if items.decisions:
        results = [services.classify(d["text"], engine=engine) for d in items.decisions]
        report.decisions = {**score_decisions(items.decisions, results), "fallbacks": _fallbacks(results)}
    if items.questions:
        results = [_ask(services, q, engine) for q in items.questions]
        report.questions = {**score_questions(items.questions, results), "fallbacks": _fallbacks(results)}
        verdicts = [q for q in items.questions if q["kind"] == "verdict" and isinstance(q.get("decision"), str)]
        if verdicts:
            labels = {q["decision"]: services.classify(q["decision"], engine=engine).verdict.label for q in verdicts}
            by_question = {id(q): r for q, r in zip(items.questions, results)}
            agree = [answered_label(by_question[id(q)].answer.answer) == labels[q["decision"]] for q in verdicts]
            report.questions["verdicts"]["agrees_with_classify"] = ratio(sum(agree), len(agree))
    return report


def _ask(services: Services, item: dict, engine: str | None):
    """The answer to a question, or to a thread's last message with the earlier ones as its history."""
    history: list[tuple[str, str]] = []
    for said in item.get("thread", [])[:-1]:
        history += [("user", said), ("altitude", services.ask(said, engine=engine, history=history).answer.answer)]
    return services.ask(item["question"], engine=engine, history=history)


def answered_label(answer: str) -> str | None:
    """The side an answer gives a decision: the first 'strategic' or 'operational' it says."""
    import re

    match = re.search(r"\b(strategic|operational)\b", answer, re.IGNORECASE)
    return match.group(1).lower() if match else None


def _fallbacks(results: list) -> int:
    """How many results came from the offline engine because the model failed."""
    return sum(1 for r in results if r.provenance.fallback_reason)


def score_decisions(items: list[dict], results: list) -> dict:
    rows = [(item, r.verdict) for item, r in zip(items, results)]
    correct = [v.label == item["label"] for item, v in rows]
    return {
        "n": len(rows),
        "accuracy": ratio(sum(correct), len(rows)),
        "by_difficulty": by_difficulty(correct, [item.get("difficulty") for item, _ in rows]),
        "confusion": {
            gold: {pred: sum(1 for item, v in rows if item["label"] == gold and v.label == pred) for pred in LABELS}
            for gold in LABELS
        },
        "calibration": calibration([v.confidence for _, v in rows], correct),
        "dimension_agreement": _dimension_agreement(rows),
        "errors": [item.get("id", i) for i, (c, item) in enumerate(zip(correct, items)) if not c],
    }


def _dimension_agreement(rows) -> float | None:
    pairs = [
        (item["dimensions"][d], getattr(v.dimensions, d).leaning)
        for item, v in rows
        if isinstance(item.get("dimensions"), dict)
        for d in DIMENSIONS
        if d in item["dimensions"]
    ]
    return ratio(sum(g == p for g, p in pairs), len(pairs)) if pairs else None


def score_questions(items: list[dict], results: list) -> dict:
    in_scope = [(q, r.answer) for q, r in zip(items, results) if q["kind"] == "in_scope"]
    out_scope = [(q, r.answer) for q, r in zip(items, results) if q["kind"] == "out_of_scope"]
    cited = [a.in_scope and bool(set(a.citations) & set(q.get("expected_sections", []))) for q, a in in_scope]
    declined = [not a.in_scope for _, a in out_scope]
    verdicts = [(q, r.answer) for q, r in zip(items, results) if q["kind"] == "verdict"]
    right = [a.in_scope and answered_label(a.answer) == q.get("label") for q, a in verdicts]
    vague = [(q, r.answer) for q, r in zip(items, results) if q["kind"] == "vague"]
    asked = ["which decision" in a.answer.lower() for _, a in vague]
    threads = [(q, a, ok) for (q, a), ok in zip(in_scope, cited) if "thread" in q]
    both = [_both_sides(a.answer) for q, a, _ in threads if q.get("both_sides")]
    checked = [*zip(in_scope, cited), *zip(out_scope, declined), *zip(verdicts, right), *zip(vague, asked)]
    return {
        "n": len(items),
        "in_scope": {"n": len(in_scope), "expected_section_cited": ratio(sum(cited), len(cited))},
        "out_of_scope": {"n": len(out_scope), "declined": ratio(sum(declined), len(declined))},
        "verdicts": {"n": len(verdicts), "right": ratio(sum(right), len(right))},
        "vague": {"n": len(vague), "asked_which_decision": ratio(sum(asked), len(asked))},
        "threads": {
            "n": len(threads),
            "expected_section_cited": ratio(sum(ok for *_, ok in threads), len(threads)),
            "comparisons_with_both_sides": ratio(sum(both), len(both)),
        },
        "errors": [q.get("id") for (q, _), ok in checked if not ok],
        "both_sides_missing": [q.get("id") for q, a, _ in threads if q.get("both_sides") and not _both_sides(a.answer)],
    }


def _both_sides(answer: str) -> bool:
    lowered = answer.lower()
    return "operations strategy" in lowered and "operations management" in lowered
