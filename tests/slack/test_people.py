"""Display names for what Altitude shows: a name, else the id, whatever Slack answers."""

import socket

from slack_sdk import WebClient

from bot.slack.people import display_names


def test_names_come_from_users_info(fake_slack):
    client = WebClient(token="xoxb-test", base_url=fake_slack.api_url)
    assert display_names(client, ["U1", None, "U1"]) == {"U1": "Person U1"}


def test_a_refused_or_unreachable_lookup_leaves_the_id(fake_slack):
    fake_slack.fail("users.info", "user_not_found")
    assert display_names(WebClient(token="xoxb-test", base_url=fake_slack.api_url), ["U2"]) == {"U2": "U2"}
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens here once the socket is closed
    unreachable = WebClient(token="xoxb-test", base_url=f"http://127.0.0.1:{port}/api/", timeout=2)
    assert display_names(unreachable, ["U3"]) == {"U3": "U3"}
