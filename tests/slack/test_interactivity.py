import json
import time

from bot.domain.verdict import Origin


def shortcut_payload(response_url, text="We're closing the Dayton plant and moving production to Mexico by 2027."):
    return {
        "type": "message_action",
        "callback_id": "classify_decision",
        "trigger_id": "1.2.3",
        "team": {"id": "T0001"},
        "user": {"id": "U0CLICK"},
        "channel": {"id": "C0GENERAL"},
        "message": {"type": "message", "user": "U0AUTHOR", "ts": "1700000010.000100", "text": text},
        "response_url": response_url,
    }


def test_the_message_shortcut_classifies_that_message_in_its_thread(altitude, fake_slack):
    status, _ = altitude.interaction(shortcut_payload(fake_slack.response_url()))
    assert status == 200
    (post,) = fake_slack.wait_for("chat.postMessage")
    assert post["thread_ts"] == "1700000010.000100" and post["text"].startswith("Strategic")
    (row,) = altitude.services.log.list()
    assert (row["source"], row["message_ts"], row["user_id"]) == ("shortcut", "1700000010.000100", "U0CLICK")
    assert row["permalink"].endswith("p1700000010000100")


def test_the_shortcut_logs_the_decision_as_pending_before_its_ack(make_altitude, fake_slack, fake_openai):
    fake_openai.hang(2.0)
    altitude = make_altitude(
        openai_api_key="sk-test", openai_base_url=fake_openai.base_url, engine="openai", llm_timeout=10
    )
    status, _ = altitude.interaction(shortcut_payload(fake_slack.response_url()))
    assert status == 200
    (pending,) = altitude.services.log.list()  # in the log when the ack returned; the model is still at work
    assert (pending["status"], pending["source"]) == ("pending", "shortcut")
    fake_slack.wait_for("chat.postMessage", timeout=10)
    row = altitude.services.log.get(pending["id"])
    assert row["status"] == "classified" and row["permalink"].endswith("p1700000010000100")


def test_an_empty_message_gets_a_private_line_and_logs_nothing(altitude, fake_slack):
    altitude.interaction(shortcut_payload(fake_slack.response_url(), text="  🎉 "))
    (reply,) = fake_slack.wait_for("response_url")
    assert reply["response_type"] == "ephemeral" and reply["text"].startswith("Altitude cannot classify that message")
    assert altitude.services.log.list() == []


def test_the_shortcut_answers_privately_where_the_bot_cannot_post(altitude, fake_slack):
    fake_slack.fail("chat.postMessage", "not_in_channel")
    altitude.interaction(shortcut_payload(fake_slack.response_url("s1")))
    (reply,) = fake_slack.wait_for("response_url")
    assert reply["response_type"] == "ephemeral" and reply["blocks"][0]["type"] == "header"


def _logged(altitude, text="Cleaners start at 6am tomorrow on floor 3."):
    return altitude.services.classify(
        text, origin=Origin(source="slash", team_id="T0001", channel_id="C0GENERAL")
    ).decision_id


_TRIGGERS = iter(range(1, 10**6))


def button(action_id, decision_id, response_url, user="U0REVIEW", container=None, trigger=None):
    """A click as Slack sends it: every click has a trigger id of its own."""
    trigger = trigger or f"1.2.{next(_TRIGGERS)}"
    return {
        "type": "block_actions",
        "team": {"id": "T0001"},
        "user": {"id": user},
        "trigger_id": trigger,
        "container": container or {"type": "message", "message_ts": "1800000000.000001", "channel_id": "C0GENERAL"},
        "channel": {"id": "C0GENERAL"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": f"review_{decision_id}",
                "value": str(decision_id),
                "type": "button",
                "action_ts": "1.2",
            }
        ],
    }


def test_a_review_is_recorded_and_the_message_shows_who_reviewed(altitude, fake_slack):
    decision_id = _logged(altitude)
    status, _ = altitude.interaction(button("review_strategic", decision_id, fake_slack.response_url()))
    assert status == 200
    (update,) = fake_slack.wait_for("response_url")
    assert update["replace_original"] is True
    footer = update["blocks"][-1]["elements"][0]["text"]
    assert "Reviewed by Person U0REVIEW as *strategic* (corrected)" in footer  # named, not mentioned: no ping
    assert "<@" not in json.dumps(update)
    row = altitude.services.log.get(decision_id)
    assert (row["label"], row["review_label"], row["reviewed_by"]) == ("operational", "strategic", "U0REVIEW")


def test_agree_records_altitudes_own_label(altitude, fake_slack):
    decision_id = _logged(altitude)
    altitude.interaction(button("review_agree", decision_id, fake_slack.response_url()))
    fake_slack.wait_for("response_url")
    assert altitude.services.log.get(decision_id)["review_label"] == "operational"


