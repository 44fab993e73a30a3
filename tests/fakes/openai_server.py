"""An OpenAI-compatible Chat Completions server on loopback, for driving the real openai client.

Tests queue replies (`reply`, `raw`, `fail`, `hang`); with none queued it answers like a sensible model:
a verdict from the offline engine, or an answer quoting the first section. It records every request.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from http.server import ThreadingHTTPServer

from bot.config import Settings
from bot.console.standin import JsonHandler
from bot.domain import rubric
from bot.domain.text import prepare


class FakeOpenAI:
    def __init__(self):
        self.requests: list[dict] = []
        self.queue: deque = deque()
        self.model = "fake-model-1"
        self.delay = 0.0  # seconds every default reply waits, to play a slow model
        self.chunk_delay = 0.0  # seconds between the chunks of a streamed reply
        self.break_stream_after: int | None = None  # chunks sent before a streamed reply's connection drops
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def settings(self, **overrides) -> Settings:
        values = dict(openai_api_key="sk-test-key", openai_base_url=self.base_url, llm_timeout=5.0, engine="openai")
        return Settings(**{**values, **overrides})

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # --- scripting ---

    def reply(self, content: str | dict, *, finish_reason: str = "stop", cached: int = 0, refusal: str | None = None):
        body = content if isinstance(content, str) else json.dumps(content)
        self.queue.append(("reply", body, finish_reason, cached, refusal))

    def fail(self, status: int, message: str = "error", headers: dict | None = None):
        self.queue.append(("fail", status, message, headers or {}))

    def raw(self, body: dict):
        """Answer 200 with `body` as it is: a server that says it is OpenAI-compatible but is not quite."""
        self.queue.append(("raw", body))

    def hang(self, seconds: float):
        self.queue.append(("hang", seconds))

    # --- serving ---

    def _handler(self):
        fake = self

        class Handler(JsonHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(
                    {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
                )
                action = fake.queue.popleft() if fake.queue else ("hang", fake.delay)

                def complete(content, finish="stop", cached=0, refusal=None):
                    if body.get("stream") and not refusal:
                        return fake._stream(self, content, finish)
                    return self.send_json(200, fake._completion(content, finish, cached, refusal))

                if action[0] == "hang":
                    time.sleep(action[1])
                    return complete(fake._default(body))
                if action[0] == "fail":
                    _, status, message, headers = action
                    return self.send_json(
                        status, {"error": {"message": message, "type": "error", "code": None}}, headers
                    )
                if action[0] == "raw":
                    return self.send_json(200, action[1])
                if action[0] == "reply":
                    _, content, finish, cached, refusal = action
                    return complete(content, finish, cached, refusal)
                return complete(fake._default(body))

        return Handler

    def _stream(self, handler, content: str, finish: str = "stop") -> None:
        """Server-sent events as OpenAI streams them: the content in small pieces, then the usage."""
        pieces = [content[i : i + 12] for i in range(0, len(content), 12)]
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.end_headers()

        def event(delta: dict, finish_reason=None, usage=None) -> bytes:
            chunk = {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": self.model,
                "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
                "usage": usage,
            }
            return f"data: {json.dumps(chunk)}\n\n".encode()

        try:
            handler.wfile.write(event({"role": "assistant", "content": ""}))
            for n, piece in enumerate(pieces):
                if self.break_stream_after is not None and n >= self.break_stream_after:
                    handler.close_connection = True
                    return
                handler.wfile.write(event({"content": piece}))
                handler.wfile.flush()
                time.sleep(self.chunk_delay)
            handler.wfile.write(event({}, finish))
            handler.wfile.write(
                event(
                    {},
                    usage={
                        "prompt_tokens": 1200,
                        "completion_tokens": 150,
                        "total_tokens": 1350,
                        "prompt_tokens_details": {"cached_tokens": 0},
                    },
                )
            )
            handler.wfile.write(b"data: [DONE]\n\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _completion(self, content, finish="stop", cached=0, refusal=None) -> dict:
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.model,
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish,
                    "message": {"role": "assistant", "content": None if refusal else content, "refusal": refusal},
                }
            ],
            "usage": {
                "prompt_tokens": 1200,
                "completion_tokens": 150,
                "total_tokens": 1350,
                "prompt_tokens_details": {"cached_tokens": cached},
            },
        }

    def _default(self, body: dict) -> str:
        schema = body["response_format"]["json_schema"]["name"]
        users = "\n".join(m["content"] for m in body["messages"] if m["role"] == "user")
        quoted = json.loads(re.findall(r'^".*"$', users, re.MULTILINE)[-1])
        if schema == "verdict":
            return json.dumps(rubric.classify(prepare(quoted)).to_dict())
        return json.dumps(
            {
                "answer": "Operations strategy is a long-term plan.",
                "citations": ["definition_strategy"],
                "in_scope": True,
            }
        )
