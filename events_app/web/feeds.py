"""Calendar and JSON feeds. Rendering lives in events_app.feeds; this adds HTTP around it.

A whole feed is kept, per worker, under a key that includes the database's own version of the
data, so it is rendered once per change of the data rather than once per request, and every
worker or app server sees a change at once: the key moves the moment the data does.
"""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Blueprint, Flask, Response, abort, current_app, request

from ..domain import Event, EventFilter
from ..feeds.ics import CalendarInfo, RenderCache, render_ics
from ..feeds.json import render_events_json
from ..store import repository
from .context import db_session, default_timezone, now, site_urls
from .http import cacheable
from .query import active_filters, event_filter

bp = Blueprint("feeds", __name__)

MAX_FEED_EVENTS = 20_000
CACHED_FEEDS = 256


@dataclass(frozen=True)
class RenderedFeed:
    body: bytes
    last_modified: datetime | None


class FeedCache:
    """Rendered feeds by (address, data version); the least recently used go first."""

    def __init__(self, max_entries: int = CACHED_FEEDS) -> None:
        self._entries: OrderedDict[tuple, RenderedFeed] = OrderedDict()
        self._max = max_entries
        self.vevents = RenderCache()

    def get(self, key: tuple, build: Callable[[], RenderedFeed]) -> RenderedFeed:
        found = self._entries.get(key)
        if found is None:
            found = build()
            self._entries[key] = found
            if len(self._entries) > self._max:
                self._entries.popitem(last=False)
        else:
            self._entries.move_to_end(key)
        return found


def init_cache(app: Flask) -> None:
    app.extensions["events_feed_cache"] = FeedCache()


def _cache() -> FeedCache:
    return current_app.extensions["events_feed_cache"]


def _cached(kind: str, build: Callable[[], RenderedFeed]) -> RenderedFeed:
    window = current_app.config["FEED_PAST_DAYS"]
    key = (
        kind,
        request.full_path,
        repository.data_version(db_session()),
        now().date() if window is not None else None,
    )
    return _cache().get(key, build)


def _feed_events(criteria: EventFilter) -> list[Event]:
    past_days = current_app.config["FEED_PAST_DAYS"]
    if past_days is not None and criteria.ends_after is None:
        criteria = dataclasses.replace(criteria, ends_after=now() - timedelta(days=past_days))
    return repository.list_events(db_session(), criteria, limit=MAX_FEED_EVENTS)


def _newest(events: list[Event]) -> datetime | None:
    stamps = [e.updated_at for e in events if e.updated_at is not None]
    return max(stamps) if stamps else None


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


def _event_url(event: Event) -> str:
    return site_urls().event(event.slug)


def _ics_response(feed: RenderedFeed, filename: str) -> Response:
    response = Response(feed.body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return cacheable(response, feed.last_modified)


@bp.get("/events.ics")
def site_ics():
    criteria = event_filter(request.args, default_timezone())
    title = current_app.config["SITE_NAME"]
    if active_filters(request.args):
        title = f"{title} (filtered)"

    def build() -> RenderedFeed:
        events = _feed_events(criteria)
        body = render_ics(events, _calendar_info(title), _event_url, _cache().vevents)
        return RenderedFeed(body, _newest(events))

    return _ics_response(_cached("ics", build), "events.ics")


@bp.get("/events/<slug>.ics")
def event_ics(slug: str):
    event = repository.get_event(db_session(), slug) or abort(404)
    body = render_ics([event], _calendar_info(event.title), _event_url, _cache().vevents)
    return _ics_response(RenderedFeed(body, event.updated_at), f"{slug}.ics")


@bp.get("/events.json")
def site_json():
    criteria = event_filter(request.args, default_timezone())

    def build() -> RenderedFeed:
        events = _feed_events(criteria)
        document = render_events_json(events, site_urls(), title=current_app.config["SITE_NAME"])
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        return RenderedFeed(body, _newest(events))

    feed = _cached("json", build)
    return cacheable(Response(feed.body, mimetype="application/json"), feed.last_modified)
