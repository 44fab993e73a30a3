"""Going through Slack's OAuth install as a browser does, against Altitude's /slack/install."""

import re
import urllib.error
import urllib.request
from http.cookies import SimpleCookie

from tests.fakes.slack_server import OAUTH_CLIENT

STATE_COOKIE = "slack-app-oauth-state"


def get(url: str, cookie: str | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def begin_install(altitude) -> str:
    """Open the install page as a browser does: the state in its cookie and in its link to Slack."""
    status, headers, page = get(altitude.url + "/slack/install")
    assert status == 200
    state = SimpleCookie(headers["Set-Cookie"])[STATE_COOKIE].value
    link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page).group(1)
    assert f"state={state}" in link and f"client_id={OAUTH_CLIENT[0]}" in link and "scope=app_mentions" in link
    return state


def install(altitude, team: str) -> tuple[int, str]:
    state = begin_install(altitude)
    status, _, page = get(
        f"{altitude.url}/slack/oauth_redirect?code=code-{team}&state={state}", cookie=f"{STATE_COOKIE}={state}"
    )
    return status, page
