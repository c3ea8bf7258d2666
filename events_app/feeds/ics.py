"""iCalendar (RFC 5545, with RFC 7986 calendar properties) from domain events.

Nothing here reads a request: the caller passes the calendar's name and URLs and a function
that gives each event's page address.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import icalendar

from ..domain import Attendance, Event, EventStatus
from .vtimezone import clamp_year, vtimezone
from .wall_clock import last_occurrence, unclear, unclear_occurrences

log = logging.getLogger(__name__)

# VTIMEZONEs start no later than this: vobject (Radicale) compares a zone with UTC over
# 2000-2020 and, where the two agree there, drops the VTIMEZONE for another copy of the zone.
VTIMEZONE_FROM = 2000

PRODID = "-//events_app//Event listings//EN"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What only a series' master says, or what an override of one occurrence says for itself.
_SERIES_ONLY = frozenset({"RRULE", "RDATE", "EXDATE", "DTSTART", "DTEND", "DURATION"})
_STATUS = {
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.TENTATIVE: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


@dataclass(frozen=True)
class CalendarInfo:
    """The calendar's own properties. `timezone` is the site's zone; it is not written as
    X-WR-TIMEZONE, since every time in the feed carries its zone (or is UTC) and readers that
    honour X-WR-TIMEZONE (x-wr-timezone, recurring-ical-events) move UTC times into it, reading
    the repeated hour of a clock change as its first pass."""

    name: str
    description: str
    url: str
    source: str
    timezone: str
    refresh: timedelta = timedelta(hours=6)


def clean_text(text: str) -> str:
    """Text as iCalendar may carry it: no control characters, line breaks as plain newlines."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def vevent_bytes(event: Event, url: str) -> bytes:
    """The event's VEVENT; an event a calendar cannot carry is left out (and logged) rather
    than failing the whole feed it is part of."""
    try:
        master = to_vevent(event, url)
        return b"".join(c.to_ical() for c in [master, *_overrides(master, event)])
    except Exception:
        log.exception("Left event %s (%s) out of a feed: it could not be rendered", event.id, url)
        return b""


def render_ics(
    events: Sequence[Event], info: CalendarInfo, event_url: Callable[[Event], str]
) -> bytes:
    """The calendar for these events, rendered in full."""
    pieces = [(e, vevent_bytes(e, event_url(e))) for e in events]
    shown = [e for e, piece in pieces if piece]
    if not shown:
        return assemble_ics(info, set(), 0, 0, [])
    first = min(e.start.year for e in shown)
    last = max((e.end or e.start).year for e in shown)
    return assemble_ics(info, {e.timezone for e in shown}, first, last, [p for _, p in pieces])


def assemble_ics(
    info: CalendarInfo,
    zones: set[str],
    first_year: int,
    last_year: int,
    vevents: Sequence[bytes],
) -> bytes:
    """The calendar from already rendered VEVENTs: VTIMEZONEs first, one per zone used and
    covering the years from a year before the first event (2000 at the latest) to two after the
    last, and later years too where the zone's present rules go on."""
    return b"".join(ics_parts(info, zones, first_year, last_year, vevents))


def ics_parts(
    info: CalendarInfo,
    zones: set[str],
    first_year: int,
    last_year: int,
    vevents: Sequence[bytes],
) -> list[bytes]:
    """assemble_ics's calendar as the parts it is joined from: the head, each VTIMEZONE, each
    VEVENT (the very objects given) and the end. Whoever compresses it can then reuse what it
    compressed of the parts that did not change."""
    head = _calendar(info).to_ical()
    assert head.endswith(b"END:VCALENDAR\r\n")
    parts = [head[: -len(b"END:VCALENDAR\r\n")]]
    first, last = clamp_year(min(first_year - 1, VTIMEZONE_FROM)), clamp_year(last_year + 2)
    parts.extend(_zone_or_nothing(zone, first, last) for zone in sorted(zones))
    parts.extend(vevents)
    parts.append(b"END:VCALENDAR\r\n")
    return parts


def _zone_or_nothing(zone: str, first_year: int, last_year: int) -> bytes:
    try:
        return vtimezone(zone, first_year, last_year)
    except Exception:
        log.exception("No VTIMEZONE for %r in a feed: it could not be built", zone)
        return b""


