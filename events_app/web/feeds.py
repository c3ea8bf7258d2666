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
from zoneinfo import ZoneInfo

from flask import Blueprint, Flask, Response, abort, current_app, request

from ..domain import Event, EventFilter
from ..feeds.ics import CalendarInfo, RenderCache, assemble_ics, render_ics, vevent_bytes
from ..feeds.json import event_to_dict, json_head
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


def _feed_index(criteria: EventFilter) -> list[repository.FeedEntry]:
    past_days = current_app.config["FEED_PAST_DAYS"]
    if past_days is not None and criteria.ends_after is None:
        criteria = dataclasses.replace(criteria, ends_after=now() - timedelta(days=past_days))
    return repository.feed_index(db_session(), criteria, limit=MAX_FEED_EVENTS)


def _pieces(
    kind: str, entries: list[repository.FeedEntry], render: Callable[[Event], bytes]
) -> list[bytes]:
    """Each event's rendered piece, from the cache where its revision has not moved; only the
    events that changed are loaded and rendered."""
    cache = _cache().vevents
    keys = [(kind, entry.id, entry.revision) for entry in entries]
    pieces = [cache.get(key) for key in keys]
    missing = [entry.id for entry, piece in zip(entries, pieces, strict=True) if piece is None]
    if missing:
        loaded = repository.events_by_ids(db_session(), missing)
        for n, (entry, key) in enumerate(zip(entries, keys, strict=True)):
            if pieces[n] is None and entry.id in loaded:
                pieces[n] = render(loaded[entry.id])
                cache.put(key, pieces[n])
    return [piece for piece in pieces if piece is not None]


def _newest(entries: list[repository.FeedEntry]) -> datetime | None:
    return max((e.updated_at for e in entries), default=None)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _local_year(moment: datetime, zone: str) -> int:
    return moment.astimezone(ZoneInfo(zone)).year


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
        entries = _feed_index(criteria)
        vevents = _pieces("ics", entries, lambda e: vevent_bytes(e, _event_url(e)))
        zones = {entry.timezone for entry in entries}
        years = [_local_year(e.start, e.timezone) for e in entries] + [
            _local_year(e.end, e.timezone) for e in entries if e.end is not None
        ]
        body = assemble_ics(
            _calendar_info(title), zones, min(years, default=0), max(years, default=0), vevents
        )
        return RenderedFeed(body, _newest(entries))

    return _ics_response(_cached("ics", build), "events.ics")


@bp.get("/events/<slug>.ics")
def event_ics(slug: str):
    event = repository.get_event(db_session(), slug) or abort(404)
    body = render_ics([event], _calendar_info(event.title), _event_url)
    return _ics_response(RenderedFeed(body, event.updated_at), f"{slug}.ics")


@bp.get("/events.json")
def site_json():
    criteria = event_filter(request.args, default_timezone())

    def build() -> RenderedFeed:
        entries = _feed_index(criteria)
        urls = site_urls()
        items = _pieces("json", entries, lambda e: _json(event_to_dict(e, urls)))
        head = _json(json_head(urls, title=current_app.config["SITE_NAME"]))[:-1]
        body = head + b',"events":[' + b",".join(items) + b"]}"
        return RenderedFeed(body, _newest(entries))

    feed = _cached("json", build)
    return cacheable(Response(feed.body, mimetype="application/json"), feed.last_modified)
