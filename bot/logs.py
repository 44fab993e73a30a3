"""Logging: readable text or one JSON object a line (ALTITUDE_LOG_FORMAT). Secrets and message text
are never passed to the logger; debug level may name more."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(log_format: str, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("slack_bolt", "slack_sdk", "urllib3", "httpx", "openai", "waitress.queue"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    # It logs every failed request, with the request; Altitude reports the failure itself, once.
    logging.getLogger("slack_sdk.web.base_client").setLevel(logging.CRITICAL)
