"""Importing another calendar (an uploaded `.ics` file or a URL) as drafts for review."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import services
from ..calendar_import import CalendarImportError, read_calendar
from ..domain import InvalidEventError
from ..fetch import Fetcher, FetchError
from .auth import current_user, login_required
from .context import db_session, default_timezone, now
from .errors import status_of

bp = Blueprint("imports", __name__, url_prefix="/organiser/import")


def fetcher() -> Fetcher:
    return current_app.extensions["calendar_fetcher"]


def allow_calendar_uploads() -> None:
    """An uploaded calendar may be larger than the site-wide request limit. This must run
    before any other hook reads the form (the CSRF check does), so it goes first of all."""
    if request.blueprint == bp.name:
        request.max_content_length = current_app.config["IMPORT_MAX_BYTES"] + 64 * 1024


@bp.record_once
def _first_of_the_hooks(state) -> None:
    state.app.before_request_funcs.setdefault(None, []).insert(0, allow_calendar_uploads)


@bp.get("/")
@login_required
def form():
    return render_template("organiser/import.html", url="")


@bp.post("/")
@login_required
def run():
    url = request.form.get("url", "").strip()[:2000]
    upload = request.files.get("calendar")
    try:
        data = _calendar_bytes(url, upload)
        calendar = read_calendar(
            data,
            now=now(),
            default_timezone=default_timezone(),
            max_events=current_app.config["IMPORT_MAX_EVENTS"],
            budget_seconds=current_app.config["IMPORT_BUDGET_SECONDS"],
        )
        user = current_user()
        assert user is not None
        summary = services.import_events(db_session(), calendar.events, owner=user, now=now())
    except FetchError as exc:
        return _again(url, str(exc)), status_of(exc)
    except InvalidEventError as exc:
        return _again(url, str(exc)), status_of(exc)
    except CalendarImportError as exc:
        return _again(url, str(exc)), 422
    flash(gettext("Imported: %(summary)s.", summary=summary.describe()))
    for note in calendar.warnings + summary.refused + summary.notes:
        flash(note)
    return redirect(url_for("organiser.dashboard"))


def _calendar_bytes(url: str, upload) -> bytes:
    if upload is not None and upload.filename:
        return fetcher().read(upload.stream)
    if url:
        return fetcher().fetch(url)
    raise CalendarImportError(gettext("Choose a calendar file or give its address"))


def _again(url: str, error: str):
    return render_template("organiser/import.html", url=url, error=error)
