"""Many workspaces: installed by OAuth at /slack/install, each served with its own bot token from the
installation store in the decision log's database, and forgotten when it uninstalls."""

from datetime import UTC, datetime

import pytest
import time_machine

from bot.slack.schedule import DigestSchedule
from bot.slack.workspaces import Workspaces
from tests.fakes.slack_server import OAUTH_CLIENT
from tests.slack.oauth_flow import STATE_COOKIE, begin_install, get, install

OAUTH = dict(slack_bot_token=None, slack_client_id=OAUTH_CLIENT[0], slack_client_secret=OAUTH_CLIENT[1])


def _classify_tokens(fake_slack) -> list[str]:
    return [call["_token"] for call in fake_slack.called("chat.postMessage")]


@pytest.fixture
def altitude(make_altitude, db_url):
    return make_altitude(**OAUTH, database_url=db_url)


def test_each_installed_workspace_is_answered_with_its_own_token(altitude, fake_slack):
    assert install(altitude, "T0002")[0] == 200
    assert install(altitude, "T0003")[0] == 200
    for team in ("T0002", "T0003"):
        status, _ = altitude.command(
            "Ship the spare parts from the east depot tonight.", team=team, response_url=fake_slack.response_url(team)
        )
        assert status == 200
    fake_slack.wait_for("chat.postMessage", 2)
    assert sorted(_classify_tokens(fake_slack)) == ["xoxb-T0002", "xoxb-T0003"]
    assert {row["team_id"] for row in altitude.services.log.list(limit=10)} == {"T0002", "T0003"}


def test_a_workspace_that_never_installed_gets_nothing(altitude, fake_slack):
    status, _ = altitude.command("Ship the spare parts tonight.", team="T0009", response_url=fake_slack.response_url())
    assert status != 200 or not fake_slack.called("chat.postMessage")
    assert altitude.services.log.list(limit=10) == []


def test_the_install_refuses_a_forged_or_replayed_state(altitude, fake_slack):
    state = begin_install(altitude)
    no_cookie = get(f"{altitude.url}/slack/oauth_redirect?code=code-T0002&state={state}")
    assert no_cookie[0] == 400
    assert install(altitude, "T0002")[0] == 200
    replay = get(f"{altitude.url}/slack/oauth_redirect?code=code-T0002&state={state}", cookie=f"{STATE_COOKIE}={state}")
    assert replay[0] == 200  # the first state was never used: this is its one use
    again = get(f"{altitude.url}/slack/oauth_redirect?code=code-T0002&state={state}", cookie=f"{STATE_COOKIE}={state}")
    assert again[0] == 401  # consumed: a replay installs nothing
    forged = get(f"{altitude.url}/slack/oauth_redirect?code=code-T0004&state=made-up", cookie=f"{STATE_COOKIE}=made-up")
    assert forged[0] == 401
    assert Workspaces(altitude.settings, altitude.services.log.engine).teams() == ["T0002"]


@pytest.mark.parametrize(
    "revocation",
    [
        {"type": "app_uninstalled"},
        {"type": "tokens_revoked", "tokens": {"bot": ["UBOT0001"]}},
    ],
)
def test_uninstalling_or_revoking_forgets_that_workspace_only(altitude, fake_slack, revocation):
    install(altitude, "T0002")
    install(altitude, "T0003")
    status, _ = altitude.event(revocation, event_id="EvGone", team="T0002")
    assert status == 200
    workspaces = Workspaces(altitude.settings, altitude.services.log.engine)
    assert workspaces.teams() == ["T0003"] and workspaces.client("T0002") is None
    assert workspaces.client("T0003").token == "xoxb-T0003"
    with altitude.services.log.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT team_id, bot_token FROM slack_installations").all()
    assert [team for team, _ in rows] == ["T0003"]  # no token of the departed team is kept
    altitude.command("Ship the spare parts tonight.", team="T0002", response_url=fake_slack.response_url())
    altitude.command("Ship the spare parts tonight.", team="T0003", response_url=fake_slack.response_url("r3"))
    fake_slack.wait_for("chat.postMessage", 1)
    assert _classify_tokens(fake_slack) == ["xoxb-T0003"]


def test_the_weekly_digest_goes_to_each_workspace_with_its_token(make_altitude, fake_slack, db_url):
    altitude = make_altitude(**OAUTH, digest_channel="T0002:C0DIG2,T0003:C0DIG3", database_url=db_url)
    install(altitude, "T0002")
    install(altitude, "T0003")
    install(altitude, "T0004")  # installed, but no digest channel named for it
    schedule = DigestSchedule(
        altitude.services, Workspaces(altitude.settings, altitude.services.log.engine), altitude.app.delivery
    )
    with time_machine.travel(datetime(2026, 11, 23, 9, 0, tzinfo=UTC), tick=False):
        assert schedule.run_once() == {"T0002": "posted", "T0003": "posted"}
    posts = {(call["channel"], call["_token"]) for call in fake_slack.called("chat.postMessage")}
    assert posts == {("C0DIG2", "xoxb-T0002"), ("C0DIG3", "xoxb-T0003")}


def test_digest_post_from_the_command_line_uses_each_workspaces_token(altitude, fake_slack, altitude_process, db_url):
    install(altitude, "T0002")
    env = {
        "DATABASE_URL": db_url,
        "SLACK_CLIENT_ID": OAUTH_CLIENT[0],
        "SLACK_CLIENT_SECRET": OAUTH_CLIENT[1],
        "SLACK_API_URL": fake_slack.api_url,
    }
    done = altitude_process("digest", "--post", "--week", "2026-W47", "--channel", "T0002:C0DIG2", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip() == "digest for 2026-W47: posted in C0DIG2"
    (post,) = fake_slack.called("chat.postMessage")
    assert post["_token"] == "xoxb-T0002"
    nowhere = altitude_process("digest", "--post", "--channel", "T0009:C0DIG9", env=env)
    assert nowhere.returncode == 2 and b"no installed workspace has a digest channel" in nowhere.stderr
