import json
import time

from tests.fakes.slack_server import BOT_USER

DECISION = "Leadership approved entering the Brazilian market with two plants by 2029."


def test_classify_acks_at_once_then_posts_the_verdict_with_review_buttons(altitude, fake_slack):
    status, body = altitude.command(DECISION, response_url=fake_slack.response_url())
    assert status == 200 and body == "Classifying…"  # Bolt answers a text-only ack as plain text
    (post,) = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "C0GENERAL" and post["text"].startswith("Strategic")
    blocks = post["blocks"]
    assert blocks[0]["text"]["text"].startswith("Strategic · confidence")
    buttons = blocks[-1]["elements"]
    (row,) = altitude.services.log.list()
    assert [b["action_id"] for b in buttons] == ["review_agree", "review_strategic", "review_operational"]
    assert {b["value"] for b in buttons} == {str(row["id"])}
    assert (row["source"], row["team_id"], row["channel_id"], row["user_id"]) == (
        "slash",
        "T0001",
        "C0GENERAL",
        "U0USER1",
    )
    deadline = time.time() + 5
    while altitude.services.log.get(row["id"])["permalink"] is None and time.time() < deadline:
        time.sleep(0.02)
    row = altitude.services.log.get(row["id"])
    assert row["message_ts"] == post.get("ts") or row["message_ts"].startswith("1800000000.")
    assert row["permalink"].startswith("https://altitude-test.slack.com/archives/C0GENERAL/")


def test_every_dimension_with_evidence_is_in_the_message(altitude, fake_slack):
    altitude.command(DECISION, response_url=fake_slack.response_url())
    (post,) = fake_slack.wait_for("chat.postMessage")
    fields = [f["text"] for b in post["blocks"] if b.get("fields") for f in b["fields"]]
    assert [f.split(" · ")[0] for f in fields] == ["Scope", "Level", "Time horizon", "Focus", "Link to strategy"]
    assert any("Brazilian market" in f for f in fields)


def test_help_and_empty_text_answer_usage_and_log_nothing(altitude, fake_slack):
    for text in ("", "help", "  HELP "):
        status, body = altitude.command(text, response_url=fake_slack.response_url())
        assert status == 200 and "/classify" in json.loads(body)["text"]
        assert json.loads(body).get("response_type", "ephemeral") == "ephemeral"
    time.sleep(0.3)
    assert altitude.services.log.list() == []
    assert fake_slack.called("chat.postMessage") == [] and fake_slack.called("response_url") == []


def test_text_without_words_is_explained_in_the_ack(altitude, fake_slack):
    status, body = altitude.command("🎉🎉🎉", response_url=fake_slack.response_url())
    assert status == 200 and "no words" in body
    time.sleep(0.3)
    assert altitude.services.log.list() == []


def test_a_channel_the_bot_is_not_in_gets_the_verdict_through_response_url(altitude, fake_slack):
    fake_slack.fail("chat.postMessage", "not_in_channel")
    altitude.command(DECISION, response_url=fake_slack.response_url("abc"))
    (reply,) = fake_slack.wait_for("response_url")
    assert reply["_path"] == "/respond/abc" and reply["response_type"] == "in_channel"
    assert reply["blocks"][0]["text"]["text"].startswith("Strategic")


def test_rate_limited_post_is_retried(altitude, fake_slack):
    fake_slack.fail("chat.postMessage", "ratelimited", status=429, headers={"Retry-After": "0"})
    altitude.command(DECISION, response_url=fake_slack.response_url())
    assert len(fake_slack.wait_for("chat.postMessage", 2)) == 2
    assert fake_slack.called("response_url") == []


def test_the_ack_never_waits_for_the_model(make_altitude, fake_slack, fake_openai):
    fake_openai.hang(2.0)
    altitude = make_altitude(
        openai_api_key="sk-test", openai_base_url=fake_openai.base_url, engine="openai", llm_timeout=10
    )
    started = time.perf_counter()
    status, body = altitude.command(DECISION, response_url=fake_slack.response_url())
    acked = time.perf_counter() - started
    assert status == 200 and body == "Classifying…"  # Bolt answers a text-only ack as plain text
    assert acked < 1.0, acked
    (pending,) = altitude.services.log.list()  # in the log before the ack returned, while the model still works
    assert pending["status"] == "pending" and pending["source"] == "slash"
    assert altitude.services.log.get(pending["id"])["lease_until"] is not None
    assert altitude.metrics.late_pending._value.get() == 0
    (post,) = fake_slack.wait_for("chat.postMessage", timeout=10)
    assert time.perf_counter() - started >= 2.0
    assert "engine openai (fake-model-1)" in json.dumps(post["blocks"])


def test_nothing_posted_can_ping_the_channel(altitude, fake_slack):
    altitude.command(
        "<!channel> @here We will exit the bus market by 2030 <@U0BOSS> <https://x.example|click>",
        response_url=fake_slack.response_url(),
    )
    (post,) = fake_slack.wait_for("chat.postMessage")
    posted = json.dumps(post)
    for forbidden in ("<!channel>", "<!here", "@here", "<@U0BOSS>", "<https://x.example"):
        assert forbidden not in posted
    assert BOT_USER not in posted
