"""Speed of `altitude train`: the shipped examples plus a log's reviewed decisions.

Run with `make bench` or `.venv/bin/python bench/train_speed.py`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ALTITUDE = Path(sys.executable).with_name("altitude")
REVIEWED = 300


def main() -> None:
    from bot.domain.verdict import Origin
    from bot.storage.log import DecisionLog
    from bot.training.data import shipped

    examples = shipped()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'altitude.db'}"
        log = DecisionLog.open(url)
        for n, example in enumerate(examples[:REVIEWED]):
            decision_id = log.record_pending(text=f"{example.text} (review {n})", origin=Origin(source="cli"))
            log.add_review(decision_id=decision_id, label=example.label, reviewer="U0BENCH")
        log.engine.dispose()
        started = time.perf_counter()
        result = subprocess.run(
            [str(ALTITUDE), "train", "--json"],
            cwd=folder,
            capture_output=True,
            check=True,
            env={"DATABASE_URL": url, "PATH": ""},
        )
        elapsed = time.perf_counter() - started
    outcome = json.loads(result.stdout)
    print(
        f"altitude train, {outcome['examples']:,} examples ({outcome['reviewed']} reviewed), whole process: "
        f"{elapsed:.1f} s   (goal: <= 60 s for 1,500 examples)"
    )


if __name__ == "__main__":
    main()
