"""Structured logs: one JSON object a line, each carrying the request id it belongs to.

Knows nothing of Flask: the web layer passes the filter that finds the current request's id
(events_app.web.edge.RequestIdFilter), so the CLI and the library log the same way."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime


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


class NoRequestId(logging.Filter):
    """Outside a request a record belongs to none: its id is "-"."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = "-"
        return True


def configure(
    level: str = "INFO", fmt: str = "json", request_ids: logging.Filter | None = None
) -> None:
    """Send the package's logs to standard error, as JSON lines unless `fmt` is `text`;
    `request_ids` gives each record the id of the request it was logged in."""
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
    handler.addFilter(request_ids or NoRequestId())
    logger.addHandler(handler)
    logger.setLevel(level.upper())
    logger.propagate = False
