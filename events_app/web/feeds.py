"""Calendar and JSON feeds. Rendering lives in events_app.feeds; this adds HTTP around it."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from flask import Blueprint, Response, abort, current_app, jsonify, request

from ..domain import Event, EventFilter
from ..feeds.ics import CalendarInfo, render_ics
from ..feeds.json import render_events_json
from ..store import repository
from .context import db_session, default_timezone, now, site_urls
from .http import cacheable
from .query import active_filters, event_filter

bp = Blueprint("feeds", __name__)

MAX_FEED_EVENTS = 20_000


def _feed_events(criteria: EventFilter) -> list[Event]:
    past_days = current_app.config["FEED_PAST_DAYS"]
    if past_days is not None and criteria.ends_after is None:
        criteria = dataclasses.replace(criteria, ends_after=now() - timedelta(days=past_days))
    return repository.list_events(db_session(), criteria, limit=MAX_FEED_EVENTS)


def _calendar_info(title: str) -> CalendarInfo:
    urls = site_urls()
    site = current_app.config["SITE_NAME"]
    return CalendarInfo(
        name=title,
        description=f"Events listed on {site}",
        url=urls.page("/"),
        source=urls.page(request.full_path.rstrip("?")),
        timezone=default_timezone(),
    )


def _ics_response(body: bytes, filename: str, events: list[Event]) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return cacheable(response, events)


@bp.get("/events.ics")
def site_ics():
    criteria = event_filter(request.args, default_timezone())
    title = current_app.config["SITE_NAME"]
    if active_filters(request.args):
        title = f"{title} (filtered)"
    events = _feed_events(criteria)
    body = render_ics(events, _calendar_info(title), lambda e: site_urls().event(e.slug))
    return _ics_response(body, "events.ics", events)


@bp.get("/events/<slug>.ics")
def event_ics(slug: str):
    event = repository.get_event(db_session(), slug)
    if event is None:
        abort(404)
    body = render_ics([event], _calendar_info(event.title), lambda e: site_urls().event(e.slug))
    return _ics_response(body, f"{slug}.ics", [event])


@bp.get("/events.json")
def site_json():
    criteria = event_filter(request.args, default_timezone())
    events = _feed_events(criteria)
    document = render_events_json(events, site_urls(), title=current_app.config["SITE_NAME"])
    return cacheable(jsonify(document), events)
