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
        sources = [(f"training/{f.name}" if f.name != "questions.jsonl" else f.name, f.read_text(encoding="utf-8"))
                   for f in files]
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
        raise BadInput(f"cannot read {path} ({getattr(exc, 'strerror', None) or 'not UTF-8'})", "give a readable JSON Lines file") from None


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
    elif isinstance(obj.get("question"), str) and obj.get("kind") in ("in_scope", "out_of_scope"):
        items.questions.append(obj)
    else:
        raise BadInput(
            f"{name} line {n} is neither a labelled decision nor a labelled question",
            'give {"text", "label"} or {"question", "kind", "expected_sections"}',
        )


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
        return {"engine": self.engine, "decisions": self.decisions, "questions": self.questions,
                "training_data": self.training_data}

    def to_text(self) -> str:
        from bot.cli.report import format_report

        return format_report(self)


def run(services: Services, items: Items, *, engine: str | None = None) -> Report:
    resolved = services.settings.resolved_engine(engine)
    report = Report(engine=resolved, training_data=items.shipped and resolved == "rubric")
    if items.decisions:
        results = [services.classify(d["text"], engine=engine) for d in items.decisions]
        report.decisions = {**score_decisions(items.decisions, results), "fallbacks": _fallbacks(results)}
    if items.questions:
        results = [services.ask(q["question"], engine=engine) for q in items.questions]
        report.questions = {**score_questions(items.questions, results), "fallbacks": _fallbacks(results)}
    return report


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
        "confusion": {gold: {pred: sum(1 for item, v in rows if item["label"] == gold and v.label == pred)
                             for pred in LABELS} for gold in LABELS},
        "calibration": calibration([v.confidence for _, v in rows], correct),
        "dimension_agreement": _dimension_agreement(rows),
        "errors": [item.get("id", i) for i, (c, item) in enumerate(zip(correct, items)) if not c],
    }


def _dimension_agreement(rows) -> float | None:
    pairs = [(item["dimensions"][d], getattr(v.dimensions, d).leaning)
             for item, v in rows if isinstance(item.get("dimensions"), dict)
             for d in DIMENSIONS if d in item["dimensions"]]
    return ratio(sum(g == p for g, p in pairs), len(pairs)) if pairs else None


def score_questions(items: list[dict], results: list) -> dict:
    in_scope = [(q, r.answer) for q, r in zip(items, results) if q["kind"] == "in_scope"]
    out_scope = [(q, r.answer) for q, r in zip(items, results) if q["kind"] == "out_of_scope"]
    cited = [a.in_scope and bool(set(a.citations) & set(q.get("expected_sections", []))) for q, a in in_scope]
    declined = [not a.in_scope for _, a in out_scope]
    return {
        "n": len(items),
        "in_scope": {"n": len(in_scope), "expected_section_cited": ratio(sum(cited), len(cited))},
        "out_of_scope": {"n": len(out_scope), "declined": ratio(sum(declined), len(declined))},
        "errors": [q.get("id") for (q, _), ok in zip(in_scope + out_scope, cited + declined) if not ok],
    }
