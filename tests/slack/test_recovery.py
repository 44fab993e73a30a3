import time
from datetime import timedelta

from bot.config import Settings
from bot.domain.verdict import Origin
from bot.services import Services
from bot.slack.delivery import Delivery
from bot.slack.recovery import Recovery
from bot.slack.workspaces import Workspaces


def test_recovery_finishes_and_posts_a_decision_whose_lease_ran_out(db_url, fake_slack):
    services = Services(
        Settings(database_url=db_url, slack_bot_token="xoxb-t", slack_api_url=fake_slack.api_url, lease_seconds=60)
    )
    reply = {"route": "post", "channel_id": "C0OPS", "thread_ts": "1700000200.000100", "user_id": "U1"}
    origin = Origin(
        source="shortcut", team_id="T1", channel_id="C0OPS", user_id="U1", message_ts="1700000200.000100", reply=reply
    )
    orphan = services.log.record_pending(
        text="Board approved exiting the bus market by 2030.", origin=origin, lease=timedelta(milliseconds=20)
    )
    time.sleep(0.05)
    workspaces = Workspaces(services.settings)
    recovery = Recovery(services, workspaces, Delivery(services, workspaces), compose_answer=None)
    assert recovery.run_once() == 1
    assert recovery.run_once() == 0  # finished: nothing left to take
    (post,) = fake_slack.called("chat.postMessage")
    assert post["channel"] == "C0OPS" and post["thread_ts"] == "1700000200.000100"
    row = services.log.get(orphan)
    assert (row["status"], row["label"], row["attempts"]) == ("classified", "strategic", 2)
    services.log.engine.dispose()
