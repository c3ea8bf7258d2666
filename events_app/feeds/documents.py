"""Whole feed documents assembled from pieces already rendered, one per event (a VEVENT, a JSON
object), so that a feed of many events costs a join, not a render of each.

What a calendar needs from each event beyond its piece is only when it is and in which zone:
the VTIMEZONEs cover the zones the events use over the local years they span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from . import SiteUrls
from .event_json import compact_json, json_head
from .ics import CalendarInfo, ics_parts


class Dated(Protocol):
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime | None: ...
    @property
    def timezone(self) -> str: ...


class Coverage(Protocol):
    """The zones a calendar's events use and the instants they span: all its VTIMEZONEs need."""

    @property
    def zones(self) -> frozenset[str]: ...
    @property
    def earliest(self) -> datetime | None: ...
    @property
    def latest(self) -> datetime | None: ...


@dataclass(frozen=True)
class Span:
    zones: frozenset[str]
    earliest: datetime | None
    latest: datetime | None


def coverage_of(events: Sequence[Dated]) -> Span:
    """The coverage of events in hand (a store's feed index reads it off the database)."""
    return Span(
        zones=frozenset(e.timezone for e in events),
        earliest=min((e.start for e in events), default=None),
        latest=max((e.end or e.start for e in events), default=None),
    )


def calendar_document(info: CalendarInfo, coverage: Coverage, vevents: Sequence[bytes]) -> bytes:
    return b"".join(calendar_parts(info, coverage, vevents))


def calendar_parts(info: CalendarInfo, coverage: Coverage, vevents: Sequence[bytes]) -> list[bytes]:
    """calendar_document as the parts it is joined from (see ics.ics_parts)."""
    first, last = year_span(coverage)
    return ics_parts(info, set(coverage.zones), first, last, vevents)


def json_document(urls: SiteUrls, title: str, items: Sequence[bytes]) -> bytes:
    """The JSON feed document: its head, then the events (always its last field)."""
    return b"".join(json_parts(urls, title, items))


COMMA = b","


def json_parts(urls: SiteUrls, title: str, items: Sequence[bytes]) -> list[bytes]:
    """json_document as the parts it is joined from: the head, each event's object (the very
    objects given) with one shared comma between them, and the end."""
    head = compact_json(json_head(urls, title=title))
    parts = [head[:-1] + b',"events":[']
    for n, item in enumerate(items):
        if n:
            parts.append(COMMA)
        parts.append(item)
    parts.append(b"]}")
    return parts


def year_span(coverage: Coverage) -> tuple[int, int]:
    """The local years the VTIMEZONEs must cover: those of the earliest start and the latest
    end in every zone used (at most a year more than the events' own, and a few zones to
    look at instead of every event)."""
    if coverage.earliest is None or coverage.latest is None:
        return 0, 0
    return (
        min(_local_year(coverage.earliest, zone) for zone in coverage.zones),
        max(_local_year(coverage.latest, zone) for zone in coverage.zones),
    )


def _local_year(moment: datetime, zone: str) -> int:
    try:
        return moment.astimezone(ZoneInfo(zone)).year
    except OverflowError:  # year 1 or 9999: the feed leaves such an event out
        return moment.year
