"""Headers that every response carries, and the checks made before any view runs."""

from __future__ import annotations

from flask import Flask, Response, abort, g, request

from ..maps import EMBED_ORIGIN
from .auth import check_csrf
from .query import check_query, check_text, path_has_control_characters


def content_security_policy(*, frames: str = "'self'", framed_by: str = "'none'") -> str:
    """The policy every page has; `frames` are the origins it may frame (frame-src), and
    `framed_by` those that may frame it (frame-ancestors)."""
    return (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        f"frame-src {frames}; object-src 'none'; base-uri 'self'; form-action 'self'; "
        f"frame-ancestors {framed_by}"
    )


CONTENT_SECURITY_POLICY = content_security_policy()
MAP_POLICY = content_security_policy(frames=f"'self' {EMBED_ORIGIN}")
POLICY_HEADER = "Content-Security-Policy"


def allow_map_frames() -> None:
    """This page shows an OpenStreetMap embed: only such a page's policy lets that origin in
    a frame. (A cached page keeps the header with its body: see caching.cached_page.)"""
    g.content_security_policy = MAP_POLICY


def chosen_headers() -> tuple[tuple[str, str], ...]:
    """The headers this request's view chose for its page (its policy, when not the usual)."""
    policy = g.get("content_security_policy")
    return ((POLICY_HEADER, policy),) if policy else ()


def register(app: Flask) -> None:
    app.before_request(check_input)
    app.before_request(check_csrf)

    @app.after_request
    def security_headers(response: Response) -> Response:
        policy = g.get("content_security_policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(POLICY_HEADER, policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if request.path.startswith(("/organiser", "/login")):
            response.headers["Cache-Control"] = "no-store"
        return response


def check_input() -> None:
    """Before any view (and so before any query): a path with a control character names no
    page (404); every query parameter and form field passes the edge's one check of text
    (`query.check_text`), and text that is not UTF-8 was refused as the request was read
    (`query.StrictRequest`). JSON bodies get the same check as `json_object` reads them."""
    if path_has_control_characters(request.path):
        abort(404)
    check_query(request.args)
    if request.method == "POST":
        for name, value in request.form.items(multi=True):
            check_text(name, value)
