"""`altitude eval`: how well an engine does on labelled decisions and questions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from bot.domain.verdict import DIMENSIONS
from bot.errors import BadInput
from bot.services import Services

BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
LABELS = ("strategic", "operational")


@dataclass
class Items:
    decisions: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)


def load_files(paths: list[str]) -> Items:
    items = Items()
    if not paths:
        examples = resources.files("bot.examples")
        sources = [(name, examples.joinpath(name).read_text(encoding="utf-8")) for name in ("decisions.jsonl", "questions.jsonl")]
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


@dataclass
class Report:
    engine: str
    decisions: dict = field(default_factory=dict)
    questions: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"engine": self.engine, "decisions": self.decisions, "questions": self.questions}

    def to_text(self) -> str:
        from bot.cli.report import format_report

        return format_report(self)


def run(services: Services, items: Items, *, engine: str | None = None) -> Report:
    report = Report(engine=services.settings.resolved_engine(engine))
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
    by_difficulty = {}
    for difficulty in sorted({item.get("difficulty") for item, _ in rows if item.get("difficulty")}):
        hits = [c for c, (item, _) in zip(correct, rows) if item.get("difficulty") == difficulty]
        by_difficulty[difficulty] = {"n": len(hits), "accuracy": _ratio(sum(hits), len(hits))}
    return {
        "n": len(rows),
        "accuracy": _ratio(sum(correct), len(rows)),
        "by_difficulty": by_difficulty,
        "confusion": {gold: {pred: sum(1 for item, v in rows if item["label"] == gold and v.label == pred)
                             for pred in LABELS} for gold in LABELS},
        "calibration": _calibration([v.confidence for _, v in rows], correct),
        "dimension_agreement": _dimension_agreement(rows),
        "errors": [item.get("id", i) for i, (c, item) in enumerate(zip(correct, items)) if not c],
    }


def _calibration(confidences: list[float], correct: list[bool]) -> list[dict]:
    table = []
    for low, high in zip(BINS, BINS[1:]):
        inside = [(p, c) for p, c in zip(confidences, correct) if low <= p < high]
        if inside:
            table.append({
                "bin": f"{low:.1f}-{min(high, 1.0):.1f}",
                "n": len(inside),
                "mean_confidence": round(sum(p for p, _ in inside) / len(inside), 3),
                "accuracy": _ratio(sum(c for _, c in inside), len(inside)),
            })
    return table


def _dimension_agreement(rows) -> float | None:
    pairs = [(item["dimensions"][d], getattr(v.dimensions, d).leaning)
             for item, v in rows if isinstance(item.get("dimensions"), dict)
             for d in DIMENSIONS if d in item["dimensions"]]
    return _ratio(sum(g == p for g, p in pairs), len(pairs)) if pairs else None


def score_questions(items: list[dict], results: list) -> dict:
    in_scope = [(q, r.answer) for q, r in zip(items, results) if q["kind"] == "in_scope"]
    out_scope = [(q, r.answer) for q, r in zip(items, results) if q["kind"] == "out_of_scope"]
    cited = [a.in_scope and bool(set(a.citations) & set(q.get("expected_sections", []))) for q, a in in_scope]
    declined = [not a.in_scope for _, a in out_scope]
    return {
        "n": len(items),
        "in_scope": {"n": len(in_scope), "expected_section_cited": _ratio(sum(cited), len(cited))},
        "out_of_scope": {"n": len(out_scope), "declined": _ratio(sum(declined), len(declined))},
        "errors": [q.get("id") for (q, _), ok in zip(in_scope + out_scope, cited + declined) if not ok],
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None
