"""The control for bench/feeds_bench.py: a bare Flask app that returns fixed bytes (gzip ones to
a gzip client, 304 to a matching If-None-Match), served by the same gunicorn, so the ratio
measures only what events_app itself adds."""

import hashlib
import os
from pathlib import Path

from flask import Flask, Response, request

app = Flask(__name__)
FOLDER = Path(os.environ["BARE_DIR"])
BODIES = {
    name: (FOLDER / name).read_bytes()
    for name in ("events.ics", "events.ics.gz", "api.json", "index.html")
}
TYPES = {
    "events.ics": "text/calendar",
    "api.json": "application/json",
    "index.html": "text/html; charset=utf-8",
}
ETAGS = {name: hashlib.md5(body).hexdigest() for name, body in BODIES.items()}


def _serve(name: str) -> Response:
    packed = f"{name}.gz"
    if packed in BODIES and "gzip" in request.headers.get("Accept-Encoding", ""):
        response = Response(BODIES[packed], content_type=TYPES[name])
        response.headers["Content-Encoding"] = "gzip"
        response.set_etag(ETAGS[packed])
    else:
        response = Response(BODIES[name], content_type=TYPES[name])
        response.set_etag(ETAGS[name])
    response.vary.add("Accept-Encoding")
    return response.make_conditional(request)


@app.get("/events.ics")
def ics() -> Response:
    return _serve("events.ics")


@app.get("/api/v1/events")
def api() -> Response:
    return _serve("api.json")


@app.get("/")
def index() -> Response:
    return _serve("index.html")


# Everything here is answered from memory, so the worker's loop may answer it as it answers
# events_app's stored answers (events_app.worker): the same worker model for both.
app.cached_wsgi = app.wsgi_app  # type: ignore[attr-defined]
