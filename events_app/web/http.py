"""HTTP around the public feeds and pages: a response cache keyed by the data's version, cache
validators, cache lifetime, and any-origin reads.

A response is built once per change of the data (and, for what depends on the clock, once a
minute) in each worker, and then served as stored bytes with a stored strong ETag. The key
holds the database's data version, so every worker and app server sees a change at once.
"""

from __future__ import annotations

import functools
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, Response, current_app, request, session

from ..domain import Event
from .context import data_version, now

CACHED_RESPONSES = 512


@dataclass(frozen=True)
class Rendered:
    body: bytes
    mimetype: str
    last_modified: datetime | None
    etag: str = ""


class ResponseCache:
    """Rendered responses by key; the least recently used go first."""

    def __init__(self, max_entries: int = CACHED_RESPONSES) -> None:
        self._entries: OrderedDict[tuple, Rendered] = OrderedDict()
        self._max = max_entries

    def get(self, key: tuple, build: Callable[[], Rendered]) -> Rendered:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            return found
        made = build()
        found = Rendered(
            made.body,
            made.mimetype,
            made.last_modified,
            hashlib.md5(made.body, usedforsecurity=False).hexdigest(),
        )
        self._entries[key] = found
        if len(self._entries) > self._max:
            self._entries.popitem(last=False)
        return found


def init_cache(app: Flask) -> None:
    app.extensions["events_response_cache"] = ResponseCache()


def serve_cached(kind: str, build: Callable[[], Rendered], *, public: bool = True) -> Response:
    """The stored response for this address and data version, built if there is none yet."""
    moment = now()
    window = current_app.config["FEED_PAST_DAYS"]
    key = (
        kind,
        request.full_path,
        data_version(),
        moment.replace(second=0, microsecond=0),
        window,
    )
    rendered = current_app.extensions["events_response_cache"].get(key, build)
    response = Response(rendered.body, mimetype=rendered.mimetype)
    response.set_etag(rendered.etag)
    if rendered.last_modified is not None:
        response.last_modified = rendered.last_modified
    if public:
        response.headers["Cache-Control"] = "public, max-age=300"
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response.make_conditional(request)


def cached_page(view: Callable[..., str]) -> Callable[..., Response | str]:
    """Serve a public page from the response cache to visitors who are not signed in."""

    @functools.wraps(view)
    def wrapped(*args: object, **kwargs: object) -> Response | str:
        if not anonymous():
            return view(*args, **kwargs)

        def build() -> Rendered:
            return Rendered(view(*args, **kwargs).encode(), "text/html", None)

        return serve_cached(f"page:{request.endpoint}", build, public=False)

    return wrapped


def anonymous() -> bool:
    """Whether the page would look the same to anyone: no signed-in session, no flash."""
    return "token" not in session and "_flashes" not in session


def newest(changed: Sequence[Event]) -> datetime | None:
    return max((e.updated_at for e in changed if e.updated_at is not None), default=None)


def cacheable(response: Response, changed: datetime | Sequence[Event] | None = None) -> Response:
    """A strong ETag from the body, Last-Modified from the newest change (given, or the
    newest of some events), and a 304 for a client that already has this version."""
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    if changed is not None and not isinstance(changed, datetime):
        changed = newest(changed)
    if changed is not None:
        response.last_modified = changed
    response.add_etag()
    return response.make_conditional(request)