def test_a_workspace_cannot_review_another_workspaces_decision(altitude, fake_slack):
    decision_id = _logged(altitude)
    other = button("review_strategic", decision_id, fake_slack.response_url())
    other["team"] = {"id": "T0OTHER"}
    altitude.interaction(other)
    (refusal,) = fake_slack.wait_for("response_url")
    assert refusal["response_type"] == "ephemeral" and f"no decision with id {decision_id}" in refusal["text"]
    assert altitude.services.log.get(decision_id)["review_label"] is None


def test_a_click_that_names_no_workspace_reviews_nothing(altitude, fake_slack):
    decision_id = _logged(altitude)
    nameless = button("review_strategic", decision_id, fake_slack.response_url())
    nameless["team"] = None
    altitude.interaction(nameless)
    (refusal,) = fake_slack.wait_for("response_url")
    assert refusal["response_type"] == "ephemeral" and "missing its team" in refusal["text"]
    assert altitude.services.log.get(decision_id)["review_label"] is None


def test_only_named_reviewers_may_review(make_altitude, fake_slack):
    altitude = make_altitude(reviewers=("U0BOSS",))
    decision_id = _logged(altitude)
    altitude.interaction(button("review_strategic", decision_id, fake_slack.response_url(), user="U0INTERN"))
    (refusal,) = fake_slack.wait_for("response_url")
    assert refusal["response_type"] == "ephemeral" and "ALTITUDE_REVIEWERS" in refusal["text"]
    assert refusal.get("replace_original") in (False, "false", None)
    assert altitude.services.log.get(decision_id)["review_label"] is None
    altitude.interaction(button("review_strategic", decision_id, fake_slack.response_url(), user="U0BOSS"))
    fake_slack.wait_for("response_url", 2)
    assert altitude.services.log.get(decision_id)["review_label"] == "strategic"


def test_a_review_from_the_home_tab_refreshes_it(altitude, fake_slack):
    decision_id = _logged(altitude)
    altitude.interaction(
        button("review_agree", decision_id, fake_slack.response_url(), container={"type": "view", "view_id": "V1"})
    )
    (publish,) = fake_slack.wait_for("views.publish")
    assert publish["user_id"] == "U0REVIEW" and "Nothing awaits review." in json.dumps(publish["view"])


def test_the_home_tab_shows_counts_recent_and_awaiting_with_buttons(altitude, fake_slack):
    first = _logged(altitude)
    second = _logged(altitude, "Board approved exiting the Chilean market by 2029.")
    altitude.services.review(first, reviewer="U1", choice="agree")
    altitude.event({"type": "app_home_opened", "user": "U0VIEWER", "channel": "D0HOME", "tab": "home"})
    (publish,) = fake_slack.wait_for("views.publish")
    view = json.dumps(publish["view"], ensure_ascii=False)
    assert publish["view"]["type"] == "home"
    assert "*This week:* 2 decisions · 1 strategic · 1 operational · 1 awaiting review" in view
    assert f'"value": "{second}"' in view and f'"value": "{first}"' not in view


def test_the_messages_tab_offers_suggested_prompts(altitude, fake_slack):
    altitude.event({"type": "app_home_opened", "user": "U0VIEWER", "channel": "D0HOME", "tab": "messages"})
    (prompts,) = fake_slack.wait_for("assistant.threads.setSuggestedPrompts")
    assert prompts["channel_id"] == "D0HOME" and 1 <= len(prompts["prompts"]) <= 4
    time.sleep(0.2)
    assert fake_slack.called("views.publish") == []


def test_the_home_tab_shows_the_weeks_answers_with_their_feedback_and_todays_model_use(altitude, fake_slack):
    altitude.event(
        {
            "type": "app_mention",
            "user": "U0ASKER",
            "channel": "C0GENERAL",
            "ts": "1700000050.000100",
            "text": "<@UBOT0001> what is the time horizon of operations strategy?",
        }
    )
    fake_slack.wait_for("chat.postMessage")
    (answer,) = altitude.services.answers.list()
    altitude.services.answers.vote(answer["id"], user_id="U0ASKER", vote="negative", team_id="T0001")
    altitude.event({"type": "app_home_opened", "user": "U0VIEWER", "channel": "D0HOME", "tab": "home"})
    (publish,) = fake_slack.wait_for("views.publish")
    view = json.dumps(publish["view"], ensure_ascii=False)
    assert "*Questions answered:* 1 · 0% of the 1 rated found helpful" in view
    assert "“what is the time horizon of operations strategy?” · answered · not helpful" in view
    assert "Model calls today (UTC): 0" in view
