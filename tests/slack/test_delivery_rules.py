"""How delivery judges a failure: try again later, refused for good, or a fault of ours."""

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.slack.delivery import WebhookRefused, _describe, _judge


def slack_error(error: str, status: int = 200, headers: dict | None = None) -> SlackApiError:
    response = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="https://slack.com/api/chat.postMessage",
        req_args={},
        data={"ok": False, "error": error},
        headers=headers or {},
        status_code=status,
    )
    return SlackApiError(error, response)


@pytest.mark.parametrize(
    ("failure", "judged"),
    [
        (slack_error("ratelimited", 429, {"Retry-After": "7"}), (True, 7.0)),
        (slack_error("ratelimited", 429, {"retry-after": ["3"]}), (True, 3.0)),
        (slack_error("ratelimited"), (True, None)),
        (slack_error("internal_error", 500), (True, None)),
        (slack_error("service_unavailable"), (True, None)),
        (slack_error("not_in_channel"), (False, None)),
        (slack_error("channel_not_found"), (False, None)),
        (slack_error("invalid_blocks"), (False, None)),
        (WebhookRefused(404, "expired_url"), (False, None)),
        (WebhookRefused(429, "slow down"), (True, None)),
        (WebhookRefused(503, ""), (True, None)),
        (ConnectionRefusedError(111, "refused"), (True, None)),
        (TimeoutError("timed out"), (True, None)),
        (LookupError("decision 9 has no verdict"), (None, None)),
        (KeyError("payload"), (None, None)),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Exception) else None,
)
def test_failures_are_judged(failure, judged):
    assert _judge(failure) == judged


def test_a_failure_is_described_in_one_line_that_names_the_error_and_status():
    assert _describe(slack_error("not_in_channel")) == "not_in_channel: HTTP 200"
    assert _describe(WebhookRefused(404, "expired_url\n")) == "response_url expired_url: HTTP 404"
    assert (
        _describe(LookupError("x" * 500)).startswith("LookupError: xxx")
        and len(_describe(LookupError("x" * 500))) == 200
    )
