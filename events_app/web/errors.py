"""Every failure becomes a page or JSON a person can read: never a traceback, never SQL."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, make_response, render_template, request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..domain import InvalidEventError
from ..services import NotFoundError

log = logging.getLogger(__name__)


class BadQueryError(ValueError):
    """A query parameter that cannot be understood; the message names it and the right form."""


def wants_json() -> bool:
    path = request.path
    return path.endswith(".json") or path.startswith("/api/")


def error_response(status: int, title: str, message: str):
    if wants_json():
        response = jsonify(error={"status": status, "title": title, "message": message})
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif request.path.endswith(".ics"):
        response = make_response(f"{title}: {message}\n")
        response.mimetype = "text/plain"
        response.headers["Access-Control-Allow-Origin"] = "*"
    else:
        response = render_template("error.html", status=status, title=title, message=message)
    return response, status


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code == 404:
            return error_response(404, "Not found", "There is no page at this address.")
        if exc.code == 413:
            return error_response(413, "Too large", "The request is larger than this site accepts.")
        return error_response(exc.code or 500, exc.name, exc.description or exc.name)

    @app.errorhandler(BadQueryError)
    def bad_query(exc: BadQueryError):
        return error_response(400, "Bad request", str(exc))

    @app.errorhandler(InvalidEventError)
    def invalid_event(exc: InvalidEventError):
        return error_response(exc.status, "Cannot save this event", str(exc))

    @app.errorhandler(NotFoundError)
    def not_found(_exc: NotFoundError):
        return error_response(404, "Not found", "There is no such event.")

    @app.errorhandler(OperationalError)
    def database_unavailable(exc: OperationalError):
        log.error("database unavailable: %s", exc.__class__.__name__)
        response, status = error_response(
            503,
            "Temporarily unavailable",
            "The event database cannot be reached just now. Please try again in a minute.",
        )
        response = app.make_response((response, status))
        response.headers["Retry-After"] = "30"
        return response

    @app.errorhandler(InternalServerError)
    def internal_error(exc: InternalServerError):
        log.exception("unhandled error", exc_info=exc.original_exception)
        return error_response(
            500, "Something went wrong", "The error has been logged. Please try again later."
        )
