"""Slack's AI-app surface, driven by signed requests against the fake Slack and the fake model:
streamed answers, feedback buttons, the answer-channel allowlist and the daily model budget."""

import json
import time

import pytest

from tests.fakes.slack_server import streamed_part, tasks_of
from tests.slack.test_messages import mention

LONG = (
    "Operations strategy sets the long-term direction of operations: which capacity to build, where to "
    "locate it and which capabilities to grow, decided by senior leaders over years and tied to the "
    "business strategy, while operations management runs the day-to-day work within it."
)


def model_answer(text=LONG, citations=("definition_strategy",), in_scope=True) -> dict:
    return {"answer": text, "citations": list(citations), "in_scope": in_scope}


@pytest.fixture
def streaming(make_altitude, fake_openai):
    fake_openai.chunk_delay = 0.03
    return make_altitude(
        openai_api_key="sk-test", openai_base_url=fake_openai.base_url, engine="openai", llm_timeout=10.0
    )


def streamed_text(fake_slack) -> str:
    parts = [
        streamed_part(c)
        for m in ("chat.startStream", "chat.appendStream", "chat.stopStream")
        for c in fake_slack.called(m)
    ]
    return "".join(parts)


def test_a_model_answer_streams_into_its_thread_and_ends_with_sources_and_feedback(streaming, fake_slack, fake_openai):
    fake_openai.reply(model_answer())
    streaming.event(mention("what is operations strategy?", ts="1700000020.000100"))
    (stop,) = fake_slack.wait_for("chat.stopStream")
    (start,) = fake_slack.called("chat.startStream")
    assert start["thread_ts"] == "1700000020.000100" and start["channel"] == "C0GENERAL"
    assert start["recipient_user_id"] == "U0ASKER" and start["recipient_team_id"] == "T0001"
    assert len(fake_slack.called("chat.appendStream")) >= 1  # the text came as the model wrote it
    starts, appends = (
        [streamed_part(c) for c in fake_slack.called("chat.startStream")],
        [streamed_part(c) for c in fake_slack.called("chat.appendStream")],
    )
    assert all(part.endswith(" ") for part in starts + appends)  # whole words only
    assert "".join(starts + appends + [streamed_part(stop)]) == LONG
    footer = json.dumps(stop["blocks"])
    assert "Sources:" in footer and "`definition_strategy`" in footer and '"feedback_buttons"' in footer
    assert fake_slack.called("chat.postMessage") == [] and fake_slack.called("chat.update") == []
    stream_ts = stop["ts"]
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        (answer,) = streaming.services.answers.list()
        rows = [streaming.services.outbox.get(i) for i in range(1, 4)]
        if any(r and r["status"] == "posted" for r in rows):
            break
        time.sleep(0.05)
    posted = [r for r in rows if r and r["kind"] == "answer"]
    assert posted[0]["status"] == "posted" and posted[0]["message_ts"] == stream_ts
    assert answer["engine"] == "openai" and answer["citations"] == ["definition_strategy"]


def test_progress_shows_as_task_cards_the_writing_one_completed_with_the_cited_sections(
    streaming, fake_slack, fake_openai
):
    fake_openai.reply(model_answer())
    streaming.event(mention("what is operations strategy?", ts="1700000025.000100"))
    (stop,) = fake_slack.wait_for("chat.stopStream")
    (start,) = fake_slack.called("chat.startStream")
    assert start["task_display_mode"] == "timeline"
    assert [(t["id"], t["status"]) for t in tasks_of(start)] == [("search", "complete"), ("write", "in_progress")]
    (done,) = tasks_of(stop)
    assert done["id"] == "write" and done["status"] == "complete"
    assert done["output"] == "Cited: Operations strategy"
    assert all(tasks_of(c) == [] for c in fake_slack.called("chat.appendStream"))  # appends carry text only


def test_when_slack_refuses_the_task_chunks_the_answer_streams_as_plain_text(streaming, fake_slack, fake_openai):
    fake_openai.reply(model_answer())
    fake_slack.fail("chat.startStream", "invalid_chunks")
    streaming.event(mention("what is operations strategy?", ts="1700000026.000100"))
    (stop,) = fake_slack.wait_for("chat.stopStream")
    refused, started = fake_slack.called("chat.startStream")
    assert tasks_of(refused) and "markdown_text" not in refused
    assert "chunks" not in started and started["markdown_text"] and "chunks" not in stop
    assert streamed_text(fake_slack).endswith(LONG) and fake_slack.called("chat.update") == []
    assert '"feedback_buttons"' in json.dumps(stop["blocks"])


