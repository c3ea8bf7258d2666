"""Public HTML pages: listings, an event, a venue, a speaker, a festival or series, search."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    render_template,
    request,
    send_from_directory,
)
from flask_babel import gettext

from .. import listings
from ..domain import EventFilter, Venue
from ..feeds.jsonld import event_jsonld
from ..listings import UnknownFacetError
from ..store import repository
from .caching import cached_page
from .calendar_links import add_to_calendar_links, subscribe_links
from .context import db_session, now, site_name, site_urls
from .errors import BadQueryError, facet_message, status_of
from .event_page import call_to_action, share_links
from .formatting import when
from .listing import asked_filter, facet_context, feed_title
from .query import active_filters, int_param
from .security import allow_map_frames, content_security_policy

FRAMEABLE_POLICY = content_security_policy(framed_by="*")

bp = Blueprint("pages", __name__)
IMMUTABLE = "public, max-age=31536000, immutable"


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says; answer with the site's icon
    rather than a 404 in every log."""
    return send_from_directory(
        current_app.static_folder or "static",
        "favicon.ico",
        mimetype="image/vnd.microsoft.icon",
        max_age=86400,
    )


def subscribe(filters: dict[str, str]) -> dict[str, str]:
    """Subscribe links for the .ics feed with the same filters as the page, named as it is."""
    query = f"?{urlencode(filters)}" if filters else ""
    return subscribe_links(site_urls().page(f"/events.ics{query}"), feed_title(filters))


PAST_PAGE_SIZE = 50


@bp.get("/")
@cached_page
def index():
    criteria = asked_filter()
    filters = active_filters(request.args)
    if filters:
        upcoming = listings.upcoming(db_session(), criteria, now())
        recent = listings.past(db_session(), criteria, now(), limit=20)
    else:
        upcoming, recent = listings.front_page(db_session(), now())
    return render_template(
        "index.html",
        upcoming=upcoming,
        recent=recent,
        **facet_context(filters),
    )


@bp.get("/past")
@cached_page
def past():
    page = int_param(request.args, "page", 1, 1, 10_000)
    events = listings.past(
        db_session(),
        EventFilter(),
        now(),
        limit=PAST_PAGE_SIZE + 1,
        offset=(page - 1) * PAST_PAGE_SIZE,
    )
    return render_template(
        "past.html",
        events=events[:PAST_PAGE_SIZE],
        page=page,
        has_more=len(events) > PAST_PAGE_SIZE,
        subscribe=subscribe({}),
    )


@bp.get("/events/<slug>")
@cached_page
def event(slug: str):
    found = repository.get_event(db_session(), slug) or abort(404)
    urls = site_urls()
    return render_template(
        "event.html",
        event=found,
        canonical=urls.event(slug),
        summary=_share_summary(found),
        is_past=found.is_past(now()),
        jsonld=event_jsonld(found, urls, site_name=site_name()),
        maps=_maps(found.venues),
        action=call_to_action(found, now()),
        share=share_links(found, urls.event(slug)),
        cover_url=urls.image(found.cover.digest) if found.cover else None,
        add_to_calendar=add_to_calendar_links(found, urls.event(slug), urls.event_ics(slug)),
    )


@bp.get("/images/<string(length=64):digest>.jpg")
def image(digest: str):
    """A cover image by the SHA-256 of its bytes: an address whose answer never changes, so
    browsers and proxies may keep it for a year without asking again."""
    if not all(c in "0123456789abcdef" for c in digest):
        abort(404)
    body = repository.image_body(db_session(), digest) or abort(404)
    response = make_response(body)
    response.mimetype = "image/jpeg"
    response.headers["Cache-Control"] = IMMUTABLE
    response.set_etag(digest)
    return response.make_conditional(request)


def _maps(venues: list[Venue]) -> list[Venue]:
    """The venues to show on a map: those whose coordinates are known. Only a page that shows
    one lets OpenStreetMap's embed in (see security.allow_map_frames)."""
    located = [v for v in venues if v.latitude is not None and v.longitude is not None]
    if located:
        allow_map_frames()
    return located


def _share_summary(event) -> str:
    """One line for link previews: when, where, and the start of the description."""
    where = "; ".join(v.name for v in event.venues) or ("Online" if event.online else "")
    parts = [when(event), where, " ".join(event.description.split())]
    text = " · ".join(p for p in parts if p)
    return text if len(text) <= 200 else text[:199].rstrip() + "…"


@bp.get("/series/<slug>")
@cached_page
def series(slug: str):
    found = repository.get_event(db_session(), slug) or abort(404)
    sessions = listings.events(db_session(), EventFilter(series=slug), listings.ALL, now())
    return render_template(
        "series.html",
        event=found,
        sessions=sessions,
        subscribe=subscribe({"series": slug}),
    )


@bp.get("/venues/<slug>")
@cached_page
def venue(slug: str):
    found = repository.get_venue(db_session(), slug) or abort(404)
    return _facet_page("venue.html", "venue", slug, venue=found, maps=_maps([found]))


@bp.get("/speakers/<slug>")
@cached_page
def speaker(slug: str):
    found = repository.get_person(db_session(), slug) or abort(404)
    return _facet_page("speaker.html", "speaker", slug, person=found)


def _facet_page(template: str, facet: str, slug: str, **shown: object) -> str:
    """A venue's or a speaker's page: what `shown` says of it, its upcoming and past events
    and the feeds of them, all chosen by the one facet (`venue` or `speaker`) the page is for."""
    criteria = EventFilter(**{facet: slug})
    return render_template(
        template,
        subscribe=subscribe({facet: slug}),
        upcoming=listings.upcoming(db_session(), criteria, now()),
        past=listings.past(db_session(), criteria, now(), limit=100),
        **shown,
    )


@bp.get("/embed")
def embed():
    """A compact list for other sites to show in an iframe; the one page they may frame.
    A question it cannot answer (a filter naming nothing, a bad value) is said inside the
    frame, since an error page would be refused framing and leave the host a blank box."""
    try:
        criteria = asked_filter()
        limit = int_param(request.args, "limit", 5, 1, 50)
    except UnknownFacetError as exc:
        return _embed_page([], message=facet_message(exc), status=status_of(exc))
    except BadQueryError as exc:
        return _embed_page([], message=str(exc), status=status_of(exc))
    return _embed_page(listings.upcoming(db_session(), criteria, now(), limit=limit))


def _embed_page(events: list, *, message: str = "", status: int = 200):
    theme = request.args.get("theme", "auto")
    response = make_response(
        render_template(
            "embed.html",
            events=events,
            message=message,
            title=request.args.get("title", gettext("Upcoming events"))[:100],
            theme=theme if theme in ("light", "dark", "auto") else "auto",
        ),
        status,
    )
    response.headers["Content-Security-Policy"] = FRAMEABLE_POLICY
    return response


@bp.get("/search")
@cached_page
def search():
    criteria = asked_filter()
    query = criteria.text or ""
    results = listings.search(db_session(), criteria, limit=100) if query else []
    return render_template(
        "search.html",
        query=query,
        words=criteria.words(),
        results=results,
        subscribe=subscribe({"q": query}),
    )
