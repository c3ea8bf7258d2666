"""Headers that every response carries, and the checks made before any view runs."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, Response, abort, request

from .auth import check_csrf
from .query import check_query_text, path_has_control_characters

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def register(app: Flask) -> None:
    app.before_request(check_request_text)
    app.before_request(check_form_encoding)
    app.before_request(check_csrf)

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if request.path.startswith(("/organiser", "/login")):
            response.headers["Cache-Control"] = "no-store"
        return response


def check_request_text() -> None:
    """Before any view (and so before any query): a path with a control character names no
    page (404), a query parameter with one is refused (400)."""
    if path_has_control_characters(request.path):
        abort(404)
    check_query_text(request.args)


def check_form_encoding() -> None:
    """Form text must be UTF-8 without NUL characters (which PostgreSQL cannot store, so they
    are refused here for every form, before any query). Werkzeug keeps undecodable %-escapes
    as they are (and puts U+FFFD for raw bytes in multipart fields), so look at the bytes
    before anyone reads them."""
    if request.method != "POST":
        return
    if request.mimetype == "application/x-www-form-urlencoded":
        raw = request.get_data(cache=True, parse_form_data=False)
        try:
            unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            abort(400, description="Text must be UTF-8")
    elif request.mimetype == "multipart/form-data" and any(
        "\ufffd" in value for value in request.form.values()
    ):
        abort(400, description="Text must be UTF-8")
    if any("\x00" in value for value in request.form.values()):
        abort(400, description="Text must not contain NUL characters")
