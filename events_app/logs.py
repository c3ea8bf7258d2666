"""Structured logs: one JSON object a line, each carrying the request id it belongs to."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from flask import has_request_context, request

REQUEST_ID_KEY = "events_app.request_id"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", "-")
        if request_id != "-":
            entry["request_id"] = request_id
        for key in ("method", "path", "status", "duration_ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every record logged while it is being handled."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            in_request = has_request_context()
            record.request_id = request.environ.get(REQUEST_ID_KEY, "-") if in_request else "-"
        return True


def configure(level: str = "INFO", fmt: str = "json") -> None:
    """Send the package's logs to standard error, as JSON lines unless `fmt` is `text`."""
    logger = logging.getLogger("events_app")
    if any(getattr(h, "_events_app", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler._events_app = True  # type: ignore[attr-defined]
    handler.setFormatter(
        JsonFormatter()
        if fmt == "json"
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    handler.addFilter(RequestIdFilter())
    logger.addHandler(handler)
    logger.setLevel(level.upper())
    logger.propagate = False
