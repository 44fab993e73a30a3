"""Web API clients: one per token, with Altitude's base URL and retry handlers."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import Settings

SHORT_RATE_LIMIT_SECONDS = 5.0


class ShortRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Retries a 429 whose Retry-After is a few seconds at most. A longer one (such as the minute
    `conversations.replies` asks of some apps) is not waited out in a request's thread: the caller
    gets the error (the outbox tries its message later; a thread read goes without)."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        values = [v for k, v in response.headers.items() if k.lower() == "retry-after"]
        value = values[0][0] if values and isinstance(values[0], list) and values[0] else (values[0] if values else "1")
        try:
            return float(value) <= SHORT_RATE_LIMIT_SECONDS
        except (TypeError, ValueError):
            return False


def verified_client(settings: Settings) -> tuple[WebClient, str]:
    """A client whose token Slack accepts, and the token's team id; else one clear error."""
    from slack_sdk.errors import SlackApiError

    from bot.errors import AltitudeError

    client = make_client(settings)
    try:
        return client, client.auth_test()["team_id"]
    except SlackApiError as exc:
        raise AltitudeError(
            f"Slack refused the bot token ({exc.response.get('error')})", "check SLACK_BOT_TOKEN"
        ) from None
    except OSError as exc:
        raise AltitudeError(
            f"cannot reach Slack at {settings.slack_api_url} ({type(exc).__name__})",
            "check the network and SLACK_API_URL",
        ) from None


def make_client(settings: Settings, token: str | None = None) -> WebClient:
    """A client that retries, at once, what is worth retrying at once: a dropped connection, a 5xx,
    a short rate limit. Longer outages are the outbox's to wait out (see `delivery`)."""
    return WebClient(
        token=token or settings.slack_bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=1),
            ShortRateLimitRetryHandler(max_retry_count=1),
        ],
    )
