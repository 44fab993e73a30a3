"""Slack acks under load: 100 `/classify` requests, 20 at a time, with a model that takes 3 seconds.

Three processes besides this one: the fakes (a Slack Web API and an OpenAI-compatible model that
answers after 3 s), `altitude serve` itself over HTTP, and a bare Bolt app that only acks, served
the same way (waitress, same thread count). The same signed requests go to both, in alternating
rounds (each request with its own trigger id, as Slack sends them: a repeated one is a replay and
does nothing); this prints ack latency p50/p99 for each round and overall, and how long until all 100
verdicts of the first round reached Slack, and the CPU each server spent during the bursts.
Goal: Altitude's p99 within 1.5 times the bare app's. Each /classify ack waits for its decision's
pending row (see bot/storage/pending.py); the run also prints how many acks went out before it.
`--database postgresql` runs Altitude on a fresh PostgreSQL database (default: SQLite).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 100
CONCURRENCY = 20
ROUNDS = 10
MODEL_SECONDS = 3.0
SECRET = "bench-signing-secret"
DECISION = "Leadership approved entering the Brazilian market with two plants by 2029 (request {n})."
BARE_APP = """
import sys
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from waitress import serve
app = App(signing_secret=sys.argv[1], client=WebClient(token="xoxb-bench", base_url=sys.argv[2]),
          process_before_response=True)
app.command("/classify")(lambda ack: ack("ok"))
serve(SlackRequestHandler(app), host="127.0.0.1", port=int(sys.argv[3]), threads=16, _quiet=True)
"""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


def send(url: str, n: int, response_url: str) -> float:
    body = urlencode(
        {
            "team_id": "T0001",
            "channel_id": "C0BENCH",
            "user_id": "U0BENCH",
            "command": "/classify",
            "text": DECISION.format(n=n),
            "response_url": response_url,
            "trigger_id": f"{n}.{uuid.uuid4().int % 10**12}.bench",
            "api_app_id": "A0001",
            "team_domain": "bench",
            "channel_name": "bench",
            "user_name": "bench",
        }
    )
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body),
    }
    started = time.perf_counter()
    with urllib.request.urlopen(
        urllib.request.Request(url, data=body.encode(), headers=headers), timeout=10
    ) as response:
        assert response.status == 200
    return time.perf_counter() - started


def burst(url: str, response_url: str) -> list[float]:
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        return list(pool.map(lambda n: send(url, n, response_url), range(REQUESTS)))


def percentile(latencies: list[float], q: float) -> float:
    ordered = sorted(latencies)
    return ordered[int(q * (len(ordered) - 1))]


def describe(name: str, latencies: list[float]) -> float:
    ordered = sorted(latencies)
    p50, p99 = statistics.median(ordered), percentile(ordered, 0.99)
    print(f"{name}: ack p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms")
    return p99


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    database = parser.parse_args().database
    if database == "postgresql":
        sys.path.insert(0, str(ROOT))
        from tests.databases import postgres_database

        with postgres_database() as url:
            run(lambda folder: url, database)
    else:
        run(lambda folder: f"sqlite:///{folder}/bench.db", database)


def run(database_url, database: str) -> None:
    fakes = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.run", str(MODEL_SECONDS)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    urls = dict(part.split("=", 1) for part in fakes.stdout.readline().split())
    slack, model = urls["slack"], urls["openai"]
    bare_port, altitude_port = free_port(), free_port()
    altitude_bin = Path(sys.executable).with_name("altitude")
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": f"{slack}/api/",
            "OPENAI_API_KEY": "sk-bench",
            "OPENAI_BASE_URL": model,
            "DATABASE_URL": database_url(folder),
            "PORT": str(altitude_port),
        }
        env.pop("SLACK_APP_TOKEN", None)
        servers = [
            subprocess.Popen([sys.executable, "-c", BARE_APP, SECRET, f"{slack}/api/", str(bare_port)]),
            subprocess.Popen([str(altitude_bin), "serve"], cwd=folder, env=env, stderr=subprocess.DEVNULL),
        ]
        try:
            wait_until_up(f"http://127.0.0.1:{altitude_port}/healthz")
            time.sleep(0.5)
            bare_all, ours_all, finished = [], [], None
            cpu = {"bare": CPU(), "ours": CPU()}
            for round_number in range(1, ROUNDS + 1):
                before = cpu_seconds(servers[0].pid)
                bare_round = burst(f"http://127.0.0.1:{bare_port}/slack/events", f"{slack}/respond/b")
                cpu["bare"] += cpu_seconds(servers[0].pid) - before
                started, before = time.perf_counter(), cpu_seconds(servers[1].pid)
                ours_round = burst(f"http://127.0.0.1:{altitude_port}/slack/events", f"{slack}/respond/a")
                cpu["ours"] += cpu_seconds(servers[1].pid) - before
                print(
                    f"round {round_number}: bare p99 {percentile(bare_round, 0.99) * 1000:.0f} ms, "
                    f"altitude p99 {percentile(ours_round, 0.99) * 1000:.0f} ms",
                    flush=True,
                )
                bare_all, ours_all = bare_all + bare_round, ours_all + ours_round
                while (
                    count(slack, "chat.postMessage") < REQUESTS * round_number and time.perf_counter() - started < 120
                ):
                    time.sleep(0.05)
                finished = finished or time.perf_counter() - started
            late = late_pending(f"http://127.0.0.1:{altitude_port}/metrics")
        finally:
            for server in servers:
                server.terminate()
                server.wait()
            fakes.stdin.close()
            fakes.wait()
    bare = describe(f"bare Bolt app (ack only), {ROUNDS} x {REQUESTS}", bare_all)
    ours = describe(f"altitude serve on {database}, /classify, {ROUNDS} x {REQUESTS}", ours_all)
    print(
        f"server CPU during the bursts, per request: bare {cpu['bare'].per_request(len(bare_all))}, "
        f"altitude {cpu['ours'].per_request(len(ours_all))}"
    )
    print(f"acks sent before their decision was in the log as pending: {late:.0f} of {len(ours_all)}")
    print(
        f"all {REQUESTS} verdicts of a round reached Slack {finished:.1f} s after its first request "
        f"(the model takes {MODEL_SECONDS:.0f} s a call)"
    )
    print(f"p99 ratio, altitude / bare = {ours / bare:.2f} (goal <= 1.5)")


def cpu_seconds(pid: int) -> CPU:
    """The user and system CPU a process has spent so far (Linux: /proc; 10 ms ticks, summed over rounds)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    tick = os.sysconf("SC_CLK_TCK")
    return CPU(int(fields[11]) / tick, int(fields[12]) / tick)


@dataclass
class CPU:
    user: float = 0.0
    system: float = 0.0

    def __sub__(self, other: CPU) -> CPU:
        return CPU(self.user - other.user, self.system - other.system)

    def __add__(self, other: CPU) -> CPU:
        return CPU(self.user + other.user, self.system + other.system)

    def per_request(self, requests: int) -> str:
        return f"{(self.user + self.system) / requests * 1000:.2f} ms ({self.system / requests * 1000:.2f} ms in the kernel)"


def late_pending(metrics_url: str) -> float:
    with urllib.request.urlopen(metrics_url) as response:
        for line in response.read().decode().splitlines():
            if line.startswith("altitude_acks_before_pending_row_total "):
                return float(line.split()[1])
    raise RuntimeError("the metric altitude_acks_before_pending_row_total is missing")


def count(slack: str, method: str) -> int:
    with urllib.request.urlopen(f"{slack}/_count/{method}") as response:
        return json.load(response)["count"]


if __name__ == "__main__":
    main()
