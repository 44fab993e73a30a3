import json
import time

from tests.fakes.slack_server import BOT_USER


def mention(text="what is the time horizon of operations strategy?", ts="1700000001.000100", **extra):
    return {
        "type": "app_mention",
        "user": "U0ASKER",
        "channel": "C0GENERAL",
        "ts": ts,
        "text": f"<@{BOT_USER}> {text}",
        **extra,
    }


def as_message(event, channel_type="channel"):
    return {**event, "type": "message", "channel_type": channel_type}


def settle():
    time.sleep(0.4)


def test_a_mention_gets_a_grounded_answer_in_its_thread(altitude, fake_slack):
    assert altitude.event(mention())[0] == 200
    (post,) = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "C0GENERAL" and post["thread_ts"] == "1700000001.000100"
    sources = json.dumps(post["blocks"])
    assert "Sources: Time horizon (`time_horizon`)" in sources
    assert "long-term time horizon" in post["text"]


def test_a_question_the_documents_do_not_cover_is_declined(altitude, fake_slack):
    altitude.event(mention("what's the weather in Lisbon?"))
    (post,) = fake_slack.wait_for("chat.postMessage")
    assert "do not cover" in post["text"] and "Not covered" in json.dumps(post["blocks"])


def test_a_retried_event_is_answered_once(altitude, fake_slack):
    altitude.event(mention(), event_id="EvSAME")
    fake_slack.wait_for("chat.postMessage")
    for retry in ("1", "2", "3"):
        status, _ = altitude.event(
            mention(), event_id="EvSAME", headers={"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"}
        )
        assert status == 200
    settle()
    assert len(fake_slack.called("chat.postMessage")) == 1


def test_a_mention_delivered_also_as_a_message_is_answered_once(altitude, fake_slack):
    altitude.event(mention(), event_id="EvMENTION")
    altitude.event(as_message(mention()), event_id="EvMESSAGE")
    fake_slack.wait_for("chat.postMessage")
    settle()
    assert len(fake_slack.called("chat.postMessage")) == 1


def test_a_direct_message_shows_a_status_and_answers_in_thread(altitude, fake_slack):
    dm = {
        "type": "message",
        "channel_type": "im",
        "user": "U0ASKER",
        "channel": "D0DM",
        "ts": "1700000002.000100",
        "text": "Who makes operations strategy decisions?",
    }
    altitude.event(dm)
    (post,) = fake_slack.wait_for("chat.postMessage")
    (status,) = fake_slack.called("assistant.threads.setStatus")
    assert status["channel_id"] == "D0DM" and status["thread_ts"] == "1700000002.000100"
    assert post["thread_ts"] == "1700000002.000100" and "`level`" in json.dumps(post["blocks"])


def test_a_follow_up_in_an_answered_thread_needs_no_mention_and_uses_the_history(altitude, fake_slack):
    altitude.event(mention(ts="1700000003.000100"), event_id="Ev1")
    fake_slack.wait_for("chat.postMessage")
    fake_slack.thread_replies(
        "1700000003.000100",
        [
            {"user": "U0ASKER", "ts": "1700000003.000100", "text": f"<@{BOT_USER}> what is the time horizon?"},
            {"user": BOT_USER, "bot_id": "BBOT0001", "ts": "1700000003.000200", "text": "Long term for strategy."},
            {"user": "U0ASKER", "ts": "1700000003.000300", "text": "and who decides it?"},
        ],
    )
    follow_up = {
        "type": "message",
        "channel_type": "channel",
        "user": "U0ASKER",
        "channel": "C0GENERAL",
        "ts": "1700000003.000300",
        "thread_ts": "1700000003.000100",
        "text": "and who decides it?",
    }
    altitude.event(follow_up, event_id="Ev2")
    posts = fake_slack.wait_for("chat.postMessage", 2)
    assert posts[1]["thread_ts"] == "1700000003.000100"
    assert fake_slack.called("conversations.replies") == []  # the thread is Altitude's: read from the answers log
    assert "(`level`)" in json.dumps(posts[1]["blocks"])  # "who decides it" read as the time horizon's thread


def test_a_mention_in_someone_elses_thread_reads_the_thread_from_slack(altitude, fake_slack):
    fake_slack.thread_replies(
        "1700000009.000100",
        [
            {"user": "U0OTHER", "ts": "1700000009.000100", "text": "We are debating the time horizon of our plan."},
        ],
    )
    altitude.event(mention("who decides it?", ts="1700000009.000200", thread_ts="1700000009.000100"))
    (post,) = fake_slack.wait_for("chat.postMessage")
    assert fake_slack.called("conversations.replies")[0]["ts"] == "1700000009.000100"
    assert post["thread_ts"] == "1700000009.000100"


def test_a_rate_limited_thread_read_still_gets_an_answer(altitude, fake_slack):
    fake_slack.fail("conversations.replies", "ratelimited", status=429, headers={"Retry-After": "60"})
    altitude.event(
        mention(
            "what is the time horizon of operations strategy?", ts="1700000010.000200", thread_ts="1700000010.000100"
        )
    )
    (post,) = fake_slack.wait_for("chat.postMessage")
    assert "(`time_horizon`)" in json.dumps(post["blocks"])


def test_a_thread_altitude_has_not_answered_is_left_alone(altitude, fake_slack):
    chatter = {
        "type": "message",
        "channel_type": "channel",
        "user": "U0X",
        "channel": "C0GENERAL",
        "ts": "1700000004.000300",
        "thread_ts": "1700000004.000100",
        "text": "lunch?",
    }
    altitude.event(chatter)
    altitude.event({**chatter, "thread_ts": None, "ts": "1700000004.000400"}, event_id="Ev5")
    settle()
    assert fake_slack.called("chat.postMessage") == []


