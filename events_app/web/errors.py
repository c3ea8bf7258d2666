"""Every failure becomes a page or JSON a person can read: never a traceback, never SQL."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext, lazy_gettext
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..domain import (
    InvalidEntryError,
    InvalidEventError,
    InvalidPersonError,
    InvalidVenueError,
    TextTooLongError,
    UnknownTimeZoneError,
)
from ..fetch import FetchError, TooLargeError
from ..images import ImageRefusedError, ImageTooLargeError
from ..ingest.source import (
    IngestError,
    InputTooLargeError,
    OcrUnavailableError,
    UnsupportedInputError,
)
from ..listings import UnknownFacetError
from ..services import NotFoundError
from ..store.migrate import needs_migrating
from .context import database

log = logging.getLogger(__name__)


class BadQueryError(ValueError):
    """A query parameter that cannot be understood; the message names it and the right form."""


STATUSES: tuple[tuple[type[Exception], int], ...] = (
    (ImageTooLargeError, 413),
    (ImageRefusedError, 415),
    (TextTooLongError, 413),
    (UnknownTimeZoneError, 400),
    (InvalidEventError, 422),
    (InvalidEntryError, 422),
    (TooLargeError, 413),
    (FetchError, 422),
    (UnsupportedInputError, 415),
    (InputTooLargeError, 413),
    (OcrUnavailableError, 503),
    (IngestError, 422),
    (UnknownFacetError, 404),
)
"""The HTTP status for each refusal the layers below raise, the most particular first: the
exceptions themselves know nothing of HTTP."""


def status_of(exc: Exception) -> int:
    return next((status for kind, status in STATUSES if isinstance(exc, kind)), 400)


UNKNOWN_FACET = {
    "venue": lazy_gettext("No venue “%(value)s” is listed here."),
    "speaker": lazy_gettext("No speaker “%(value)s” is listed here."),
    "tag": lazy_gettext("No tag “%(value)s” is listed here."),
    "series": lazy_gettext("No festival or series “%(value)s” is listed here."),
}


def facet_message(exc: UnknownFacetError) -> str:
    """The refusal in the visitor's language (English for feeds and the API)."""
    said = UNKNOWN_FACET.get(exc.param)
    return str(said) % {"value": exc.value} if said is not None else str(exc)


def _entry_kind(exc: InvalidEntryError) -> str:
    if isinstance(exc, InvalidVenueError):
        return "venue"
    return "speaker" if isinstance(exc, InvalidPersonError) else "entry"


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


def _too_large_message() -> str:
    """Names the limit of the address asked (a calendar upload's is higher than a form's)."""
    limit = request.max_content_length
    if not limit:
        return gettext("The request is larger than this site accepts.")
    size = f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit // 1024} KiB"
    return gettext(
        "The request is larger than this site accepts here: at most %(size)s.", size=size
    )


def storage_full(exc: OperationalError) -> bool:
    """SQLite's SQLITE_FULL, PostgreSQL's disk_full (SQLSTATE 53100) or a plain ENOSPC."""
    original = exc.orig
    text = str(original).lower()
    return (
        getattr(original, "sqlstate", None) == "53100"
        or "database or disk is full" in text
        or "no space left on device" in text
    )


def register(app: Flask) -> None:
    """The one mapping from exceptions to responses (domain errors carry no status; here they
    get one). Long as the list of handled kinds is: one short handler each, side by side."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code == 404:
            return error_response(
                404, gettext("Not found"), gettext("There is no page at this address.")
            )
        if exc.code == 413:
            return error_response(413, gettext("Too large"), _too_large_message())
        return error_response(exc.code or 500, exc.name, exc.description or exc.name)

    @app.errorhandler(BadQueryError)
    def bad_query(exc: BadQueryError):
        return error_response(400, gettext("Bad request"), str(exc))

    @app.errorhandler(InvalidEventError)
    def invalid_event(exc: InvalidEventError):
        return error_response(status_of(exc), "Cannot save this event", str(exc))

    @app.errorhandler(InvalidEntryError)
    def invalid_entry(exc: InvalidEntryError):
        return error_response(status_of(exc), f"Cannot save this {_entry_kind(exc)}", str(exc))

    @app.errorhandler(NotFoundError)
    def not_found(_exc: NotFoundError):
        return error_response(404, gettext("Not found"), gettext("There is no such event."))

    @app.errorhandler(UnknownFacetError)
    def unknown_facet(exc: UnknownFacetError):
        return error_response(status_of(exc), gettext("Not found"), facet_message(exc))

    @app.errorhandler(IntegrityError)
    def conflicting_write(exc: IntegrityError):
        log.warning("write refused by a database constraint: %s", exc.orig.__class__.__name__)
        return error_response(
            409,
            gettext("Saved by someone else at the same moment"),
            gettext("Nothing was saved. Please reload the page and try again."),
        )

    @app.errorhandler(OperationalError)
    def database_unavailable(exc: OperationalError):
        if storage_full(exc):
            log.error("storage full: nothing was saved (%s)", exc.orig.__class__.__name__)
            return error_response(
                507,
                gettext("Storage full"),
                gettext(
                    "The site's storage is full, so nothing was saved. "
                    "Please tell the site's administrator, then try again."
                ),
            )
        if needs_migrating(database().engine):
            return _not_migrated()
        log.error("database unavailable: %s", exc.__class__.__name__)
        return _retry_later(
            gettext("Temporarily unavailable"),
            gettext("The event database cannot be reached just now. Please try again in a minute."),
        )

    @app.errorhandler(ProgrammingError)
    def schema_mismatch(exc: ProgrammingError):
        """PostgreSQL's "relation does not exist": the schema was never brought up to date.
        Any other ProgrammingError is a bug, answered as one."""
        if needs_migrating(database().engine):
            return _not_migrated()
        return internal_error(InternalServerError(original_exception=exc))

    def _not_migrated():
        log.error("database schema missing or behind the code: run `events-app migrate`")
        return _retry_later(
            gettext("Not set up yet"),
            gettext(
                "The event database has not been set up for this version of the site: "
                "run `events-app migrate`, then try again."
            ),
        )

    def _retry_later(title: str, message: str):
        response, status = error_response(503, title, message)
        response = app.make_response((response, status))
        response.headers["Retry-After"] = "30"
        return response

    @app.errorhandler(InternalServerError)
    def internal_error(exc: InternalServerError):
        log.exception("unhandled error", exc_info=exc.original_exception)
        return error_response(
            500,
            gettext("Something went wrong"),
            gettext("The error has been logged. Please try again later."),
        )
