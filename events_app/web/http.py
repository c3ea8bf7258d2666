"""HTTP around the public feeds: cache validators, cache lifetime, and any-origin reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask import Response, request

from ..domain import Event


def cacheable(response: Response, changed: datetime | Sequence[Event] | None = None) -> Response:
    """A strong ETag from the body, Last-Modified from the newest change (given, or the
    newest of some events), and a 304 for a client that already has this version."""
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    if changed is not None and not isinstance(changed, datetime):
        stamps = [e.updated_at for e in changed if e.updated_at is not None]
        changed = max(stamps) if stamps else None
    if changed is not None:
        response.last_modified = changed
    response.add_etag()
    return response.make_conditional(request)