def test_bots_edits_and_deletions_are_ignored(altitude, fake_slack):
    base = as_message(mention(), channel_type="im")
    events = [
        {**base, "bot_id": "B0OTHER"},
        {**base, "subtype": "bot_message"},
        {**base, "subtype": "message_changed", "message": {"text": "edited"}},
        {**base, "subtype": "message_deleted"},
        {**base, "user": BOT_USER, "bot_id": "BBOT0001"},
    ]
    for n, event in enumerate(events):
        assert altitude.event(event, event_id=f"EvIgnore{n}")[0] == 200
    settle()
    assert fake_slack.called("chat.postMessage") == []


def test_decision_posts_in_a_decision_channel_are_classified_in_thread(make_altitude, fake_slack):
    altitude = make_altitude(decision_channels=("C0DECIDE",))
    post = {
        "type": "message",
        "channel_type": "channel",
        "user": "U0LEAD",
        "channel": "C0DECIDE",
        "ts": "1700000005.000100",
        "text": "Decision: we exit the Polish retail market by 2028.",
    }
    altitude.event(post)
    altitude.event({**post, "channel": "C0OTHER", "ts": "1700000005.000200"}, event_id="EvOther")
    (reply,) = fake_slack.wait_for("chat.postMessage")
    settle()
    assert len(fake_slack.called("chat.postMessage")) == 1
    assert reply["channel"] == "C0DECIDE" and reply["thread_ts"] == "1700000005.000100"
    (row,) = altitude.services.log.list()
    assert (row["source"], row["message_ts"], row["user_id"]) == ("auto", "1700000005.000100", "U0LEAD")
    assert row["text"] == "we exit the Polish retail market by 2028." and row["permalink"].endswith("p1700000005000100")


def test_a_decision_post_is_logged_before_its_ack_and_once_however_often_delivered(
    make_altitude, fake_slack, fake_openai
):
    fake_openai.hang(2.0)
    altitude = make_altitude(
        decision_channels=("C0DECIDE",),
        openai_api_key="sk-test",
        openai_base_url=fake_openai.base_url,
        engine="openai",
        llm_timeout=10,
    )
    post = {
        "type": "message",
        "channel_type": "channel",
        "user": "U0LEAD",
        "channel": "C0DECIDE",
        "ts": "1700000006.000100",
        "text": "Decision: we exit the Polish retail market by 2028.",
    }
    assert altitude.event(post, event_id="EvPost")[0] == 200
    (pending,) = altitude.services.log.list()  # logged when Slack got the ack; the model is still at work
    assert (pending["status"], pending["source"]) == ("pending", "auto")
    altitude.event(post, event_id="EvPost", headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    altitude.event({**post, "type": "app_mention"}, event_id="EvMention")  # the same message, another event
    fake_slack.wait_for("chat.postMessage", timeout=10)
    settle()
    assert len(fake_slack.called("chat.postMessage")) == 1 and len(altitude.services.log.list()) == 1


def test_an_empty_decision_post_gets_one_line_saying_what_to_add(make_altitude, fake_slack):
    altitude = make_altitude(decision_channels=("C0DECIDE",))
    altitude.event(
        {
            "type": "message",
            "channel_type": "channel",
            "user": "U0LEAD",
            "channel": "C0DECIDE",
            "ts": "1700000007.000100",
            "text": "Decision:   ",
        }
    )
    (reply,) = fake_slack.wait_for("chat.postMessage")
    assert reply["thread_ts"] == "1700000007.000100" and reply["text"].startswith("Altitude cannot classify this")
    assert altitude.services.log.list() == []


def test_answers_cannot_ping_anyone(altitude, fake_slack):
    altitude.event(mention("<!channel> @here <!subteam^S1|@ops> is scope broad? <@U0BOSS>"))
    (post,) = fake_slack.wait_for("chat.postMessage")
    posted = json.dumps(post)
    for forbidden in ("<!channel>", "<!subteam", "@here", "<@U0BOSS>"):
        assert forbidden not in posted


def test_a_failed_slack_call_is_logged_without_the_message_text(altitude, fake_slack, caplog):
    fake_slack.fail("chat.postMessage", "channel_not_found")
    with caplog.at_level("INFO"):
        altitude.event(mention("what is the confidential Falcon plan scope?"))
        fake_slack.wait_for("chat.postMessage")
        deadline = time.time() + 5
        while "channel_not_found" not in caplog.text and time.time() < deadline:
            time.sleep(0.02)
    assert "channel_not_found" in caplog.text
    assert "Falcon" not in caplog.text
    assert 'altitude_errors_total{where="delivery"} 1.0' in altitude.request("/metrics", method="GET", sign=False)[1]


def test_the_offline_engine_reads_a_follow_up_with_the_thread(altitude, fake_slack):
    altitude.event(mention("what does operations management focus on?", ts="1700000005.000100"), event_id="Ev7")
    fake_slack.wait_for("chat.postMessage")
    follow_up = {
        "type": "message",
        "channel_type": "channel",
        "user": "U0ASKER",
        "channel": "C0GENERAL",
        "ts": "1700000005.000300",
        "thread_ts": "1700000005.000100",
        "text": "how does that differ from strategy?",
    }
    altitude.event(follow_up, event_id="Ev8")
    posts = fake_slack.wait_for("chat.postMessage", 2)
    answer = json.dumps(posts[1]["blocks"])
    assert "How the two differ" in answer and "`focus`" in answer
    assert "Operations strategy is concerned" in answer and "Operations management is focused" in answer
