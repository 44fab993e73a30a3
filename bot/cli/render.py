"""Turning results into the CLI's JSON objects and readable text."""

from __future__ import annotations

from bot.domain.verdict import DIMENSIONS, AnswerResult, Classification

_DIMENSION_NAMES = {
    "scope": "scope",
    "level": "level",
    "time_horizon": "time horizon",
    "focus": "focus",
    "link_to_strategy": "link to strategy",
}


def classification_json(result: Classification) -> dict:
    verdict, prov = result.verdict, result.provenance
    return {
        "id": result.decision_id,
        **verdict.to_dict(),
        "engine": prov.engine,
        "model": prov.model,
        "prompt_version": prov.prompt_version,
        "fallback_reason": prov.fallback_reason,
        "notes": list(prov.notes),
    }


def classification_text(result: Classification) -> str:
    verdict, prov = result.verdict, result.provenance
    lines = [f"{verdict.label.upper()} (confidence {verdict.confidence:.2f})", ""]
    for dim in DIMENSIONS:
        judgement = getattr(verdict.dimensions, dim)
        lines.append(f"  {_DIMENSION_NAMES[dim]:<17} {judgement.leaning:<12} {judgement.evidence}")
    lines += ["", verdict.rationale, *_footer(prov)]
    if result.decision_id is not None:
        lines.append(f"Logged as decision {result.decision_id}")
    return "\n".join(lines)


def answer_json(result: AnswerResult) -> dict:
    prov = result.provenance
    return {
        **result.answer.to_dict(),
        "engine": prov.engine,
        "model": prov.model,
        "prompt_version": prov.prompt_version,
        "fallback_reason": prov.fallback_reason,
    }


def answer_text(result: AnswerResult) -> str:
    answer = result.answer
    sources = ", ".join(answer.citations) if answer.citations else "none (not covered by the documents)"
    return "\n".join([answer.answer, "", f"Sources: {sources}", *_footer(result.provenance)])


def _footer(prov) -> list[str]:
    lines = [f"Engine: {prov.engine}" + (f" ({prov.model})" if prov.model else "") + f", {prov.prompt_version}"]
    if prov.fallback_reason:
        lines.append(f"Fallback: {prov.fallback_reason}")
    lines += [f"Note: {note}" for note in prov.notes]
    return lines


def evaluation_text(report) -> str:
    from bot.cli.report import format_report

    return format_report(report)


def cv_text(report: dict) -> str:
    from bot.cli.report import format_cv

    return format_cv(report)


def explanation_text(x: dict) -> str:
    """`classify --explain`: cues, the model's strongest phrases each way, and how they add up."""
    lines = [f"How the offline engine read it (model {x['model']})"]
    if x["cues"]:
        lines.append("  cues found (id, dimension, weight, the words, share of the margin):")
        for cue in x["cues"]:
            lines.append(
                f"    {cue['id']:<22} {cue['dimension']:<17} {cue['weight']:+.1f}  "
                f"{_quoted(cue['phrase']):<34} {cue['contribution']:+.3f}"
            )
    else:
        lines.append("  no named cue found")
    for side in ("strategic", "operational"):
        rows = x[f"toward_{side}"]
        listed = ", ".join(f"{_quoted(r['phrase'])} {r['contribution']:+.3f}" for r in rows) or "none"
        lines.append(f"  words toward {side}: {listed}")
    lines.append(f"  intercept {x['intercept']:+.3f}, other words {x['other_words']:+.3f}")
    lines.append(
        f"  margin {x['margin']:+.3f}: P(strategic) {x['probability']:.3f} from the regression, "
        f"{x['calibrated']:.3f} calibrated"
    )
    if x["instructions_ignored"]:
        lines.append("  instructions ignored: " + "; ".join(_quoted(s[:80]) for s in x["instructions_ignored"]))
    return "\n".join(lines)


def training_text(outcome: dict, *, dry_run: bool) -> str:
    before, after = outcome["before"], outcome["after"]
    if not outcome["reviewed"]:
        return f"No reviewed decisions in the log yet: Altitude uses the shipped model {outcome['model']}."
    lines = [
        f"Trained {outcome['model']} on {outcome['examples']:,} examples, {outcome['reviewed']:,} of them "
        "this log's reviews (the latest review of each).",
        f"  {'':<28} {'before':>8} {'after':>8}",
        f"  {'shipped sets, left out':<28} {_pct(before['shipped_sets']):>8} {_pct(after['shipped_sets']):>8}",
        f"  {'reviewed decisions':<28} {_pct(before['reviewed']):>8} {_pct(after['reviewed']):>8}",
    ]
    if dry_run:
        lines.append("Dry run: nothing stored.")
    elif outcome["activated"]:
        lines.append("Activated: classify and every serve replica use it from now on (serve within a minute).")
    else:
        lines.append(outcome["reason"].capitalize() + ".")
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return f'"{text}"'


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"
