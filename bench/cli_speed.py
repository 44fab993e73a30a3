"""Speed of the command line: cold start of one classify, and --jsonl throughput.

Run with `make bench` or `.venv/bin/python bench/cli_speed.py`. Prints figures; asserts nothing.
The package's bytecode is compiled first, as an install does, so no run pays for compiling.
"""

from __future__ import annotations

import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALTITUDE = Path(sys.executable).with_name("altitude")
COLD_RUNS = 30
JSONL_DECISIONS = 20_000
SAMPLES = (
    "Board approved entering the Mexican market by 2029 with two new plants.",
    "Forklift charging moves to the night shift from Monday.",
    "We're replacing the broken chiller in Store 12, same model, $80k, installed Thursday.",
    "Leadership decided to sell the consumer insurance business and focus on commercial lines.",
    "QC samples every 20th crate this week until the defect rate drops.",
)


def _median_ms(command: list[str], cwd: str, runs: int = COLD_RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=_environment())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), sorted(times)[int(0.9 * len(times))]


def _environment() -> dict:
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def throughput(cwd: str, lines: list[str]) -> float:
    data = ("\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    result = subprocess.run(
        [str(ALTITUDE), "classify", "--jsonl", "--no-log"],
        cwd=cwd,
        input=data,
        check=True,
        capture_output=True,
        env=_environment(),
    )
    elapsed = time.perf_counter() - started
    assert result.stdout.count(b"\n") == len(lines)
    return len(lines) / elapsed


def _labelled_decisions() -> list[str]:
    texts = []
    for path in sorted((ROOT / "bot" / "examples" / "training").glob("*.jsonl")):
        texts += [json.loads(line)["text"].replace("\n", " ") for line in path.read_text().splitlines() if line]
    return [texts[i % len(texts)] for i in range(JSONL_DECISIONS)]


def main() -> None:
    compileall.compile_dir(str(ROOT / "bot"), quiet=1)
    with tempfile.TemporaryDirectory() as cwd:
        python, _ = _median_ms([sys.executable, "-c", "pass"], cwd)
        median, p90 = _median_ms([str(ALTITUDE), "classify", "--no-log", SAMPLES[0]], cwd)
        print(
            f"cold start, altitude classify --no-log ({COLD_RUNS} runs): median {median:.0f} ms, p90 {p90:.0f} ms"
            f"   (goal: median <= 150 ms; this Python starts in {python:.0f} ms)"
        )
        short = [SAMPLES[i % len(SAMPLES)] + f" (item {i})" for i in range(JSONL_DECISIONS)]
        print(
            f"throughput, classify --jsonl --no-log, {JSONL_DECISIONS:,} short decisions: "
            f"{throughput(cwd, short):,.0f} decisions/s   (goal: >= 5,000/s)"
        )
        print(
            f"throughput, classify --jsonl --no-log, {JSONL_DECISIONS:,} labelled decisions (cycled): "
            f"{throughput(cwd, _labelled_decisions()):,.0f} decisions/s"
        )
        print(f"  ({os.cpu_count()} cores: --jsonl without logging classifies on all of them)")


if __name__ == "__main__":
    main()
