"""How dates and times read on the pages: always in the event's own zone, with the zone named."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from itertools import groupby
from urllib.parse import urlencode

from flask import Flask
from markupsafe import Markup, escape

from .. import maps, passwords
from ..domain import Event, Venue
from ..zone_input import pickable_zones, zone_city

TIME_TBA = "Time to be announced"


def day_heading(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock(moment: datetime) -> str:
    """'18:30' style, the form that reads the same everywhere."""
    return f"{moment:%H:%M}"


def when(event: Event) -> str:
    """The event's date and times in its own zone, e.g. 'Friday 27 July 2018, 18:30 BST'."""
    start, end = event.local_start, event.local_end
    if event.all_day:
        days = day_heading(event.first_day)
        if event.last_day != event.first_day:
            days = f"{days} to {day_heading(event.last_day)}"
        if event.time_tba:
            return f"{days}, time to be announced"
        return days if event.last_day != event.first_day else f"{days}, all day"
    text = f"{day_heading(start.date())}, {clock(start)}"
    if end is None:
        return f"{text} {start:%Z}"
    if end.date() == start.date():
        return f"{text}–{clock(end)} {end:%Z}"
    return f"{text} {start:%Z} to {day_heading(end.date())}, {clock(end)} {end:%Z}"


def time_only(event: Event) -> str:
    """The time part for a listing already grouped by day."""
    if event.all_day:
        if event.time_tba:
            return TIME_TBA
        return "All day" if event.last_day == event.first_day else f"Until {event.last_day:%-d %B}"
    start, end = event.local_start, event.local_end
    if end is None:
        return f"{clock(start)} {start:%Z}"
    if end.date() == start.date():
        return f"{clock(start)}–{clock(end)} {end:%Z}"
    return f"{clock(start)} {start:%Z} to {end:%-d %B} {clock(end)}"


def by_day(events: Iterable[Event]) -> list[tuple[date, list[Event]]]:
    """Events grouped under the local day on which each starts, in the order given."""
    return [(day, list(group)) for day, group in groupby(events, key=lambda e: e.first_day)]


def by_month(events: Iterable[Event]) -> list[tuple[str, list[Event]]]:
    return [
        (month, list(group))
        for month, group in groupby(events, key=lambda e: f"{e.local_start:%B %Y}")
    ]


def mark(text: str, words: Iterable[str]) -> Markup:
    """The text, escaped, with each searched word wrapped in <mark> wherever it occurs."""
    wanted = sorted({w for w in words if w}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in wanted), re.IGNORECASE)
    pieces: list[str] = []
    last = 0
    for found in pattern.finditer(text):
        pieces.append(str(escape(text[last : found.start()])))
        pieces.append(f"<mark>{escape(found.group())}</mark>")
        last = found.end()
    pieces.append(str(escape(text[last:])))
    return Markup("".join(pieces))


def excerpt(text: str, words: Iterable[str], width: int = 200) -> str:
    """Some of the text around the first searched word, or its start."""
    lowered = text.lower()
    hits = [lowered.find(w.lower()) for w in words if w and w.lower() in lowered]
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
        iso=iso,
        mark=mark,
        excerpt=excerpt,
        osm_link=osm_link,
        osm_embed=osm_embed,
    )
    # The password forms' hints and minlength come from the one rule the server applies.
    app.jinja_env.globals.update(
        by_day=by_day,
        by_month=by_month,
        password_min_length=passwords.MIN_LENGTH,
        pickable_zones=pickable_zones,
        zone_city=zone_city,
    )
