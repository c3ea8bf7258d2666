"""Calendar and JSON feeds. Rendering lives in events_app.feeds; this adds HTTP around it.

Whole feeds are served from the response cache (see .caching). When the data changes, only the
events whose revision moved are loaded and rendered again; the rest come from this process's
piece cache or, in a worker or server that has not seen them yet, from the render store in the
database (events_app.store.renders), which whoever renders a piece first fills for the others.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, request

from .. import domain, feeds, listings
from ..domain import Event, EventFilter
from ..feeds import event_json, ics, vtimezone
from ..feeds.documents import calendar_parts, json_parts
from ..feeds.event_json import compact_json, event_to_dict
from ..feeds.ics import CalendarInfo, render_ics, vevent_bytes
from ..store import renders, repository
from .caching import BoundedCache, Rendered, answer_path, serve_cached
from .context import database, db_session, default_timezone, now, site_name, site_urls
from .listing import feed_title
from .query import active_filters, event_filter

bp = Blueprint("feeds", __name__)

MAX_FEED_EVENTS = 20_000
PIECE_CACHE_BYTES = 64 * 1024 * 1024
FEED_INDEX_BYTES = 16 * 1024 * 1024
INDEX_ROW_BYTES = 400  # a row's tuple, its UID and zone strings and its three instants
RENDERING_MODULES = (domain, feeds, ics, event_json, vtimezone)  # what pieces come from


def init_cache(app: Flask) -> None:
    app.extensions["events_piece_cache"] = BoundedCache(
        app.config.get("PIECE_CACHE_BYTES", PIECE_CACHE_BYTES)
    )
    app.extensions["events_feed_indexes"] = BoundedCache(
        app.config.get("FEED_INDEX_BYTES", FEED_INDEX_BYTES)
    )
    app.extensions["events_renderer"] = renderer_fingerprint(app.config["BASE_URL"])


def renderer_fingerprint(base_url: str) -> str:
    """What a stored piece was rendered by: the code that renders pieces, the icalendar
    release and the site's address. A release that renders differently (or a server with
    another BASE_URL) then never takes another's pieces for its own."""
    digest = hashlib.sha256(base_url.encode())
    digest.update(importlib.metadata.version("icalendar").encode())
    for path in [Path(__file__)] + [Path(m.__file__ or "") for m in RENDERING_MODULES]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _piece_cache() -> BoundedCache:
    return current_app.extensions["events_piece_cache"]


@dataclass(frozen=True)
class KeptIndex:
    """A feed's index rows as of a data version, kept by each process between changes."""

    version: int
    rows: list[tuple]


def _feed_index(criteria: EventFilter) -> repository.FeedIndex:
    """The feed's index, from this process's copy brought up to date with the events stamped
    since (one light query) rather than read whole after every change. The past-days cutoff
    moves by the minute, as the response cache's key does, so a copy serves a minute at most."""
    session = db_session()
    listings.check_facets(session, criteria)
    minute = now().replace(second=0, microsecond=0)
    past_days = current_app.config["FEED_PAST_DAYS"]
    criteria = listings.feed_criteria(criteria, minute, past_days=past_days)
    indexes = current_app.extensions["events_feed_indexes"]
    kept: KeptIndex | None = indexes.get(criteria)
    rows = None
    if kept is not None and len(kept.rows) < MAX_FEED_EVENTS:
        changes = repository.feed_changes(session, criteria, kept.version)
        version, rows = changes.version, _applied(kept.rows, changes)
    if rows is None:
        version = repository.data_version(session)  # read first: later rows are read again
        rows = repository.feed_rows(session, criteria, limit=MAX_FEED_EVENTS)
    if kept is None or version != kept.version:
        indexes.put(criteria, KeptIndex(version, rows), INDEX_ROW_BYTES * len(rows))
    return repository.index_of(rows)


