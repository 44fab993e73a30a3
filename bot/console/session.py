"""A console session: Altitude's real Slack app, served on loopback, talking to the stand-in.

Each line typed becomes the request Slack would send (signed, over HTTP): a mention, a slash
command, a button press, the Home tab opening. What the app posts comes back through the stand-in
and is shown as text.
"""

from __future__ import annotations

import json
import logging
import queue
import re
import secrets
import threading
import time
import urllib.request
from dataclasses import replace
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.active_model import SERVING_REFRESH_SECONDS
from bot.config import Settings
from bot.console import render
from bot.console.standin import BOT_USER, TEAM, SlackStandIn
from bot.services import Services

CHANNEL, USER = "C0CONSOLE", "U0YOU"
WAIT_SECONDS = 15
HELP = """\
Type as you would in Slack:
  a question                  as if you mentioned @Altitude in #console
  > a follow-up               a reply in the thread of the last answer (no mention needed)
  /classify DECISION          the slash command
  Decision: ...               a post in #console, a channel where decisions are classified
  agree 12 | strategic 12 | operational 12     press a review button on decision 12
  home                        open Altitude's App Home
  /digest                     preview the digest the next scheduled one will post
  help, quit (or Ctrl-D); Ctrl-C clears the line"""


class Console:
    def __init__(self, settings: Settings):
        from waitress.server import create_server

        from bot.slack.app import create_app
        from bot.slack.clients import make_client
        from bot.slack.metrics import Metrics
        from bot.slack.server import wsgi_app

        self.outputs: queue.Queue = queue.Queue()
        self.standin = SlackStandIn(on_output=lambda kind, params: self.outputs.put((kind, params))).start()
        self.settings = replace(
            settings,
            slack_bot_token="xoxb-console",
            slack_signing_secret=secrets.token_hex(16),
            slack_app_token=None,
            slack_api_url=f"{self.standin.url}/api/",
            decision_channels=(CHANNEL,),
            digest_channel=CHANNEL,
        )
        self.services = Services(self.settings, model_refresh=SERVING_REFRESH_SECONDS, index_on_disk=False)
        self.services.warm()
        self.client = make_client(self.settings)
        self.app = create_app(self.settings, self.services, metrics=Metrics())
        self.app.delivery.start()  # what Slack refuses for now is tried again, as in serve
        # waitress warns when a request waits for a thread; in the console that is noise on the screen
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        self.server = create_server(wsgi_app(self.app, self.services, Metrics()), host="127.0.0.1", port=0, threads=4)
        self.loop = threading.Thread(target=self.server.run, daemon=True)
        self.loop.start()
        self.url = f"http://127.0.0.1:{self.server.effective_port}/slack/events"
        self.last_thread: str | None = None
        self.shown_decisions: dict[int, str] = {}  # decision id -> its message as last shown
        self.last_decision: int | None = None

    def close(self) -> None:
        from waitress import wasyncore

        # closed from the server's own loop (woken by its trigger), never under its select()
        self.server.trigger.pull_trigger(lambda: wasyncore.close_all(self.server._map))
        self.loop.join(timeout=5)
        self.app.jobs.shutdown(wait=True)
        self.app.delivery.stop()
        self.standin.stop()

    # --- one line in, text out ---

    def handle(self, line: str) -> str:
        line = line.strip()
        if not line:
            return ""
        if line.lower() in ("help", "?"):
            return HELP
        if line.startswith("/classify"):
            return self._classify(line.removeprefix("/classify").strip())
        if line == "/digest":
            return self._digest()
        if line.lower() == "home":
            self._event({"type": "app_home_opened", "user": USER, "channel": "D0CONSOLE", "tab": "home"})
            return self._collect(1)
        if match := re.fullmatch(r"(agree|strategic|operational)\s+#?(\d+)", line, re.IGNORECASE):
            return self._review(match.group(1).lower(), int(match.group(2)))
        if line.startswith(">") and self.last_thread:
            return self._post(line[1:].strip(), thread_ts=self.last_thread, mention=False)
        if line.lower().startswith("decision:"):
            return self._post(line, thread_ts=None, mention=False)
        return self._post(line, thread_ts=None, mention=True)

    def _post(self, text: str, *, thread_ts: str | None, mention: bool) -> str:
        ts = self.standin.next_ts()
        self.standin.remember(thread_ts or ts, {"user": USER, "ts": ts, "text": text})
        event = {
            "type": "app_mention" if mention else "message",
            "channel_type": "channel",
            "user": USER,
            "channel": CHANNEL,
            "ts": ts,
            "text": f"<@{BOT_USER}> {text}" if mention else text,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        self._event(event)
        self.last_thread = thread_ts or ts
        return self._collect(1)

    def _classify(self, text: str) -> str:
        form = {
            "team_id": TEAM,
            "channel_id": CHANNEL,
            "user_id": USER,
            "command": "/classify",
            "text": text,
            "response_url": f"{self.standin.url}/respond/{self.standin.next_ts()}",
            "trigger_id": self.standin.next_ts(),
            "api_app_id": "ACONSOLE",
        }
        ack = self._send(urlencode(form), "application/x-www-form-urlencoded")
        shown = _ack_text(ack)
        if shown in ("Classifying…",):
            return f"(only you) {shown}\n" + self._collect(1)
        return f"(only you)\n{shown}"

    def _review(self, choice: str, decision_id: int) -> str:
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM},
            "user": {"id": USER},
            "trigger_id": self.standin.next_ts(),
            "container": {"type": "message", "channel_id": CHANNEL, "message_ts": "0"},
            "channel": {"id": CHANNEL},
            "response_url": f"{self.standin.url}/respond/{self.standin.next_ts()}",
            "actions": [{"action_id": f"review_{choice}", "value": str(decision_id), "type": "button"}],
        }
        self._send(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")
        return self._collect(1)

    def _digest(self) -> str:
        """A preview of the week the next digest covers, as many times as asked; posting is serve's."""
        from bot import digests
        from bot.slack import digest as slack_digest

        week = digests.next_week(self.settings)
        _, shown = slack_digest.preview(self.services, self.client, week=week, team_id=TEAM)
        posted = digests.was_posted(self.services, team_id=TEAM, channel=CHANNEL, week=week)
        status = "posted in #console already" if posted else "not posted: serve posts it on schedule"
        return f"Altitude digest preview ({week}, {status}):" + render.blocks(shown)

    # --- transport ---

    def _event(self, event: dict) -> None:
        envelope = {
            "team_id": TEAM,
            "api_app_id": "ACONSOLE",
            "type": "event_callback",
            "event": event,
            "event_id": f"Ev{self.standin.next_ts().replace('.', '')}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        }
        self._send(json.dumps(envelope), "application/json")

    def _send(self, body: str, content_type: str) -> str:
        stamp = str(int(time.time()))
        signature = SignatureVerifier(self.settings.slack_signing_secret).generate_signature(timestamp=stamp, body=body)
        request = urllib.request.Request(
            self.url,
            data=body.encode(),
            headers={"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode()

    def _collect(self, expected: int, settle: float = 0.15) -> str:
        """What the app posted: wait for `expected` outputs, then for stragglers."""
        shown, deadline = [], time.monotonic() + WAIT_SECONDS
        while len(shown) < expected and time.monotonic() < deadline:
            try:
                shown.append(self.outputs.get(timeout=0.05))
            except queue.Empty:
                continue
        while True:
            try:
                shown.append(self.outputs.get(timeout=settle))
            except queue.Empty:
                break
        if len(shown) < expected:
            shown.append(("note", {"text": "(Altitude did not answer in time)"}))
        return "\n".join(self._show(kind, params) for kind, params in shown)

    def _show(self, kind: str, params: dict) -> str:
        self._remember_decision(params)
        if kind == "note":
            return params["text"]
        if kind == "view":
            return "[App Home]" + render.blocks(params["view"]["blocks"])
        if kind == "files":
            files = params.get("files") or []
            return "  📎 attached: " + ", ".join(f.get("title") or f.get("id") for f in files)
        where = (
            "(only you)"
            if params.get("response_type") == "ephemeral"
            else "(in the thread)"
            if params.get("thread_ts")
            else "(in #console)"
        )
        body = render.blocks(params["blocks"]) if params.get("blocks") else render.plain(params.get("text", ""))
        decision = _decision_of(body)
        before = self.shown_decisions.get(decision)
        if decision is not None:
            self.shown_decisions[decision] = body
        if before is not None:  # a message shown already, updated (a review): only what changed
            known = set(before.splitlines())
            changed = [line for line in body.splitlines() if line.strip() and line not in known]
            return f"Altitude updated decision #{decision}:\n" + "\n".join(changed or ["  (no change)"])
        return f"Altitude {where}:{body if body.startswith(chr(10)) else chr(10) + body}"

    def _remember_decision(self, params: dict) -> None:
        for block in params.get("blocks") or []:
            if block.get("type") == "actions" and block.get("elements"):
                self.last_decision = int(block["elements"][0]["value"])


def _decision_of(body: str) -> int | None:
    """The decision-log id a rendered verdict names ("Decision #12"), if it is one."""
    match = re.search(r"^  · Decision #(\d+) · engine ", body, re.M)  # the verdict's own context line
    return int(match.group(1)) if match else None


def _ack_text(ack: str) -> str:
    try:
        body = json.loads(ack)
    except json.JSONDecodeError:
        return render.plain(ack)
    return render.blocks(body["blocks"]).strip() if body.get("blocks") else render.plain(body.get("text", ""))
