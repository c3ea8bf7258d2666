"""A tour's or a roadshow's stops: one show at several places, each stop named by its place.

Tour pages and consultation notices set out their dates as stops ('Friday 22nd September -
Leeds, The Cellar'; 'Ashcombe - Village Hall - Friday 10th Sep 7pm'): the words beside the
venue on each line are the town, not the event's name, which the heading above the list
gives once for all of them. A stop on its own reads as an event called 'Leeds'; in a calendar
beside other shows it should say which show it is and where: 'The Show – Leeds', as tour
listings write it. A second date on a stop's line (its Saturday session) is the same stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import titles as titles_mod
from .model import Draft
from .tokens import Layout, Line

# A place beside its venue on the stop's line: 'Leeds, The Cellar', 'Ashcombe- Village Hall'.
_SEPARATOR = r"\s*[-–—,:|]\s*"
_TOWN_WORDS = 4
# What a heading says of the list rather than of the show: 'Consultation Events', 'Tour Dates'.
_LIST_TAIL = re.compile(r"\s+(?:events|sessions|dates|tour dates|stops)\s*$", re.IGNORECASE)
_AT_VENUE = re.compile(r"\s+@\s+.*$")


@dataclass
class Tour:
    """The show a heading names (`show`, found at offset `at` of the text) and its stops."""

    show: str
    at: int
    stops: list[Draft]


def name_stops(layout: Layout, drafts: list[Draft]) -> Tour | None:
    """Give each stop of a tour the show's name with its place, where the text has at least
    two stops and a heading above them names the show; the tour, for the caller to say who
    performs at its stops."""
    places = {id(d): place for d in drafts if (place := _stop_place(layout, d))}
    if len(places) < 2:
        return None
    first = min(_date_at(d) for d in drafts if id(d) in places)
    found = _show(layout, first, set(places.values()))
    if found is None:
        return None
    heading, title, show = found
    by_line = {layout.line_at(_date_at(d)).number: places[id(d)] for d in drafts if id(d) in places}
    stops = []
    for draft in drafts:
        place = places.get(id(draft))
        if place is None and draft.title in (title, show) and "start" in draft.spans:
            place = by_line.get(layout.line_at(_date_at(draft)).number)
        if place is not None:
            draft.title = f"{show} – {place}"
            stops.append(draft)
    return Tour(show, heading.start + max(0, heading.text.find(show)), stops)


def _date_at(draft: Draft) -> int:
    span = draft.spans.get("start")
    return span.start if span is not None else -1


def _stop_place(layout: Layout, draft: Draft) -> str | None:
    """The draft's title when it is the town beside its venue on its date's line."""
    title = draft.title.strip()
    if not draft.venues or "start" not in draft.spans or not _town_shaped(title):
        return None
    if draft.spans["start"].start == draft.spans["start"].end:
        return None  # an item listed under a date line: a stop's line carries its own date
    line = layout.line_at(draft.spans["start"].start)
    for venue in draft.venues:
        if venue.city and venue.city.casefold() == title.casefold():
            return title
        beside = re.escape(title) + _SEPARATOR + re.escape(venue.name)
        if re.search(beside, line.text, re.IGNORECASE):
            return title
    return None


def _town_shaped(words: str) -> bool:
    """'Rye', 'Gold Coast', 'Langton Herring': a few capitalised words, no digits."""
    parts = words.split()
    return (
        0 < len(parts) <= _TOWN_WORDS
        and not any(c.isdigit() for c in words)
        and all(p[0].isupper() for p in parts if p.lower() not in {"on", "upon", "le", "de"})
    )


def _show(layout: Layout, first_stop: int, places: set[str]) -> tuple[Line, str, str] | None:
    """The nearest heading above the first stop that names something other than a stop: its
    line, its title as written and the show's name ('The Show @ The Hub' -> 'The Show')."""
    for heading in layout.headings_before(first_stop, 4):
        title = titles_mod.heading_title(heading.text)
        if not title or title in places:
            continue
        show = _LIST_TAIL.sub("", _AT_VENUE.sub("", title)).strip()
        if show:
            return heading, title, show
    return None
