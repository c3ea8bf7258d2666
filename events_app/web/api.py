"""The versioned JSON API, its OpenAPI description, and the JSON Feed for feed readers."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, jsonify, request

from .. import listings, services
from ..domain import EventFilter, UnknownTimeZoneError
from ..feeds.event_json import compact_json, event_to_dict
from ..feeds.jsonfeed import render_json_feed
from ..fetch import FetchError
from ..ingest import IngestError
from ..ingest import read as ingest
from ..parsing import ParseError, draft_to_dict
from ..store import repository
from ..zone_input import read_zone
from .auth import current_user
from .caching import Rendered, answer_args, newest, serve_cached
from .context import db_session, default_timezone, now, reading_context, site_name, site_urls
from .errors import BadQueryError, status_of
from .formatting import when
from .openapi import openapi_document
from .query import day, event_filter, int_param, json_object, text_param

bp = Blueprint("api", __name__)

API_VERSION = "1"
DEFAULT_LIMIT, MAX_LIMIT = 50, 200
JSON_FEED_ITEMS = 100


@bp.get("/api/v1/events")
def list_events():
    criteria = event_filter(request.args, default_timezone())
    scope = text_param(request.args, "when") or "upcoming"
    if scope not in listings.SCOPES:
        raise BadQueryError("when must be upcoming, past or all")
    limit = int_param(request.args, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    page = int_param(request.args, "page", 1, 1, 100_000)
    moment = now()

    def build() -> Rendered:
        listings.check_facets(db_session(), criteria)
        total = listings.count(db_session(), criteria, scope, moment)
        events = listings.events(
            db_session(), criteria, scope, moment, limit=limit, offset=(page - 1) * limit
        )
        urls = site_urls()
        document = {
            "version": API_VERSION,
            "count": total,
            "events": [event_to_dict(e, urls) for e in events],
            "next": _page_url(page + 1) if page * limit < total else None,
            "previous": _page_url(page - 1) if page > 1 else None,
        }
        return Rendered(compact_json(document), "application/json", newest(events))

    return serve_cached("api-list", build)


def _page_url(page: int) -> str:
    args = {k: v for k, v in answer_args(request.args) if k != "page"}
    args["page"] = str(page)
    return site_urls().page(f"{request.path}?{urlencode(args)}")


@bp.get("/api/v1/events/<slug>")
def get_event(slug: str):
    def build() -> Rendered:
        event = repository.get_event(db_session(), slug) or abort(404)
        return Rendered(
            compact_json(event_to_dict(event, site_urls())), "application/json", event.updated_at
        )

    return serve_cached("api-event", build)


@bp.get("/api/v1/openapi.json")
def openapi():
    def build() -> Rendered:
        document = openapi_document(current_app.config["BASE_URL"], site_name())
        return Rendered(compact_json(document), "application/json", None)

    return serve_cached("openapi", build)


@bp.get("/feed.json")
def json_feed():
    def build() -> Rendered:
        events = listings.upcoming(db_session(), EventFilter(), now(), limit=JSON_FEED_ITEMS)
        urls = site_urls()
        document = render_json_feed(
            events,
            urls,
            title=site_name(),
            feed_url=urls.page("/feed.json"),
            when=when,
        )
        return Rendered(compact_json(document), "application/feed+json", newest(events))

    return serve_cached("json-feed", build)


@bp.post("/api/v1/parse")
def parse():
    """Read an announcement for a signed-in organiser: drafts as JSON, nothing stored.

    Only `application/json` is accepted (415 otherwise): a browser cannot send that across
    sites without a CORS preflight this API never grants, which is what keeps the signed-in
    cookie from being used by another site here, in place of a form token."""
    if not request.is_json:
        abort(415, description="Send the announcement as JSON, with Content-Type: application/json")
    if current_user() is None:
        abort(401, description="Sign in to the organiser area to read announcements")
    expected = 'with "text": the announcement, or "url": its address'
    document = json_object(request.get_data(cache=True), expected)
    if isinstance(document.get("url"), str):
        return _parse_link(document)
    if not isinstance(document.get("text"), str):
        raise BadQueryError(f"The body must be a JSON object {expected}")
    text = document["text"]
    try:
        result = services.read_announcement(
            text,
            reference_date=_json_date(document.get("reference_date")),
            timezone=_json_zone(document.get("timezone")),
            **reading_context(),
        )
    except ParseError as exc:
        abort(422, description=str(exc))
    return jsonify(events=[draft_to_dict(d) for d in result.drafts], warnings=result.warnings)


def _parse_link(document: dict):
    """The announcement at a web address, fetched with the calendar import's guarded fetcher."""
    url = document["url"].strip()
    if not url or len(url) > 2000:
        raise BadQueryError("url must be a web address of at most 2,000 characters")
    reference = _json_date(document.get("reference_date"))
    zone = _json_zone(document.get("timezone"))
    try:
        source = ingest.read_link(
            url, current_app.extensions["calendar_fetcher"], default_timezone=zone
        )
        result = ingest.parse_source(
            source,
            timezone=zone,
            reference_date=reference,
            **reading_context(),
            parse=services.read_announcement,
        )
    except (FetchError, IngestError) as exc:
        abort(status_of(exc), description=str(exc))
    except ParseError as exc:
        abort(422, description=str(exc))
    return jsonify(ingest.result_to_dict(result))


def _json_date(value: object) -> date | None:
    if value is not None and not isinstance(value, str):
        raise BadQueryError("reference_date must be a date, YYYY-MM-DD")
    return day(value, "reference_date")


def _json_zone(value: object) -> str:
    if value in (None, ""):
        return default_timezone()
    try:
        return read_zone(str(value))
    except UnknownTimeZoneError as exc:
        raise BadQueryError(str(exc)) from exc
