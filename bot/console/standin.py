"""A local stand-in for Slack on loopback: the Web API methods Altitude calls, and response URLs.

It keeps what Altitude posts (so a thread's history comes back from conversations.replies) and
notifies a listener of every message, update, view and file, for the console to show.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

TEAM, BOT_USER, BOT_ID = "T0CONSOLE", "UALTITUDE", "BALTITUDE"


class JsonHandler(BaseHTTPRequestHandler):
    """A quiet request handler that answers JSON."""

    def log_message(self, *args):
        pass

    def send_json(self, status: int, body: dict, headers: dict | None = None) -> None:
        payload = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting


class SlackStandIn:
    def __init__(self, on_output=None):
        self.on_output = on_output or (lambda kind, params: None)
        self.messages: dict[str, list[dict]] = {}  # thread ts -> messages, for conversations.replies
        self.streams: dict[str, dict] = {}  # ts -> a streamed message being written
        self.lock = threading.Lock()
        self.counter = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> SlackStandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def next_ts(self) -> str:
        with self.lock:
            self.counter += 1
            return f"{int(time.time())}.{self.counter:06d}"

    def remember(self, thread_ts: str, message: dict) -> None:
        with self.lock:
            self.messages.setdefault(thread_ts, []).append(message)

    def answer(self, method: str, params: dict) -> dict:
        if method == "auth.test":
            return {
                "ok": True,
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
                "team": "Console",
                "user": "altitude",
                "url": "https://console.invalid/",
            }
        if method == "chat.postMessage":
            ts = self.next_ts()
            self.remember(
                params.get("thread_ts") or ts,
                {"user": BOT_USER, "bot_id": BOT_ID, "ts": ts, "text": params.get("text", "")},
            )
            self.on_output("message", params)
            return {"ok": True, "channel": params.get("channel"), "ts": ts}
        if method == "chat.startStream":  # a streamed answer is shown whole when it ends
            ts = self.next_ts()
            with self.lock:
                self.streams[ts] = {**params, "text": streamed_text(params)}
            return {"ok": True, "channel": params.get("channel"), "ts": ts}
        if method in ("chat.appendStream", "chat.stopStream"):
            return self._stream(method, params)
        if method == "chat.update":
            self.on_output("message", params)
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}
        if method == "chat.getPermalink":
            ts = str(params.get("message_ts", "")).replace(".", "")
            return {"ok": True, "permalink": f"https://console.invalid/archives/{params.get('channel')}/p{ts}"}
        if method == "conversations.replies":
            return {"ok": True, "messages": list(self.messages.get(params.get("ts"), []))}
        if method == "views.publish":
            self.on_output("view", params)
        if method == "users.info":
            return {"ok": True, "user": {"id": params.get("user"), "real_name": "You", "name": "you"}}
        if method == "files.getUploadURLExternal":
            name = params.get("filename", "file")
            return {"ok": True, "upload_url": f"{self.url}/upload/{name}", "file_id": f"F{self.next_ts()}"}
        if method == "files.completeUploadExternal":
            self.on_output("files", params)
            return {
                "ok": True,
                "files": [{"id": f.get("id"), "title": f.get("title")} for f in params.get("files") or []],
            }
        return {"ok": True}

    def _stream(self, method: str, params: dict) -> dict:
        with self.lock:
            stream = self.streams.get(params.get("ts"))
            if stream is None:
                return {"ok": False, "error": "message_not_in_streaming_state"}
            stream["text"] += streamed_text(params)
            if method == "chat.stopStream":
                del self.streams[params["ts"]]
        if method == "chat.stopStream":
            text = stream["text"]
            self.remember(
                stream.get("thread_ts") or params["ts"],
                {"user": BOT_USER, "bot_id": BOT_ID, "ts": params["ts"], "text": text},
            )
            blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}, *(params.get("blocks") or [])]
            self.on_output(
                "message",
                {
                    "channel": stream.get("channel"),
                    "thread_ts": stream.get("thread_ts"),
                    "text": text,
                    "blocks": blocks,
                },
            )
        return {"ok": True}

    def _handler(self):
        standin = self

        class Handler(JsonHandler):
            def do_POST(self):
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/upload/"):
                    return self.send_json(200, {"ok": True})
                params = _params(data.decode("utf-8", "replace"), self.headers.get("Content-Type") or "")
                if self.path.startswith("/respond/"):
                    standin.on_output("response", params)
                    return self.send_json(200, {"ok": True})
                self.send_json(200, standin.answer(self.path.removeprefix("/api/"), params))

        return Handler


def _params(raw: str, content_type: str) -> dict:
    if "json" in content_type:
        return json.loads(raw or "{}")
    params = dict(parse_qsl(raw))
    for key in ("blocks", "view", "files", "prompts"):
        if isinstance(params.get(key), str) and params[key][:1] in "[{":
            params[key] = json.loads(params[key])
    return params


def streamed_text(params: dict) -> str:
    """The text a chat stream call carries, as `markdown_text` or as markdown chunks (task cards are
    not shown in the console)."""
    chunks = params.get("chunks") or []
    chunks = json.loads(chunks) if isinstance(chunks, str) else chunks
    return (params.get("markdown_text") or "") + "".join(
        c.get("text") or "" for c in chunks if c.get("type") == "markdown_text"
    )
