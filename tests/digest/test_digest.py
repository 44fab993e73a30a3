"""The digest end to end: the real log (SQLite and PostgreSQL), the real Slack client, a fake Slack."""

import json
import subprocess
import sys
import threading
from datetime import UTC, datetime

import pytest
import time_machine

from bot import digests
from bot.config import Settings
from bot.domain.verdict import Origin
from bot.services import Services
from bot.slack import digest as slack_digest
from bot.slack.clients import make_client
from bot.slack.delivery import Delivery
from bot.slack.schedule import DigestSchedule
from bot.slack.workspaces import Workspaces

WEEK = "2026-W47"  # Monday 16 to Sunday 22 November 2026
IN_WEEK = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
WEEK_BEFORE = datetime(2026, 11, 11, 10, 0, tzinfo=UTC)


@pytest.fixture
def services(db_url, fake_slack):
    svc = Services(
        Settings(
            database_url=db_url, slack_bot_token="xoxb-t", slack_api_url=fake_slack.api_url, digest_channel="C0DIGEST"
        )
    )
    yield svc
    svc.log.engine.dispose()


def log(services, text, when, *, user="U0MAKER", channel="C0OPS"):
    with time_machine.travel(when, tick=False):
        origin = Origin(
            source="slash",
            team_id="T0001",
            channel_id=channel,
            user_id=user,
            permalink=f"https://t.slack.com/archives/{channel}/p1",
        )
        return services.classify(text, origin=origin).decision_id


def test_the_digest_counts_splits_compares_and_lists(services):
    strategic = log(services, "Board approved exiting the Chilean market by 2029.", IN_WEEK, channel="C0EXEC")
    log(services, "Cleaners start at 6am tomorrow on floor 3.", IN_WEEK)
    corrected = log(services, "Night shift moves to 10pm from Monday.", IN_WEEK)
    log(services, "Forklift charging moves to nights from Monday.", WEEK_BEFORE)
    services.review(strategic, reviewer="U1", choice="agree")
    services.review(corrected, reviewer="U1", choice="strategic")
    digest = digests.compose(services, WEEK, "T0001")
    summary = digest.summary
    assert (summary["total"], summary["strategic"], summary["operational"]) == (3, 2, 1)
    assert (summary["awaiting"], summary["reviewed"], summary["corrected"]) == (1, 2, 1)
    assert digest.previous["total"] == 1 and summary["channels"][0] == ("C0OPS", 2)
    assert [row["id"] for row in digest.top][0] == strategic
    assert digest.series[-1] == (WEEK, 2, 1) and digest.series[-2] == ("2026-W46", 0, 1) and len(digest.series) == 8


def post_digest(services, **where) -> str:
    """Post the digest as serve and the command line do: through the outbox, sent at once."""
    workspaces = Workspaces(services.settings)
    return slack_digest.post(services, make_client(services.settings), Delivery(services, workspaces), **where)


def test_posting_sends_one_message_with_the_chart_and_no_pings(services, fake_slack):
    log(services, "Board approved exiting the Chilean market by 2029.", IN_WEEK)
    outcome = post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001")
    assert outcome == "posted"
    (post,) = fake_slack.called("chat.postMessage")
    text = json.dumps(post["blocks"], ensure_ascii=False)
    assert post["channel"] == "C0DIGEST" and "decisions of 2026-W47" in text
    assert "Person U0MAKER" in text and "<@" not in text and "<https://t.slack.com/archives/C0OPS/p1|" in text
    (upload,) = fake_slack.called("file_upload")
    assert upload["head"].startswith(b"\x89PNG")
    (complete,) = fake_slack.called("files.completeUploadExternal")
    assert complete["channel_id"] == "C0DIGEST"


def test_a_long_week_lists_the_most_significant_and_attaches_the_rest(services, fake_slack):
    for n in range(20):
        log(services, f"Pickers on line {n} start at 6am from Monday.", IN_WEEK)
    log(services, "Leadership approved acquiring a cold-chain firm to enter the frozen food market.", IN_WEEK)
    post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001")
    (post,) = fake_slack.called("chat.postMessage")
    text = json.dumps(post["blocks"], ensure_ascii=False)
    assert "…and 6 more: the full list is attached as CSV." in text
    assert text.index("cold-chain") < text.index("Pickers")
    assert len(fake_slack.called("file_upload")) == 2


def test_an_empty_week_gets_a_short_message(services, fake_slack):
    post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001")
    (post,) = fake_slack.called("chat.postMessage")
    assert post["text"] == "No decisions were classified in 2026-W47." and len(post["blocks"]) == 2


