"""deploy/slack-manifest.yml declares exactly the surface the app serves."""

import re

import yaml

from bot.slack import listeners
from bot.slack.workspaces import BOT_SCOPES
from tests.conftest import ROOT

MANIFEST = yaml.safe_load((ROOT / "deploy" / "slack-manifest.yml").read_text())


def _registered_source() -> str:
    return "".join((ROOT / "bot" / "slack" / name).read_text() for name in ("listeners.py", "workspaces.py"))


def test_every_request_url_is_the_events_endpoint():
    settings = MANIFEST["settings"]
    urls = [
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
        *(c["url"] for c in MANIFEST["features"]["slash_commands"]),
    ]
    assert all(url.endswith("/slack/events") for url in urls)
    assert settings["interactivity"]["is_enabled"] is True


def test_commands_shortcuts_and_events_match_the_listeners():
    source = _registered_source()
    assert [c["command"] for c in MANIFEST["features"]["slash_commands"]] == ["/classify"]
    assert 'app.command("/classify")' in source
    (shortcut,) = MANIFEST["features"]["shortcuts"]
    assert shortcut["type"] == "message" and f'app.shortcut("{shortcut["callback_id"]}")' in source
    registered = set(re.findall(r'app\.event\("(\w+)"\)', source))
    assert {"app_uninstalled", "tokens_revoked"} <= registered
    declared = {event.split(".")[0] for event in MANIFEST["settings"]["event_subscriptions"]["bot_events"]}
    assert declared == registered


def test_scopes_cover_every_call_and_no_more():
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert scopes == {
        "app_mentions:read",
        "assistant:write",
        "channels:history",
        "chat:write",
        "commands",
        "files:write",
        "groups:history",
        "im:history",
        "users:read",
    }  # files and names: the digest
    assert set(BOT_SCOPES) == scopes  # what an OAuth install asks for


def test_the_oauth_redirect_is_altitudes():
    (url,) = MANIFEST["oauth_config"]["redirect_urls"]
    assert url.endswith("/slack/oauth_redirect")


def test_home_tab_and_agent_view_with_the_apps_suggested_prompts():
    features = MANIFEST["features"]
    assert features["app_home"]["home_tab_enabled"] and features["app_home"]["messages_tab_enabled"]
    prompts = features["agent_view"]["suggested_prompts"]
    assert 1 <= len(prompts) <= 4 and prompts == listeners.SUGGESTED_PROMPTS
