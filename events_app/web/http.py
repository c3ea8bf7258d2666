"""HTTP around the public feeds: cache validators, cache lifetime, and any-origin reads."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Response, request

from ..domain import Event


def cacheable(response: Response, events: Sequence[Event] = ()) -> Response:
    """A strong ETag from the body, Last-Modified from the newest change, and a 304 for a
    client that already has this version."""
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    changed = [e.updated_at for e in events if e.updated_at is not None]
    if changed:
        response.last_modified = max(changed)
    response.add_etag()
    return response.make_conditional(request)
