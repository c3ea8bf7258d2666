"""Public HTML pages: listings, an event, a venue, a speaker, a festival or series, search."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from .. import services
from ..domain import EventFilter
from ..store import repository
from .context import db_session, default_timezone, now, site_urls
from .query import active_filters, event_filter, int_param

bp = Blueprint("pages", __name__)

PAST_PAGE_SIZE = 50


@bp.get("/")
def index():
    criteria = event_filter(request.args, default_timezone())
    if active_filters(request.args):
        upcoming = services.upcoming_events(db_session(), now(), criteria)
        recent = services.past_events(db_session(), now(), criteria, limit=20)
    else:
        upcoming, recent = services.front_page(db_session(), now())
    return render_template(
        "index.html", upcoming=upcoming, recent=recent, filters=active_filters(request.args)
    )


@bp.get("/past")
def past():
    page = int_param(request.args, "page", 1, 1, 10_000)
    events = services.past_events(
        db_session(), now(), limit=PAST_PAGE_SIZE + 1, offset=(page - 1) * PAST_PAGE_SIZE
    )
    return render_template(
        "past.html",
        events=events[:PAST_PAGE_SIZE],
        page=page,
        has_more=len(events) > PAST_PAGE_SIZE,
    )


@bp.get("/events/<slug>")
def event(slug: str):
    found = repository.get_event(db_session(), slug)
    if found is None:
        abort(404)
    return render_template(
        "event.html", event=found, urls=site_urls(), is_past=found.is_past(now())
    )


@bp.get("/series/<slug>")
def series(slug: str):
    found = repository.get_event(db_session(), slug)
    if found is None:
        abort(404)
    sessions = repository.list_events(db_session(), EventFilter(series=slug))
    return render_template("series.html", event=found, sessions=sessions)


@bp.get("/venues/<slug>")
def venue(slug: str):
    found = repository.get_venue(db_session(), slug) or abort(404)
    return render_template("venue.html", venue=found, **_upcoming_and_past(EventFilter(venue=slug)))


@bp.get("/speakers/<slug>")
def speaker(slug: str):
    found = repository.get_person(db_session(), slug) or abort(404)
    return render_template(
        "speaker.html", person=found, **_upcoming_and_past(EventFilter(speaker=slug))
    )


def _upcoming_and_past(criteria: EventFilter) -> dict[str, list]:
    return {
        "upcoming": services.upcoming_events(db_session(), now(), criteria),
        "past": services.past_events(db_session(), now(), criteria, limit=100),
    }


@bp.get("/search")
def search():
    criteria = event_filter(request.args, default_timezone())
    query = criteria.text or ""
    results = (
        repository.list_events(db_session(), criteria, newest_first=True, limit=100)
        if query
        else []
    )
    return render_template("search.html", query=query, results=results)
