"""Logging: readable text or one JSON object a line (ALTITUDE_LOG_FORMAT).

Message text is logged at debug level only (`serve --debug`), and secrets never: the settings'
secrets, and anything shaped like a Slack token or an OpenAI key, are blanked out of every record
by the handler's filter, whatever logger wrote it.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

# Structured fields a log call may add with `extra=`; they become JSON keys (or `key=value` in text).
FIELDS = ("team_id", "decision_id", "where", "outcome", "count")
_TOKEN_SHAPES = re.compile(r"\b(?:xox[abprse]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|sk-[A-Za-z0-9_-]{8,})")
REDACTED = "[redacted]"


class Redact(logging.Filter):
    def __init__(self, secrets: Iterable[str | None] = ()):
        super().__init__()
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.clean(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.clean(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True

    def clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return _TOKEN_SHAPES.sub(REDACTED, text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({key: getattr(record, key) for key in FIELDS if hasattr(record, key)})
        error = record.exc_text or (self.formatException(record.exc_info) if record.exc_info else None)
        if error:
            entry["error"] = error
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        fields = " ".join(f"{key}={getattr(record, key)}" for key in FIELDS if hasattr(record, key))
        return f"{super().format(record)} {fields}".rstrip()


def configure(log_format: str, level: int = logging.INFO, secrets: Iterable[str | None] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(Redact(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in (
        "slack_bolt",
        "slack_sdk",
        "urllib3",
        "httpx",
        "httpcore",
        "httpx2",
        "httpcore2",
        "openai",
        "waitress.queue",
    ):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    # It logs every failed request, with the request; Altitude reports the failure itself, once.
    logging.getLogger("slack_sdk.web.base_client").setLevel(logging.CRITICAL)
