"""What every listing page shares: the facets a visitor narrows by (kept in the URL, so each
view can be shared), the matching feeds, and the day shortcuts."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import current_app, request
from flask_babel import force_locale, lazy_gettext
from werkzeug.datastructures import MultiDict

from .. import listings
from ..domain import EventFilter
from . import language
from .calendar_links import subscribe_links
from .context import data_version, db_session, default_timezone, now, site_name, site_urls
from .formatting import written_date
from .query import active_filters, day, event_filter

FACET_LABELS = {
    "q": lazy_gettext("words"),
    "venue": lazy_gettext("venue"),
    "speaker": lazy_gettext("speaker"),
    "tag": lazy_gettext("tag"),
    "series": lazy_gettext("festival or series"),
    "from": lazy_gettext("from"),
    "to": lazy_gettext("to"),
}


FEED_PHRASES = {
    "venue": "at {}",
    "speaker": "with {}",
    "series": "in {}",
    "tag": "tagged {}",
    "q": "matching “{}”",
    "from": "from {}",
    "to": "until {}",
}
"""How each filter reads in a feed's name: 'Site: at Conway Hall, tagged climate'."""


def filter_names(filters: dict[str, str]) -> dict[str, str]:
    """Each active filter as a person reads it: a venue's or speaker's name, a festival's
    title (not their slugs), a day written out; 404 (UnknownFacetError) for a facet naming
    nothing."""
    criteria = event_filter(MultiDict(filters), default_timezone())
    names = {**filters, **listings.facet_names(db_session(), criteria)}
    for bound in ("from", "to"):
        written = day(filters.get(bound), bound)
        if written is not None:
            names[bound] = written_date(written)
    return names


def feed_title(filters: dict[str, str]) -> str:
    """The name of the feed of these events, the same in the .ics, the JSON and every
    subscribe link: the site's name, then what narrows it."""
    if not filters:
        return site_name()
    with force_locale(language.DEFAULT):  # a feed's name is the same for every visitor
        names = filter_names(filters)
    phrases = [FEED_PHRASES[k].format(names[k]) for k in FEED_PHRASES if k in names]
    return f"{site_name()}: {', '.join(phrases)}"


def asked_filter() -> EventFilter:
    """The visitor's question: read from the query (400 for what cannot be read) and checked
    against what is listed (404 for a venue, speaker, tag or festival that names nothing)."""
    criteria = event_filter(request.args, default_timezone())
    listings.check_facets(db_session(), criteria)
    return criteria


def today() -> date:
    return now().astimezone(ZoneInfo(default_timezone())).date()


def weekend(day: date) -> tuple[date, date]:
    """The coming Saturday and Sunday; on a weekend day, what is left of this one."""
    saturday = day + timedelta(days=(5 - day.weekday()) % 7)
    if day.weekday() == 6:
        saturday = day
    return saturday, day + timedelta(days=6 - day.weekday())


def shortcuts() -> dict[str, str]:
    day = today()
    saturday, sunday = weekend(day)
    return {
        "today": _query({"from": day.isoformat(), "to": day.isoformat()}),
        "weekend": _query({"from": saturday.isoformat(), "to": sunday.isoformat()}),
    }


def _query(params: dict[str, str]) -> str:
    return f"?{urlencode(params)}" if params else ""


def facet_context(filters: dict[str, str], *, extra: dict[str, str] | None = None):
    """Template values for the facet form, the active filters (each with a link that drops it)
    and the .ics, JSON and subscribe links that show the same events."""
    scope = {**filters, **(extra or {})}
    urls = site_urls()
    return {
        "filters": filters,
        "filter_names": filter_names(filters),
        "filter_labels": FACET_LABELS,
        "remove_links": {name: _query(_without(filters, name)) for name in filters},
        "options": facet_options(),
        "subscribe": subscribe_links(urls.page(f"/events.ics{_query(scope)}"), feed_title(scope)),
        "json_url": urls.page(f"/api/v1/events{_query({**scope, 'when': 'all'})}"),
        "shortcuts": shortcuts(),
    }


FACET_OPTIONS = "events_facet_options"


def facet_options() -> listings.FacetOptions:
    """The facet menus as of the current data version and minute, kept by each process until
    either moves: every listing page shows the same menus, and their queries count the uses of
    each venue, speaker and tag over all upcoming events, which grows with the listings. The
    minute is in the key because an event that ends leaves the menus with no write (so a menu
    is at most a minute behind the clock). The version is read first, so menus kept under it
    are never older than it."""
    version = data_version()
    instant = now().replace(second=0, microsecond=0)
    key = (version, instant)
    kept = current_app.extensions.get(FACET_OPTIONS)
    if kept is None or kept[0] != key:
        kept = (key, listings.facet_options(db_session(), instant))
        current_app.extensions[FACET_OPTIONS] = kept
    return kept[1]


def _without(filters: dict[str, str], name: str) -> dict[str, str]:
    return {k: v for k, v in filters.items() if k != name}


def current_filters(*, dates: bool = True) -> dict[str, str]:
    filters = active_filters(request.args)
    if not dates:
        filters = {k: v for k, v in filters.items() if k not in ("from", "to")}
    return filters
