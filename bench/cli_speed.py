"""Speed of the command line: cold start of one classify, and --jsonl throughput.

Run with `make bench` or `.venv/bin/python bench/cli_speed.py`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def cold_start(cwd: str) -> list[float]:
    times = []
    for i in range(COLD_RUNS):
        started = time.perf_counter()
        subprocess.run([str(ALTITUDE), "classify", "--no-log", SAMPLES[i % len(SAMPLES)]],
                       cwd=cwd, check=True, capture_output=True)
        times.append((time.perf_counter() - started) * 1000)
    return times


def throughput(cwd: str) -> float:
    lines = "\n".join(SAMPLES[i % len(SAMPLES)] + f" (item {i})" for i in range(JSONL_DECISIONS)) + "\n"
    started = time.perf_counter()
    result = subprocess.run([str(ALTITUDE), "classify", "--jsonl", "--no-log"], cwd=cwd, input=lines.encode(),
                            check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    assert result.stdout.count(b"\n") == JSONL_DECISIONS
    return JSONL_DECISIONS / elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as cwd:
        env_clean = not any(k.startswith(("ALTITUDE_", "OPENAI_")) for k in os.environ)
        times = cold_start(cwd)
        print(f"cold start, altitude classify --no-log ({COLD_RUNS} runs): "
              f"median {statistics.median(times):.0f} ms, p90 {sorted(times)[int(0.9 * len(times))]:.0f} ms, "
              f"min {min(times):.0f} ms   (goal: median <= 300 ms)")
        rate = throughput(cwd)
        print(f"throughput, altitude classify --jsonl --no-log ({JSONL_DECISIONS:,} decisions, whole process): "
              f"{rate:,.0f} decisions/s   (goal: >= 2,000/s)")
        if not env_clean:
            print("note: ALTITUDE_/OPENAI_ variables are set in this environment")


if __name__ == "__main__":
    main()
