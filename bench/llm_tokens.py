"""Tokens per model call: the median input per classify and per ask, and how much of each prompt is
the static prefix that the provider's prompt cache can serve. No model is called: the prompts are
built exactly as the engine sends them and counted with the engine's own tokenizer.
"""

from __future__ import annotations

import json
import statistics
import sys
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.config import Settings
from bot.domain import knowledge, rubric
from bot.domain.text import prepare
from bot.llm import budget
from bot.llm.engine import OpenAIEngine


def _examples(name: str) -> list[dict]:
    text = resources.files("bot.examples").joinpath(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def report(kind: str, calls: list[list[dict]], model: str, outputs: list[str] | None = None) -> None:
    totals = [sum(budget.count(m["content"], model) for m in call) for call in calls]
    prefix = budget.count(calls[0][0]["content"], model)
    shares = [prefix / total for total in totals]
    line = (
        f"{kind}: median input {statistics.median(totals):,.0f} tokens over {len(calls)} prompts; "
        f"static prefix {prefix:,} tokens = {statistics.median(shares):.0%} of the median prompt"
    )
    if outputs:
        line += f"; output about {statistics.median(budget.count(o, model) for o in outputs):,.0f} tokens"
    print(line)


def main() -> None:
    settings = Settings(openai_api_key="sk-not-used", model="gpt-5-mini")
    engine = OpenAIEngine(settings, knowledge.load_default())
    model = settings.model
    print(f"tokenizer: {budget.encoding_for(model).name} (for {model})")
    decisions = [prepare(d["text"]) for d in _examples("training/other_industries.jsonl")]
    report(
        "classify",
        [engine.classify_messages(p)[0] for p in decisions],
        model,
        [json.dumps(rubric.classify(p).to_dict()) for p in decisions],
    )
    questions = [prepare(q["question"], what="question") for q in _examples("questions.jsonl")]
    report("ask (no thread)", [engine.answer_messages(q) for q in questions], model)
    thread = [("user", "What does the document say about scope?"), ("altitude", engine.knowledge.get("scope").text)]
    report("ask (a 2-message thread)", [engine.answer_messages(q, thread) for q in questions], model)
    print("output for classify is measured on the offline engine's verdicts, which use the same schema")
    large_knowledge_base(settings, decisions, questions)


def large_knowledge_base(settings: Settings, decisions, questions) -> None:
    """The same prompts with a 2,000-section team knowledge base (about 2 MB) added: what each call
    carries within ALTITUDE_KNOWLEDGE_TOKENS, against what sending it whole would."""
    import tempfile

    from bot.domain import retrieval
    from bot.llm.context import render
    from tests.knowledge_bases import write_large

    with tempfile.TemporaryDirectory() as folder:
        kb = knowledge.load(write_large(Path(folder)))
    kb = kb.with_index(retrieval.build_index(kb))
    engine = OpenAIEngine(settings, kb)
    whole = budget.count(render(kb.sections), settings.model)
    print(
        f"with a {len(kb.sections):,}-section knowledge base ({whole:,} tokens whole), "
        f"ALTITUDE_KNOWLEDGE_TOKENS={settings.knowledge_tokens:,}:"
    )
    report("  classify", [engine.classify_messages(p)[0] for p in decisions], settings.model)
    report("  ask (no thread)", [engine.answer_messages(q) for q in questions], settings.model)


if __name__ == "__main__":
    main()
