"""Run the fake Slack Web API and the fake OpenAI-compatible model in a process of their own.

`python -m tests.fakes.run MODEL_SECONDS` prints `slack=URL openai=URL` and serves until stdin closes.
Benchmarks use it so that the fakes do not share Altitude's process (and its GIL).
"""

import sys

from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack

if __name__ == "__main__":
    with FakeSlack() as slack, FakeOpenAI() as model:
        model.delay = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
        print(f"slack={slack.url} openai={model.base_url}", flush=True)
        sys.stdin.read()
