"""A large team knowledge base for tests and benchmarks: about 1 KB a section, in 20 documents, made
from a fixed vocabulary of operations words (the same seed gives the same bytes), with one section
among them that plainly answers NEEDLE_QUESTION."""

from __future__ import annotations

import random
from pathlib import Path

NEEDLE_ID = "badge_replacement"
NEEDLE_QUESTION = "I lost my security badge, how do I get a replacement?"
_NEEDLE = (
    f"## Lost badge replacement {{#{NEEDLE_ID}}}\n\nAn employee who loses a security badge reports it to "
    "the front desk, which deactivates it at once and issues a temporary badge the same day; a permanent "
    "replacement costs 15 euros and is ready in three working days.\n"
)
_WORDS = """account allocation approval audit backlog batch billing branch budget buffer calendar carrier catalogue
checklist claim clinic committee compliance contract courier cycle dashboard deadline delivery depot dispatch dock
downtime driver escalation estimate expense facility fleet forecast freight handover helpdesk incident intake invoice
kitchen laboratory lease ledger licence loading maintenance margin menu milestone onboarding outage overtime packaging
pallet payroll permit pharmacy pipeline policy portal pricing quality queue quota ramp recall refund register release
renewal repair request retention risk roster route safety sample season shift shipment signoff site sourcing spare
staffing stock storage supplier support survey tariff tender ticket tooling transfer transport trial truck uniform
upgrade vendor warehouse warranty workflow workshop""".split()
_VERBS = "approves reviews escalates schedules records tracks owns signs checks updates plans assigns".split()


def write_large(folder: Path, sections: int = 2_000, documents: int = 20, seed: int = 7) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    per = sections // documents
    for d in range(documents):
        parts = [f"# Handbook part {d}\n"]
        for i in range(per):
            n = d * per + i
            parts.append(_NEEDLE if n == sections // 2 else _section(rng, n))
        (folder / f"part{d:02d}.md").write_text("\n".join(parts), encoding="utf-8")
    return folder


def _section(rng: random.Random, n: int) -> str:
    topic = rng.sample(_WORDS, 3)
    sentences: list[str] = []
    while sum(len(s) for s in sentences) < 950:
        a, b, c = rng.sample(_WORDS, 3)
        sentences.append(
            f"The {a} team {rng.choice(_VERBS)} each {b} {c} before the {rng.choice(topic)} "
            f"{rng.choice(_WORDS)} is closed."
        )
    return f"## {topic[0].title()} {topic[1]} rules {n} {{#s{n:04d}}}\n\n{' '.join(sentences)}\n"
