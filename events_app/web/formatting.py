"""How dates and times read on the pages: always in the event's own zone, with the zone named."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from itertools import groupby
from urllib.parse import urlencode

from babel.dates import format_date
from flask import Flask
from flask_babel import get_locale, gettext, lazy_gettext
from markupsafe import Markup, escape

from .. import maps, passwords
from ..domain import Event, LinkKind, Venue, search_folded
from ..zone_input import pickable_zones, zone_city

# Translators: the patterns below are Babel (Unicode LDML) date patterns, not text: EEEE is
# the weekday, d the day, MMMM the month's name (LLLL standing alone), y the year; words in
# 'single quotes' are kept as written.
DAY_PATTERN = lazy_gettext("EEEE d MMMM y")
DAY_MONTH_PATTERN = lazy_gettext("d MMMM")
DATE_PATTERN = lazy_gettext("d MMMM y")
MONTH_PATTERN = lazy_gettext("LLLL y")
A_MONDAY = date(2024, 1, 1)


def _date(day: date, pattern: str) -> str:
    """A day written by Babel in the visitor's language (a plain date: never moved to a zone)."""
    return format_date(day, str(pattern), locale=get_locale() or "en")


def day_heading(day: date) -> str:
    """'Friday 27 July 2018'; 'viernes, 27 de julio de 2018' in Spanish."""
    return _date(day, DAY_PATTERN)


def day_and_month(day: date) -> str:
    return _date(day, DAY_MONTH_PATTERN)


def month_heading(day: date) -> str:
    """'July 2018'; 'julio de 2018'."""
    return _date(day, MONTH_PATTERN)


def written_date(day: date) -> str:
    """'1 January 2027'; '1 de enero de 2027'."""
    return _date(day, DATE_PATTERN)


def weekday(day: date) -> str:
    return _date(day, "EEEE")


def month_name(day: date) -> str:
    """The month's name as it reads after a day number ('July'; 'julio')."""
    return _date(day, "MMMM")


def weekdays() -> list[tuple[str, str]]:
    """Monday to Sunday, each as (full name, short name), in the visitor's language."""
    days = [A_MONDAY + timedelta(days=n) for n in range(7)]
    return [(weekday(d), _date(d, "EEE")) for d in days]


def clock(moment: datetime) -> str:
    """'18:30' style, the form that reads the same everywhere."""
    return f"{moment:%H:%M}"


def when(event: Event) -> str:
    """The event's date and times in its own zone, e.g. 'Friday 27 July 2018, 18:30 BST'."""
    start, end = event.local_start, event.local_end
    if event.all_day:
        days = day_heading(event.first_day)
        if event.last_day != event.first_day:
            days = gettext("%(first)s to %(last)s", first=days, last=day_heading(event.last_day))
        if event.time_tba:
            return gettext("%(days)s, time to be announced", days=days)
        if event.last_day != event.first_day:
            return days
        return gettext("%(days)s, all day", days=days)
    return _span(
        start,
        end,
        f"{day_heading(start.date())}, {clock(start)}",
        lambda last: f"{day_heading(last.date())}, {clock(last)} {last:%Z}",
    )


def time_only(event: Event) -> str:
    """The time part for a listing already grouped by day."""
    if event.all_day:
        if event.time_tba:
            return gettext("Time to be announced")
        if event.last_day == event.first_day:
            return gettext("All day")
        return gettext("Until %(day)s", day=day_and_month(event.last_day))
    start, end = event.local_start, event.local_end
    return _span(
        start, end, clock(start), lambda last: f"{day_and_month(last.date())} {clock(last)}"
    )


def _span(
    start: datetime, end: datetime | None, opening: str, end_on_its_day: Callable[[datetime], str]
) -> str:
    """A timed event's span from `opening` (its start as shown): the zone once after a range
    within one day, else 'start to end' with the end shown on its own day."""
    if end is None:
        return f"{opening} {start:%Z}"
    if end.date() == start.date():
        return f"{opening}–{clock(end)} {end:%Z}"
    return gettext("%(start)s to %(end)s", start=f"{opening} {start:%Z}", end=end_on_its_day(end))


def by_day(events: Iterable[Event]) -> list[tuple[date, list[Event]]]:
    """Events grouped under the local day on which each starts, in the order given."""
    return [(day, list(group)) for day, group in groupby(events, key=lambda e: e.first_day)]


def by_month(events: Iterable[Event]) -> list[tuple[str, list[Event]]]:
    return [
        (month_heading(first), list(group))
        for first, group in groupby(events, key=lambda e: e.local_start.date().replace(day=1))
    ]


LINK_KINDS = {
    LinkKind.EVENT_PAGE: lazy_gettext("Event page"),
    LinkKind.TICKETS: lazy_gettext("Tickets"),
    LinkKind.ONLINE: lazy_gettext("Online"),
    LinkKind.OTHER: lazy_gettext("Other"),
}


def link_kind(kind: LinkKind) -> str:
    """A link's kind as a label, for links that carry none of their own."""
    return str(LINK_KINDS[kind])


def mark(text: str, words: Iterable[str]) -> Markup:
    """The text, escaped, with each searched word wrapped in <mark> wherever the search
    matched it: without accents or case, as the search reads ("cafe" marks "Café")."""
    wanted = sorted({search_folded(w) for w in words if w}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in wanted))
    pieces: list[str] = []
    last = 0
    for found in pattern.finditer(_letter_folded(text)):
        pieces.append(str(escape(text[last : found.start()])))
        pieces.append(f"<mark>{escape(text[found.start() : found.end()])}</mark>")
        last = found.end()
    pieces.append(str(escape(text[last:])))
    return Markup("".join(pieces))


def _letter_folded(text: str) -> str:
    """The text as the search reads it, letter for letter, so that its offsets are the
    text's own (a letter whose lower case is two, such as "İ", stays as it is)."""
    return "".join(f if len(f := search_folded(c)) == 1 else c for c in text)


def excerpt(text: str, words: Iterable[str], width: int = 200) -> str:
    """Some of the text around the first searched word, or its start."""
    folded = _letter_folded(text)
    hits = [folded.find(w) for w in map(search_folded, words) if w and w in folded]
    start = max(min(hits) - width // 3, 0) if hits else 0
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def osm_link(venue: Venue) -> str:
    """The venue on OpenStreetMap: the point when known, else a search for its address."""
    if venue.latitude is not None and venue.longitude is not None:
        lat, lon = f"{venue.latitude:.5f}", f"{venue.longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    return "https://www.openstreetmap.org/search?" + urlencode({"query": venue.one_line()})


def osm_embed(venue: Venue) -> str:
    """The embeddable OpenStreetMap around a venue whose coordinates are known."""
    assert venue.latitude is not None and venue.longitude is not None
    return maps.embed_url(venue.latitude, venue.longitude)


def iso(moment: datetime) -> str:
    return moment.isoformat()


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        when=when,
        time_only=time_only,
        day_heading=day_heading,
        month_heading=month_heading,
        written_date=written_date,
        day_and_month=day_and_month,
        weekday=weekday,
        month_name=month_name,
        iso=iso,
        mark=mark,
        excerpt=excerpt,
        osm_link=osm_link,
        osm_embed=osm_embed,
        link_kind=link_kind,
    )
    # The password forms' hints and minlength come from the one rule the server applies.
    app.jinja_env.globals.update(
        by_day=by_day,
        by_month=by_month,
        weekdays=weekdays,
        password_min_length=passwords.MIN_LENGTH,
        pickable_zones=pickable_zones,
        zone_city=zone_city,
    )