def test_a_stream_slack_closes_is_finished_with_chat_update_on_the_same_message(streaming, fake_slack, fake_openai):
    fake_openai.reply(model_answer())
    fake_slack.down("chat.appendStream", "message_not_in_streaming_state", status=200)
    streaming.event(mention("what is operations strategy?", ts="1700000021.000100"))
    (update,) = fake_slack.wait_for("chat.update")
    (start,) = fake_slack.called("chat.startStream")
    assert update["ts"] == start["_ts"] and update["channel"] == "C0GENERAL"
    assert LONG[:40] in update["text"] and '"feedback_buttons"' in json.dumps(update["blocks"])
    assert fake_slack.called("chat.postMessage") == []


def test_an_ungrounded_streamed_answer_is_replaced_by_the_offline_one_marked_as_such(
    streaming, fake_slack, fake_openai
):
    fake_openai.reply(model_answer(citations=()))  # in scope, yet it cites nothing
    streaming.event(mention("what is the time horizon of operations strategy?", ts="1700000022.000100"))
    (update,) = fake_slack.wait_for("chat.update")
    (stop,) = fake_slack.called("chat.stopStream")  # the stream was ended before it was replaced
    assert [(t["id"], t["status"]) for t in tasks_of(stop)] == [("write", "error")]  # no card left spinning
    blocks = json.dumps(update["blocks"])
    assert "Answered by the offline engine" in blocks and "(`time_horizon`)" in blocks
    assert update["ts"] == fake_slack.called("chat.startStream")[0]["_ts"]


def test_streamed_text_cannot_ping_or_spoof_a_link(streaming, fake_slack, fake_openai):
    fake_openai.reply(
        model_answer(
            "Ask <!channel> and see [your bank](https://evil.example) for the plan of "
            "operations strategy, which is long term and decided by senior leaders. "
        )
    )
    streaming.event(mention("what is operations strategy?", ts="1700000023.000100"))
    fake_slack.wait_for("chat.stopStream")
    text = streamed_text(fake_slack)
    assert "<!channel>" not in text
    assert "&lt;! channel&gt;" in text
    assert "](https://" not in text


def test_an_offline_answer_is_posted_whole_with_feedback_buttons(altitude, fake_slack):
    altitude.event(mention(ts="1700000024.000100"))
    (post,) = fake_slack.wait_for("chat.postMessage")
    assert fake_slack.called("chat.startStream") == []
    (feedback,) = [b for b in post["blocks"] if b["type"] == "context_actions"]
    values = {feedback["elements"][0]["positive_button"]["value"], feedback["elements"][0]["negative_button"]["value"]}
    (answer,) = altitude.services.answers.list()
    assert values == {f"positive:{answer['id']}", f"negative:{answer['id']}"}
    assert answer["team_id"] == "T0001" and answer["channel_id"] == "C0GENERAL" and answer["user_id"] == "U0ASKER"
    assert answer["thread_ts"] == "1700000024.000100" and answer["engine"] == "rubric"


def press(answer_id, vote, user="U0ASKER", trigger=None):
    return {
        "type": "block_actions",
        "team": {"id": "T0001"},
        "user": {"id": user},
        "trigger_id": trigger or f"{time.time_ns()}.9",
        "channel": {"id": "C0GENERAL"},
        "container": {
            "type": "message",
            "message_ts": "1800000000.000001",
            "channel_id": "C0GENERAL",
            "thread_ts": "1700000025.000100",
        },
        "actions": [
            {
                "action_id": "answer_feedback",
                "type": "feedback_buttons",
                "value": f"{vote}:{answer_id}",
                "action_ts": "1.2",
            }
        ],
    }


