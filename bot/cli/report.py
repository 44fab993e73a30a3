"""The readable form of an evaluation report."""

from __future__ import annotations


def format_report(report) -> str:
    lines = [f"Engine: {report.engine}"]
    if report.training_data:
        lines.append(
            "  These decisions are the offline model's training data, so these are training figures;"
            " `altitude eval --cv` gives honest ones."
        )
    fallbacks = sum(part.get("fallbacks", 0) for part in (report.decisions, report.questions) if part)
    if fallbacks:
        lines.append(f"  {fallbacks} results came from the offline engine because the model failed")
    if report.decisions:
        lines += ["", *_decisions(report.decisions)]
    if report.questions:
        lines += ["", *_questions(report.questions)]
    return "\n".join(lines)


def _decisions(d: dict) -> list[str]:
    lines = [f"Decisions: {d['n']}   accuracy {_pct(d['accuracy'])}"]
    lines += [
        f"  {name:<8} n={row['n']:<4} accuracy {_pct(row['accuracy'])}" for name, row in d["by_difficulty"].items()
    ]
    if d["dimension_agreement"] is not None:
        lines.append(f"  dimension leanings agreeing with the labels: {_pct(d['dimension_agreement'])}")
    lines += [
        "",
        "Confusion matrix (rows: label, columns: predicted)",
        f"  {'':<12} {'strategic':>10} {'operational':>12}",
    ]
    for gold, row in d["confusion"].items():
        lines.append(f"  {gold:<12} {row['strategic']:>10} {row['operational']:>12}")
    lines += ["", "Calibration", f"  {'confidence':<10} {'n':>4} {'mean conf':>10} {'accuracy':>9}"]
    for row in d["calibration"]:
        lines.append(f"  {row['bin']:<10} {row['n']:>4} {row['mean_confidence']:>10.2f} {_pct(row['accuracy']):>9}")
    if d["errors"]:
        lines.append(f"\nMisclassified: {', '.join(map(str, d['errors']))}")
    return lines


def _questions(q: dict) -> list[str]:
    lines = [
        f"Questions: {q['n']}",
        f"  in scope: {q['in_scope']['n']:<4} an expected section cited {_pct(q['in_scope']['expected_section_cited'])}",
        f"  out of scope: {q['out_of_scope']['n']:<4} declined {_pct(q['out_of_scope']['declined'])}",
    ]
    if q["verdicts"]["n"]:
        agree = q["verdicts"].get("agrees_with_classify")
        lines.append(
            f"  which side: {q['verdicts']['n']:<4} right verdict {_pct(q['verdicts']['right'])}"
            + (f", the same as classify {_pct(agree)}" if agree is not None else "")
        )
    if q["vague"]["n"]:
        lines.append(
            f"  no decision named: {q['vague']['n']:<4} asked which decision {_pct(q['vague']['asked_which_decision'])}"
        )
    if q["threads"]["n"]:
        lines.append(
            f"  thread follow-ups: {q['threads']['n']:<4} an expected section cited "
            f"{_pct(q['threads']['expected_section_cited'])}, comparisons with both sides "
            f"{_pct(q['threads']['comparisons_with_both_sides'])}"
        )
    if q["errors"]:
        lines.append(f"  missed: {', '.join(map(str, q['errors']))}")
    if q.get("both_sides_missing"):
        lines.append(f"  one side only: {', '.join(map(str, q['both_sides_missing']))}")
    return lines


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def format_cv(report: dict) -> str:
    lines = [
        "Leave one set out: for each labelled set, a model trained on every other set, measured on it.",
        "",
        f"  {'set':<22} {'n':>4} {'accuracy':>9} {'hard':>12}",
    ]
    rows = [*report["sets"].items(), ("all sets", {**report, "hard": report["by_difficulty"].get("hard")})]
    for name, row in rows:
        hard = row.get("hard")
        hard_text = f"{_pct(hard['accuracy'])} ({hard['n']})" if hard else "-"
        lines.append(f"  {name:<22} {row['n']:>4} {_pct(row['accuracy']):>9} {hard_text:>12}")
    lines += ["", "Calibration (out-of-fold)", f"  {'confidence':<10} {'n':>5} {'mean conf':>10} {'accuracy':>9}"]
    for row in report["calibration"]:
        lines.append(f"  {row['bin']:<10} {row['n']:>5} {row['mean_confidence']:>10.2f} {_pct(row['accuracy']):>9}")
    return "\n".join(lines)