def test_concurrent_posts_post_once(services, fake_slack):
    log(services, "Board approved exiting the Chilean market by 2029.", IN_WEEK)
    outcomes = []
    barrier = threading.Barrier(6)

    def run():
        barrier.wait()
        outcomes.append(post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001"))

    threads = [threading.Thread(target=run) for _ in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert outcomes.count("posted") == 1 and len(fake_slack.called("chat.postMessage")) == 1
    assert set(outcomes) <= {"posted", "posted already", "in progress"}


def test_processes_posting_together_post_once(db_url, fake_slack, tmp_path):
    env = {
        "DATABASE_URL": db_url,
        "SLACK_BOT_TOKEN": "xoxb-t",
        "SLACK_API_URL": fake_slack.api_url,
        "PATH": "/usr/bin:/bin",
    }
    command = [sys.executable, "-m", "bot", "digest", "--post", "--week", WEEK, "--channel", "C0DIGEST"]
    subprocess.run(
        [sys.executable, "-m", "bot", "db", "upgrade"], env=env, cwd=tmp_path, check=True, capture_output=True
    )
    runs = [
        subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    results = [(p.wait(timeout=60), p.stdout.read().decode(), p.stderr.read().decode()) for p in runs]
    assert all(code == 0 for code, _, _ in results), results
    assert sum("posted in C0DIGEST" in out for _, out, _ in results) == 1
    assert len(fake_slack.called("chat.postMessage")) == 1
    again = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True)
    assert again.returncode == 0 and "posted already" in again.stdout


def test_a_post_refused_for_good_releases_its_claim(services, fake_slack):
    fake_slack.fail("chat.postMessage", "channel_not_found")
    assert post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001").startswith("failed (channel_not_found")
    assert post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001") == "posted"


def test_a_post_refused_for_now_is_queued_and_delivered_later(services, fake_slack):
    fake_slack.fail("chat.postMessage", "internal_error", status=500)
    fake_slack.fail("chat.postMessage", "internal_error", status=500)  # the client retries a 5xx once by itself
    assert post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001") == "queued"
    delivery = Delivery(services, Workspaces(services.settings))
    assert delivery.drain(services.outbox.id_of(f"digest:T0001:C0DIGEST:{WEEK}"), seconds=10) == "posted"
    assert (
        len(fake_slack.called("chat.postMessage")) == 3
        and post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001") == "posted already"
    )


def test_a_failed_upload_still_leaves_the_digest_posted(services, fake_slack):
    fake_slack.fail("files.getUploadURLExternal", "missing_scope")
    assert post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001") == "posted"
    assert post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001") == "posted already"
    assert len(fake_slack.called("chat.postMessage")) == 1


def test_the_schedule_posts_once_its_time_has_come(services, fake_slack):
    schedule = DigestSchedule(
        services, Workspaces(services.settings), Delivery(services, Workspaces(services.settings))
    )
    with time_machine.travel(datetime(2026, 11, 23, 8, 59, tzinfo=UTC), tick=False):
        assert schedule.run_once() is None
    with time_machine.travel(datetime(2026, 11, 23, 9, 0, tzinfo=UTC), tick=False):
        assert schedule.run_once() == {"T0001": "posted"}  # the token's team, from auth.test
    with time_machine.travel(datetime(2026, 11, 25, 15, 0, tzinfo=UTC), tick=False):  # a late replica
        assert schedule.run_once() == {"T0001": "posted already"}
    (post,) = fake_slack.called("chat.postMessage")
    assert "2026-W47" in post["text"] and post["channel"] == "C0DIGEST"


def test_the_digest_adds_the_weeks_questions_the_share_found_helpful_and_what_was_not_covered(services, fake_slack):
    from bot.domain.digest import as_text
    from bot.storage.answers import Asked

    asked = Asked(team_id="T0001", channel_id="C0OPS", user_id="U0ASK")
    with time_machine.travel(IN_WEEK, tick=False):
        covered = services.ask("What is the time horizon of operations strategy?", asked=asked)
        services.ask("Is there parking at the <!channel> office?", asked=asked)
    services.answers.vote(covered.answer_id, user_id="U0ASK", vote="positive", team_id="T0001")
    digest = digests.compose(services, WEEK, "T0001")
    assert digest.answers == {
        "answered": 2,
        "rated": 1,
        "helpful": 1,
        "uncovered": ["Is there parking at the <!channel> office?"],
    }
    assert "2 questions answered, 100% of the 1 rated found helpful; not covered by the documents" in as_text(digest)
    post_digest(services, channel="C0DIGEST", week=WEEK, team_id="T0001")
    (post,) = fake_slack.wait_for("chat.postMessage")
    shown = json.dumps(post["blocks"], ensure_ascii=False)
    assert "*Questions answered:* 2 · 100% of the 1 rated found helpful" in shown and "<!channel>" not in shown