def wait_for_vote(altitude, answer_id, expected, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if altitude.services.answers.get(answer_id)["feedback"] == expected:
            return
        time.sleep(0.02)
    raise AssertionError(f"feedback is {altitude.services.answers.get(answer_id)['feedback']}, expected {expected}")


def test_feedback_is_one_vote_per_person_which_they_can_change_acknowledged_privately(altitude, fake_slack):
    altitude.event(mention(ts="1700000025.000100"))
    fake_slack.wait_for("chat.postMessage")
    (answer,) = altitude.services.answers.list()
    assert altitude.interaction(press(answer["id"], "positive"))[0] == 200
    wait_for_vote(altitude, answer["id"], "positive")
    (note,) = fake_slack.wait_for("chat.postEphemeral")
    assert note["user"] == "U0ASKER" and "helped" in note["text"] and note["thread_ts"] == "1700000025.000100"
    altitude.interaction(press(answer["id"], "negative"))
    wait_for_vote(altitude, answer["id"], "negative")
    stats = altitude.services.answers.stats()
    assert stats["engines"][0]["votes"] == 1 and stats["engines"][0]["positive"] == 0


def test_a_replayed_feedback_press_does_nothing_the_second_time(altitude, fake_slack):
    altitude.event(mention(ts="1700000026.000100"))
    fake_slack.wait_for("chat.postMessage")
    (answer,) = altitude.services.answers.list()
    altitude.interaction(press(answer["id"], "positive", trigger="7.7.7"))
    fake_slack.wait_for("chat.postEphemeral")
    altitude.interaction(press(answer["id"], "negative"))
    wait_for_vote(altitude, answer["id"], "negative")
    altitude.interaction(press(answer["id"], "positive", trigger="7.7.7"))  # the first press, replayed
    time.sleep(0.4)
    assert altitude.services.answers.get(answer["id"])["feedback"] == "negative"


def test_feedback_on_another_teams_answer_records_nothing(altitude, fake_slack):
    altitude.event(mention(ts="1700000027.000100"))
    fake_slack.wait_for("chat.postMessage")
    (answer,) = altitude.services.answers.list()
    altitude.interaction({**press(answer["id"], "negative"), "team": {"id": "T0OTHER"}})
    (note,) = fake_slack.wait_for("chat.postEphemeral")
    assert "nothing was recorded" in note["text"]
    assert altitude.services.answers.get(answer["id"])["feedback"] is None


def test_outside_the_answer_channels_a_mention_gets_one_private_note_a_day(make_altitude, fake_slack):
    altitude = make_altitude(answer_channels=("C0ANSWERS",))
    altitude.event(mention(ts="1700000028.000100"), event_id="Ev1")
    (note,) = fake_slack.wait_for("chat.postEphemeral")
    assert note["user"] == "U0ASKER" and note["channel"] == "C0GENERAL"
    assert "&lt;#C0ANSWERS&gt;" not in note["text"] and "<#C0ANSWERS>" in note["text"]
    altitude.event(mention("and the scope?", ts="1700000028.000200"), event_id="Ev2")
    altitude.event({**mention(ts="1700000028.000300"), "channel": "C0ANSWERS"}, event_id="Ev3")
    (answer,) = fake_slack.wait_for("chat.postMessage")
    assert answer["channel"] == "C0ANSWERS"
    time.sleep(0.4)
    assert len(fake_slack.called("chat.postEphemeral")) == 1
    assert [p["channel"] for p in fake_slack.called("chat.postMessage")] == ["C0ANSWERS"]


def test_direct_messages_are_answered_whatever_the_answer_channels(make_altitude, fake_slack):
    altitude = make_altitude(answer_channels=("C0ANSWERS",))
    dm = {
        "type": "message",
        "channel_type": "im",
        "user": "U0ASKER",
        "channel": "D0DM",
        "ts": "1700000029.000100",
        "text": "what is the time horizon of operations strategy?",
    }
    altitude.event(dm)
    (post,) = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "D0DM" and fake_slack.called("chat.postEphemeral") == []
    (status,) = fake_slack.called("assistant.threads.setStatus")
    assert status["loading_messages"]


def test_the_daily_model_budget_holds_across_two_replicas(make_altitude, fake_slack, fake_openai):
    settings = dict(
        openai_api_key="sk-test", openai_base_url=fake_openai.base_url, engine="openai", daily_model_calls=3
    )
    replicas = [make_altitude(**settings), make_altitude(**settings)]
    for n in range(8):
        replicas[n % 2].event(mention("what is operations strategy?", ts=f"1700000030.00010{n}"), event_id=f"Ev{n}")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(replicas[0].services.answers.list()) < 8:
        time.sleep(0.05)
    answers = replicas[0].services.answers.list()
    assert len(answers) == 8
    assert len(fake_openai.requests) == 3
    spent = [a for a in answers if a["fallback_reason"]]
    assert len(spent) == 5 and all("ALTITUDE_DAILY_MODEL_CALLS" in a["fallback_reason"] for a in spent)
    assert replicas[1].services.budget.used("T0001") == {"T0001": {"calls": 3, "refused": 5}}
    _, metrics = replicas[0].request("/metrics", method="GET")
    assert 'altitude_model_calls_today{team="T0001"} 3.0' in metrics


def test_a_model_answer_in_a_dm_sets_a_status_then_streams(streaming, fake_slack, fake_openai):
    fake_openai.reply(model_answer())
    dm = {
        "type": "message",
        "channel_type": "im",
        "user": "U0ASKER",
        "channel": "D0DM",
        "ts": "1700000031.000100",
        "text": "what is operations strategy?",
    }
    streaming.event(dm)
    fake_slack.wait_for("chat.stopStream")
    assert fake_slack.called("assistant.threads.setStatus")[0]["thread_ts"] == "1700000031.000100"
    assert fake_slack.called("chat.startStream")[0]["thread_ts"] == "1700000031.000100"
