"""A fake Slack Web API on loopback, as bolt-python's own tests use: the real WebClient talks to it
through `base_url`; it records every call and answers like Slack. It also receives `response_url`
posts at /respond/<id>."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections import defaultdict, deque
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qsl

from bot.console.standin import JsonHandler

BOT_USER = "UBOT0001"
TEAM = "T0001"
OAUTH_CLIENT = ("111.222", "client-secret")  # the only client id and secret oauth.v2.access accepts


class FakeSlack:
    def __init__(self, host: str = "127.0.0.1"):
        """`host`: the address to listen on ("0.0.0.0" for containers to reach it)."""
        self.calls: list[tuple[str, dict]] = []
        self.failures: dict[str, deque] = defaultdict(deque)
        self.outages: dict[str, tuple[int, str]] = {}
        self.replies: dict[str, list[dict]] = {}
        self.lock = threading.Lock()
        self.ts_counter = 0
        self.server = ThreadingHTTPServer((host, 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/respond/{name}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # --- scripting and inspection ---

    def fail(self, method: str, error: str, *, status: int = 200, headers: dict | None = None, times: int = 1):
        for _ in range(times):
            self.failures[method].append((status, error, headers or {}))

    def down(self, method: str, error: str = "internal_error", *, status: int = 500):
        """Fail every call to `method` until `up(method)`."""
        self.outages[method] = (status, error)

    def up(self, method: str):
        self.outages.pop(method, None)

    def thread_replies(self, ts: str, messages: list[dict]):
        self.replies[ts] = messages

    def called(self, method: str) -> list[dict]:
        with self.lock:
            return [params for name, params in self.calls if name == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.called(method)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        raise AssertionError(
            f"expected {count} call(s) to {method}, got {len(self.called(method))}: {[name for name, _ in self.calls]}"
        )

    # --- serving ---

    def _answer(self, method: str, params: dict) -> dict:
        if method == "auth.test":  # a token minted by oauth.v2.access below belongs to its team
            token = params.get("_token", "")
            team = token.removeprefix("xoxb-") if token.startswith("xoxb-T") else TEAM
            return {
                "ok": True,
                "url": "https://altitude-test.slack.com/",
                "team": "Test",
                "user": "altitude",
                "team_id": team,
                "user_id": BOT_USER,
                "bot_id": "BBOT0001",
                "is_enterprise_install": False,
            }
        if method == "oauth.v2.access":  # an install: code-T0002 installs into team T0002
            if params.get("_client") != OAUTH_CLIENT or not str(params.get("code", "")).startswith("code-"):
                return {"ok": False, "error": "invalid_code"}
            team = params["code"].removeprefix("code-")
            return {
                "ok": True,
                "app_id": "A0001",
                "authed_user": {"id": "U0ADMIN"},
                "token_type": "bot",
                "scope": "chat:write,commands",
                "access_token": f"xoxb-{team}",
                "bot_user_id": BOT_USER,
                "team": {"id": team, "name": f"Team {team}"},
                "enterprise": None,
                "is_enterprise_install": False,
            }
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            with self.lock:
                self.ts_counter += 1
                ts = f"1800000000.{self.ts_counter:06d}"
            return {
                "ok": True,
                "channel": params.get("channel"),
                "ts": params.get("ts") or ts,
                "message": {"text": params.get("text"), "ts": ts},
            }
        if method == "chat.startStream":
            with self.lock:
                self.ts_counter += 1
                ts = params["_ts"] = f"1800000000.{self.ts_counter:06d}"  # recorded with the call, for tests
            return {"ok": True, "channel": params.get("channel"), "ts": ts}
        if method == "chat.getPermalink":
            ts = str(params.get("message_ts", "")).replace(".", "")
            return {
                "ok": True,
                "channel": params.get("channel"),
                "permalink": f"https://altitude-test.slack.com/archives/{params.get('channel')}/p{ts}",
            }
        if method == "files.getUploadURLExternal":
            with self.lock:
                self.ts_counter += 1
                file_id = f"F{self.ts_counter:06d}"
            return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = params.get("files")
            files = json.loads(files) if isinstance(files, str) else files
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "users.info":
            user = params.get("user")
            return {"ok": True, "user": {"id": user, "name": user.lower(), "real_name": f"Person {user}"}}
        if method == "conversations.replies":
            return {"ok": True, "messages": self.replies.get(params.get("ts"), []), "has_more": False}
        return {"ok": True}

    def _handler(self):
        fake = self

        class Handler(JsonHandler):
            def do_GET(self):
                """`GET /_count/<method>`: how many calls, for a test or benchmark in another process."""
                self.send_json(200, {"count": len(fake.called(self.path.removeprefix("/_count/")))})

            def do_POST(self):
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/upload/"):
                    with fake.lock:
                        fake.calls.append(("file_upload", {"_path": self.path, "size": len(data), "head": data[:8]}))
                    return self.send_json(200, {"ok": True})
                raw = data.decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(raw or "{}")
                else:
                    params = dict(parse_qsl(raw))
                    for key in ("blocks", "view", "prompts"):
                        if isinstance(params.get(key), str) and params[key][:1] in "[{":
                            params[key] = json.loads(params[key])
                params.update(_credentials(self.headers.get("Authorization") or ""))
                if self.path.startswith("/respond/"):
                    method = "response_url"
                    params["_path"] = self.path
                else:
                    method = self.path.removeprefix("/api/")
                with fake.lock:
                    fake.calls.append((method, params))
                if method in fake.outages:
                    status, error = fake.outages[method]
                    return self.send_json(status, {"ok": False, "error": error})
                if fake.failures[method]:
                    status, error, headers = fake.failures[method].popleft()
                    return self.send_json(status, {"ok": False, "error": error}, headers)
                self.send_json(200, {"ok": True} if method == "response_url" else fake._answer(method, params))

        return Handler


def _credentials(authorization: str) -> dict:
    """The caller's bot token (`_token`), or its OAuth client id and secret (`_client`)."""
    scheme, _, value = authorization.partition(" ")
    if scheme == "Bearer":
        return {"_token": value}
    if scheme == "Basic":
        client_id, _, secret = base64.b64decode(value).decode().partition(":")
        return {"_client": (client_id, secret)}
    return {}


def streamed_part(call: dict) -> str:
    """The text a chat stream call carried: its `markdown_text`, or its markdown chunks."""
    chunks = call.get("chunks") or []
    chunks = json.loads(chunks) if isinstance(chunks, str) else chunks
    return (call.get("markdown_text") or "") + "".join(
        c.get("text") or "" for c in chunks if c.get("type") == "markdown_text"
    )


def tasks_of(call: dict) -> list[dict]:
    chunks = call.get("chunks") or []
    chunks = json.loads(chunks) if isinstance(chunks, str) else chunks
    return [c for c in chunks if c.get("type") == "task_update"]