def _calendar(info: CalendarInfo) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", icalendar.vText(clean_text(info.name)))
    calendar.add("x-wr-calname", icalendar.vText(clean_text(info.name)))
    calendar.add("description", icalendar.vText(clean_text(info.description)))
    calendar.add("x-wr-caldesc", icalendar.vText(clean_text(info.description)))
    calendar.add("url", info.url)
    calendar.add("source", info.source, parameters={"VALUE": "URI"})
    calendar.add("refresh-interval", info.refresh, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", _ttl(info.refresh))
    return calendar


def _ttl(refresh: timedelta) -> str:
    hours = max(1, int(refresh.total_seconds() // 3600))
    return f"PT{hours}H"


def to_vevent(event: Event, url: str) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", _instant(event.updated_at))
    vevent.add("created", _instant(event.created_at))
    vevent.add("last-modified", _instant(event.updated_at))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", clean_text(event.title))
    _add_times(vevent, event)
    if event.recurrence:
        _add_repeats(vevent, event)
    if event.venues:
        vevent.add("location", clean_text("; ".join(v.one_line() for v in event.venues)))
        located = next((v for v in event.venues if v.latitude is not None), None)
        if located is not None and located.longitude is not None:
            vevent.add("geo", (located.latitude, located.longitude))
    elif event.attendance_mode is Attendance.ONLINE and event.join_link:
        vevent.add("location", event.join_link)  # where an online event takes place
    vevent.add("url", url)
    vevent.add("description", clean_text(plain_description(event, url)))
    if event.tags:
        vevent.add("categories", [clean_text(t) for t in event.tags])
    vevent.add("status", _STATUS[event.status])
    if event.parent is not None:
        vevent.add("related-to", event.parent.uid)
    return vevent


def _instant(moment: datetime | None) -> datetime:
    return (moment or datetime(1970, 1, 1, tzinfo=UTC)).astimezone(UTC)


def _add_times(vevent: icalendar.Event, event: Event) -> None:
    """Dates for all-day events; otherwise local times with their TZID, except where the zone
    repeats or skips the wall time, since parsers split on which instant that means (see
    wall_clock): a single event is then written in UTC, and a repeating one keeps its zone
    for the rule but gives its length as a DURATION (an exact length every parser reads
    alike), its occurrences on such wall times being written apart by _add_repeats."""
    if event.all_day:
        vevent.add("dtstart", event.first_day)
        vevent.add("dtend", max(event.last_day, event.first_day) + timedelta(days=1))
        return
    start, end = event.local_start, event.local_end
    times_unclear = any(unclear(t) for t in (start, end) if t)
    if not event.recurrence:
        if times_unclear:
            start, end = start.astimezone(UTC), end.astimezone(UTC) if end else None
        vevent.add("dtstart", start)
        if end is not None:
            vevent.add("dtend", end)
        return
    vevent.add("dtstart", start)
    if end is not None and times_unclear:
        vevent.add("duration", event.end - event.start)
    elif end is not None:
        vevent.add("dtend", end)


def _add_repeats(vevent: icalendar.Event, event: Event) -> None:
    """The rule; where _overrides moves occurrences and the rule has a COUNT, the UNTIL that
    COUNT comes to, since node-ical makes no occurrence on a skipped wall time and does not
    count one (as RFC 5545 says of rules), while the other parsers do."""
    rule = icalendar.vRecur.from_ical(event.recurrence)
    if rule.get("COUNT") and _moved_occurrences(event):
        last = last_occurrence(event.recurrence, event.local_start)
        if last is not None:
            rule.pop("COUNT")
            rule["UNTIL"] = [last]
    vevent.add("rrule", rule)


def _moved_occurrences(event: Event) -> list[tuple[datetime, datetime]]:
    """Each occurrence that meets a repeated or skipped wall time (see wall_clock): its wall
    time (fold 0) and the instant it is written at, RFC 5545's (the first pass of a repeated
    hour, the offset before a skipped one) or, for the first occurrence, the stored start."""
    if event.all_day or not event.recurrence:
        return []
    start = event.local_start
    length = event.end - event.start if event.end is not None else None
    found = []
    for wall in unclear_occurrences(event.recurrence, start, length):
        is_first = wall.replace(tzinfo=None) == start.replace(tzinfo=None)
        found.append((wall, (event.start if is_first else wall).astimezone(UTC)))
    return found


def _overrides(master: icalendar.Event, event: Event) -> list[icalendar.Event]:
    """A VEVENT for each occurrence that meets a repeated or skipped wall time, giving its
    times in UTC so that every parser reads it at one instant. Its RECURRENCE-ID names the
    occurrence by the rule's wall time, which each parser reads as it read the occurrence it
    made there, so each matches it, whichever instant it took that time for (node-ical, which
    makes no occurrence on a skipped wall time, takes the override as one)."""
    length = event.end - event.start if event.end is not None else None
    overrides = []
    for wall, moment in _moved_occurrences(event):
        override = icalendar.Event()
        for name, value in master.property_items(recursive=False)[1:-1]:
            if name not in _SERIES_ONLY:
                override.add(name, value, encode=False)
        override.add("recurrence-id", wall)
        override.add("dtstart", moment)
        if length is not None:
            override.add("dtend", moment + length)
        overrides.append(override)
    return overrides


def plain_description(event: Event, url: str) -> str:
    """What a calendar shows under the title: the description, then speakers and links."""
    parts = []
    if event.status == EventStatus.CANCELLED:
        parts.append("CANCELLED.")
    if event.description:
        parts.append(event.description)
    if event.speakers:
        parts.append("Speakers: " + ", ".join(_speaker_line(p) for p in event.speakers))
    if event.organiser:
        parts.append(f"Organiser: {event.organiser}")
    for link in event.links:
        label = link.label or link.kind.value.replace("_", " ").capitalize()
        price = f" ({link.price})" if link.price else ""
        parts.append(f"{label}{price}: {link.url}")
    if event.parent is not None:
        parts.append(f"Part of {event.parent.title}")
    parts.append(f"Details: {url}")
    return "\n\n".join(parts)


def _speaker_line(person) -> str:
    name = person.display_name()
    return f"{name} ({person.affiliation})" if person.affiliation else name