def _applied(rows: list[tuple], changes: repository.FeedChanges) -> list[tuple] | None:
    """The kept rows with the changed events replaced, left out or added, in feed order; None
    when the count says an event left without a trace (deleted), so the index is read whole."""
    if changes.changed:
        rows = [row for row in rows if row[0] not in changes.changed]
        rows.extend(row for row in changes.changed.values() if row is not None)
        rows.sort(key=repository.row_order)
    return rows if len(rows) == changes.count else None


def _pieces(
    kind: str, entries: list[repository.FeedEntry], render: Callable[[Event], bytes]
) -> list[bytes]:
    """Each event's rendered piece: from this process's cache, else from the render store
    shared by every worker and server, else rendered now (and kept in both).

    Pieces are named by the id (never handed out twice), the UID and the revision: a calendar
    imported again after a delete brings back its UIDs and revisions under new ids."""
    cache = _piece_cache()
    pieces = cache.get_many([(kind, entry) for entry in entries])
    missing = [entry for entry, piece in zip(entries, pieces, strict=True) if piece is None]
    if missing:
        found = _shared_pieces(kind, missing, render)
        for n, entry in enumerate(entries):
            piece = found.get(entry.id) if pieces[n] is None else None
            if piece is not None:
                pieces[n] = piece
                cache.put((kind, entry), piece, len(piece))
    return [piece for piece in pieces if piece is not None]


def _shared_pieces(
    kind: str, entries: list[repository.FeedEntry], render: Callable[[Event], bytes]
) -> dict[int, bytes]:
    """Pieces from the render store, and the rest rendered and stored there for the others."""
    renderer = current_app.extensions["events_renderer"]
    names = {entry.id: renders.PieceName(entry.id, entry.uid, entry.revision) for entry in entries}
    found = renders.stored_pieces(db_session(), kind, renderer, list(names.values()))
    unrendered = [entry.id for entry in entries if entry.id not in found]
    if unrendered:
        made = {}
        for event in repository.events_by_ids(db_session(), unrendered).values():
            if event.id is not None and event.uid == names[event.id].uid:
                found[event.id] = made[renders.PieceName(event.id, event.uid, event.revision)] = (
                    render(event)
                )
        renders.keep_pieces(database().engine, kind, renderer, made)
    return found


def _calendar_info(title: str) -> CalendarInfo:
    urls = site_urls()
    site = site_name()
    return CalendarInfo(
        name=title,
        description=f"Events listed on {site}",
        url=urls.page("/"),
        source=urls.page(answer_path()),
        timezone=default_timezone(),
    )


def _event_url(event: Event) -> str:
    return site_urls().event(event.slug)


def _ics_response(response: Response, filename: str) -> Response:
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/events.ics")
def site_ics():
    criteria = event_filter(request.args, default_timezone())

    def build() -> Rendered:
        index = _feed_index(criteria)
        vevents = _pieces("ics", index.entries, lambda e: vevent_bytes(e, _event_url(e)))
        title = feed_title(active_filters(request.args))
        parts = calendar_parts(_calendar_info(title), index, vevents)
        return Rendered.joined(parts, "text/calendar", index.newest)

    return _ics_response(serve_cached("ics", build), "events.ics")


@bp.get("/events/<slug>.ics")
def event_ics(slug: str):
    def build() -> Rendered:
        event = repository.get_event(db_session(), slug) or abort(404)
        body = render_ics([event], _calendar_info(event.title), _event_url)
        return Rendered(body, "text/calendar", event.updated_at)

    return _ics_response(serve_cached("event-ics", build), f"{slug}.ics")


@bp.get("/events.json")
def site_json():
    criteria = event_filter(request.args, default_timezone())

    def build() -> Rendered:
        index = _feed_index(criteria)
        urls = site_urls()
        items = _pieces("json", index.entries, lambda e: compact_json(event_to_dict(e, urls)))
        parts = json_parts(urls, feed_title(active_filters(request.args)), items)
        return Rendered.joined(parts, "application/json", index.newest)

    return serve_cached("json", build)
