"""How soon a person sees a model's answer: streamed into the thread, against posted whole.

The real Slack app (Bolt over waitress, on loopback) answers mentions with the openai engine,
against the loopback fakes: a model that writes its 600-character answer in 12-character pieces,
one every 30 ms (about 1.6 s for the whole reply, like a small hosted model), and a fake Slack
that records the time of every call. Each round sends one mention and measures, from the signed
event's send: the first text Slack shows (`chat.startStream`), and the finished message
(`chat.stopStream`). The same rounds with Slack refusing `chat.startStream` give the whole-message
path (`chat.postMessage` once the model is done), for comparison in the same run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 10
ANSWER = (
    "Operations strategy sets the long-term direction of an organisation's operations: which capacity to "
    "build, where to put it, which capabilities to grow and how operations will support the business "
    "strategy. It is decided by senior leaders, looks years ahead, and covers the whole operations "
    "function. Operations management runs the day-to-day work inside that direction: planning, "
    "scheduling, quality and cost, decided by managers and supervisors, over days and weeks. Both are "
    "needed: a strategy without good management is never delivered, and good management without a "
    "strategy optimises the wrong things."
)


def main() -> None:
    from bot.config import Settings
    from tests.fakes.openai_server import FakeOpenAI
    from tests.fakes.slack_server import FakeSlack
    from tests.slack.conftest import SECRET, Altitude

    with FakeSlack() as slack, FakeOpenAI() as model, tempfile.TemporaryDirectory() as folder:
        model.chunk_delay = 0.03
        settings = Settings(
            slack_bot_token="xoxb-bench",
            slack_signing_secret=SECRET,
            slack_api_url=slack.api_url,
            database_url=f"sqlite:///{folder}/bench.db",
            openai_api_key="sk-bench",
            openai_base_url=model.base_url,
            engine="openai",
            llm_timeout=30.0,
        )
        altitude = Altitude(settings)
        try:
            streamed = [
                one_round(altitude, slack, model, n, "chat.startStream", "chat.stopStream") for n in range(ROUNDS)
            ]
            slack.down("chat.startStream", "not_allowed_token_type", status=200)
            whole = [
                one_round(altitude, slack, model, ROUNDS + n, "chat.postMessage", "chat.postMessage")
                for n in range(ROUNDS)
            ]
        finally:
            altitude.close()
    first, done = zip(*streamed)
    print(f"streamed, {ROUNDS} answers: first text after {ms(first)}, whole answer after {ms(done)}")
    print(f"posted whole, {ROUNDS} answers: first text after {ms([w[0] for w in whole])}")
    print(
        f"first text, posted whole / streamed = {statistics.median(w[0] for w in whole) / statistics.median(first):.1f}x"
    )


def one_round(altitude, slack, model, n: int, first_method: str, last_method: str) -> tuple[float, float]:
    model.reply({"answer": ANSWER, "citations": ["definition_strategy", "both_needed"], "in_scope": True})
    before = {m: len(slack.called(m)) for m in (first_method, last_method)}
    event = {
        "type": "app_mention",
        "user": "U0BENCH",
        "channel": "C0BENCH",
        "ts": f"1700001000.{n:06d}",
        "text": "<@UBOT0001> what is operations strategy, and how does it differ from operations management?",
    }
    started = time.perf_counter()
    altitude.event(event, event_id=f"EvBench{n}")
    first = wait(lambda: len(slack.called(first_method)) > before[first_method]) - started
    last = wait(lambda: len(slack.called(last_method)) > before[last_method]) - started
    time.sleep(0.2)
    return first, last


def wait(condition, timeout: float = 30.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return time.perf_counter()
        time.sleep(0.002)
    raise RuntimeError("the answer did not arrive")


def ms(values) -> str:
    ordered = sorted(values)
    return f"median {statistics.median(ordered) * 1000:.0f} ms (max {ordered[-1] * 1000:.0f} ms)"


if __name__ == "__main__":
    main()
