"""Headers that every response carries, and the checks made before any view runs."""

from __future__ import annotations

from flask import Flask, Response, abort, request

from .auth import check_csrf
from .query import check_query, check_text, path_has_control_characters

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def register(app: Flask) -> None:
    app.before_request(check_input)
    app.before_request(check_csrf)

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
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
