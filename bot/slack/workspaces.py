"""The workspaces Altitude serves: one, by SLACK_BOT_TOKEN, or many, installed by OAuth.

In OAuth mode Bolt's `OAuthSettings` serve /slack/install and /slack/oauth_redirect, and slack-sdk's
SQLAlchemy stores keep each team's bot token and the OAuth states in the decision log's database
(their tables come from our migrations). Bolt finds the token of each request's team; the work
started by no request (recovery, the weekly digest) asks `Workspaces` for a team's client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config import Settings

if TYPE_CHECKING:
    from slack_bolt.oauth.oauth_settings import OAuthSettings
    from slack_sdk import WebClient
    from sqlalchemy import Engine

# The bot scopes of deploy/slack-manifest.yml (a test checks that they agree).
BOT_SCOPES = (
    "app_mentions:read",
    "assistant:write",
    "channels:history",
    "chat:write",
    "commands",
    "files:write",
    "groups:history",
    "im:history",
    "users:read",
)
STATE_EXPIRATION_SECONDS = 600


def oauth_settings(settings: Settings, engine: Engine) -> OAuthSettings:
    from slack_bolt.oauth.oauth_settings import OAuthSettings
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=SQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine),
        installation_store_bot_only=True,
        state_store=SQLAlchemyOAuthStateStore(expiration_seconds=STATE_EXPIRATION_SECONDS, engine=engine),
    )


def forget_revoked_tokens(app) -> None:
    """`app_uninstalled` and `tokens_revoked` delete that team's tokens. (Bolt's own listener for
    revoked bot tokens leaves the bot token in the installation rows; this one takes them too.)"""
    store = app.installation_store

    @app.event("app_uninstalled")
    def uninstalled(context):
        store.delete_all(enterprise_id=context.enterprise_id, team_id=context.team_id)

    @app.event("tokens_revoked")
    def revoked(event, context):
        tokens = event.get("tokens") or {}
        if tokens.get("bot"):
            store.delete_all(enterprise_id=context.enterprise_id, team_id=context.team_id)
        for user_id in tokens.get("oauth") or []:
            store.delete_installation(enterprise_id=context.enterprise_id, team_id=context.team_id, user_id=user_id)


class Workspaces:
    """A Web API client for each team Altitude is installed in."""

    def __init__(self, settings: Settings, engine: Engine | None = None, single_team: str | None = None):
        from bot.slack.clients import make_client

        self.settings = settings
        self.multi = settings.oauth
        self._single = None if self.multi else make_client(settings)
        self._engine = engine
        self._single_team = single_team
        self._installations = None

    def teams(self) -> list[str]:
        """Every team with a bot token: the installed ones, or the single token's team."""
        if not self.multi:
            if self._single_team is None:
                self._single_team = self._single.auth_test()["team_id"]
            return [self._single_team]
        from sqlalchemy import select

        bots = self._store().bots
        query = (
            select(bots.c.team_id)
            .where(bots.c.client_id == self.settings.slack_client_id, bots.c.team_id.is_not(None))
            .distinct()
        )
        with self._engine.connect() as connection:
            return sorted(connection.execute(query).scalars())

    def client(self, team_id: str | None) -> WebClient | None:
        """The team's client; None when Altitude is not (or no longer) installed there."""
        if not self.multi:
            return self._single
        from bot.slack.clients import make_client

        bot = self._store().find_bot(enterprise_id=None, team_id=team_id) if team_id else None
        return make_client(self.settings, bot.bot_token) if bot and bot.bot_token else None

    def _store(self):
        if self._installations is None:
            from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

            self._installations = SQLAlchemyInstallationStore(
                client_id=self.settings.slack_client_id, engine=self._engine
            )
        return self._installations
