"""Whole feed documents assembled from pieces already rendered, one per event (a VEVENT, a JSON
object), so that a feed of many events costs a join, not a render of each.

What a calendar needs from each event beyond its piece is only when it is and in which zone:
the VTIMEZONEs cover the zones the events use over the local years they span.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from . import SiteUrls
from .ics import CalendarInfo, assemble_ics
from .json import compact_json, json_head


class Dated(Protocol):
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime | None: ...
    @property
    def timezone(self) -> str: ...


def calendar_document(
    info: CalendarInfo, events: Sequence[Dated], vevents: Sequence[bytes]
) -> bytes:
    zones = {event.timezone for event in events}
    first, last = year_span(events, zones)
    return assemble_ics(info, zones, first, last, vevents)


def json_document(urls: SiteUrls, title: str, items: Sequence[bytes]) -> bytes:
    """The JSON feed document: its head, then the events (always its last field)."""
    head = compact_json(json_head(urls, title=title))
    return head[:-1] + b',"events":[' + b",".join(items) + b"]}"


def year_span(events: Sequence[Dated], zones: set[str]) -> tuple[int, int]:
    """The local years the VTIMEZONEs must cover: those of the earliest start and the latest
    end in every zone used (at most a year more than the events' own, and a few zones to
    look at instead of every event)."""
    if not events:
        return 0, 0
    earliest = min(e.start for e in events)
    latest = max(e.end or e.start for e in events)
    return (
        min(_local_year(earliest, zone) for zone in zones),
        max(_local_year(latest, zone) for zone in zones),
    )


def _local_year(moment: datetime, zone: str) -> int:
    try:
        return moment.astimezone(ZoneInfo(zone)).year
    except OverflowError:  # year 1 or 9999: the feed leaves such an event out
        return moment.year
