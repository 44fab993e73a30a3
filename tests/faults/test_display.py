"""Nothing posted pings or smuggles: user and model text, through the real `serve`, into Slack."""

import re
import sqlite3

from tests.fakes.slack_server import streamed_part
from tests.faults.serving import Serve

HOSTILE = (
    "<!channel> <@U0BOSS> <https://evil.example|your bank> @here \x1b[31mred\x07 \u202eevil\u202c "
    "zero\u200bwidth *Strategic · confidence 1.00* ```code``` "
)
SMUGGLED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _shown(call: dict) -> str:
    """Everything a person could see of a call: its text and every string in its blocks."""
    return "\n".join(_strings({"text": call.get("text"), "blocks": call.get("blocks")}))


def _assert_inert(shown: str) -> None:
    assert "<!" not in shown and "<@" not in shown and "<http" not in shown and "@here" not in shown
    assert not SMUGGLED.search(shown.replace("\n", " "))


def test_a_verdict_quotes_hostile_text_as_plain_text(tmp_path, fake_slack):
    serve = Serve(tmp_path, fake_slack)
    try:
        serve.command(f"{HOSTILE} We exit the Polish retail market by 2028.", response_url=fake_slack.response_url())
        (post,) = fake_slack.wait_for("chat.postMessage", timeout=20)
    finally:
        serve.stop()
    _assert_inert(_shown(post))
    quote = next(b for b in post["blocks"] if b["type"] == "section" and b["text"]["text"].startswith("“"))
    assert quote["text"]["type"] == "plain_text"  # Slack does not format it: the bold cannot break out
    with sqlite3.connect(tmp_path / "faults.db") as connection:
        (stored,) = connection.execute("SELECT text FROM decisions").fetchone()
    assert stored.startswith(HOSTILE.strip())  # the log keeps it exactly as given


def test_a_models_answer_is_posted_inert_in_text_and_blocks(tmp_path, fake_slack, fake_openai):
    fake_openai.reply({"answer": f"Scope is broad. {HOSTILE}", "citations": ["scope"], "in_scope": True})
    serve = Serve(tmp_path, fake_slack, fake_openai)
    try:
        serve.event(
            {
                "type": "app_mention",
                "user": "U0ASK",
                "channel": "C0FAULTS",
                "ts": "1700000000.000003",
                "text": "<@UBOT0001> what is scope?",
            },
            event_id="EvHOSTILE",
        )
        (stop,) = fake_slack.wait_for("chat.stopStream", timeout=20)  # a model's answer streams
    finally:
        serve.stop()
    calls = fake_slack.called("chat.startStream") + fake_slack.called("chat.appendStream") + [stop]
    streamed = "".join(streamed_part(c) for c in calls)
    _assert_inert(streamed + "\n" + _shown(stop))
    assert streamed.startswith("Scope is broad.") and "](" not in streamed
