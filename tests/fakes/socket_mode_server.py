"""Slack's side of Socket Mode on loopback, as bolt-python's own tests fake it: a WebSocket server
that greets each connection with `hello`, sends the envelopes a test queues, and records what the
client sends back (acks). `SocketModeSlack` is FakeSlack plus `apps.connections.open`, which hands
the client this server's URL."""

from __future__ import annotations

import json
import threading
import time

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import serve

from tests.fakes.slack_server import FakeSlack

HELLO = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0001"}, "debug_info": {}}


class FakeSocketMode:
    def __init__(self):
        self.received: list[dict] = []
        self.pending: list[dict] = []  # queued before a client is connected
        self.connection = None
        self.changed = threading.Condition()
        self.server = serve(self._session, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link/?ticket=test"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=5)

    def send(self, envelope: dict) -> None:
        """Send an envelope to the connected client, or queue it for the next connection."""
        with self.changed:
            if self.connection is None:
                self.pending.append(envelope)
            else:
                self.connection.send(json.dumps(envelope))

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict:
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for message in self.received:
                    if message.get("envelope_id") == envelope_id:
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no ack for {envelope_id}; received {self.received}")
                self.changed.wait(left)

    def _session(self, websocket):
        with self.changed:
            websocket.send(json.dumps(HELLO))
            for envelope in self.pending:
                websocket.send(json.dumps(envelope))
            self.pending.clear()
            self.connection = websocket
        try:
            for raw in websocket:
                with self.changed:
                    self.received.append(json.loads(raw))
                    self.changed.notify_all()
        except ConnectionClosed:
            pass
        finally:
            with self.changed:
                if self.connection is websocket:
                    self.connection = None


class SocketModeSlack(FakeSlack):
    """The fake Web API, answering `apps.connections.open` with the fake Socket Mode server's URL."""

    def __init__(self, socket_mode: FakeSocketMode):
        super().__init__()
        self.socket_mode = socket_mode

    def _answer(self, method: str, params: dict) -> dict:
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_mode.url}
        return super()._answer(method, params)
