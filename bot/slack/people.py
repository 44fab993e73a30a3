"""People's display names from Slack, for what Altitude shows: names, never @-mentions, so that
nothing it posts can ping anyone."""

from __future__ import annotations

from collections.abc import Iterable


def display_names(client, user_ids: Iterable[str | None]) -> dict[str, str]:
    """Each user's real name (else handle, else id); a lookup Slack refuses, or that cannot reach
    Slack, leaves the id."""
    from slack_sdk.errors import SlackApiError, SlackClientError

    names = {}
    for user in {u for u in user_ids if u}:
        try:
            profile = client.users_info(user=user)["user"]
            names[user] = profile.get("real_name") or profile.get("name") or user
        except (SlackApiError, SlackClientError, OSError, KeyError, TypeError):  # OSError: Slack unreachable
            names[user] = user
    return names
