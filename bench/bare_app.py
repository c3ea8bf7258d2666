"""The control for bench/feeds_bench.py: a bare Flask app that returns fixed bytes, served by
the same gunicorn, so the ratio measures only what events_app itself adds."""

import os
from pathlib import Path

from flask import Flask, Response

app = Flask(__name__)
BODIES = {
    name: (Path(os.environ["BARE_DIR"]) / name).read_bytes()
    for name in ("events.ics", "api.json", "index.html")
}
TYPES = {
    "events.ics": "text/calendar",
    "api.json": "application/json",
    "index.html": "text/html; charset=utf-8",
}


@app.get("/events.ics")
def ics() -> Response:
    return Response(BODIES["events.ics"], content_type=TYPES["events.ics"])


@app.get("/api/v1/events")
def api() -> Response:
    return Response(BODIES["api.json"], content_type=TYPES["api.json"])


@app.get("/")
def index() -> Response:
    return Response(BODIES["index.html"], content_type=TYPES["index.html"])
