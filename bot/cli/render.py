"""Turning results into the CLI's JSON objects and readable text."""

from __future__ import annotations

from bot.domain.verdict import DIMENSIONS, AnswerResult, Classification

_DIMENSION_NAMES = {"scope": "scope", "level": "level", "time_horizon": "time horizon",
                    "focus": "focus", "link_to_strategy": "link to strategy"}


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
    return {**result.answer.to_dict(), "engine": prov.engine, "model": prov.model,
            "prompt_version": prov.prompt_version, "fallback_reason": prov.fallback_reason}


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
    return report.to_text()
