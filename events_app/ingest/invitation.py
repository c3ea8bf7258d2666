"""A calendar file attached to an e-mail (an invitation, a list's event file), read as drafts.

Its events are taken as the calendar states them, through the same reader as a calendar
import (every limit and check of `calendar_import` holds), and handed to the review page as
drafts like a page's schema.org events: a person checks them before anything is published,
and the message's text only fills what the file leaves out.
"""

from __future__ import annotations

from datetime import datetime

from ..calendar_import import CalendarImportError, read_calendar
from ..domain import Event, EventStatus
from ..parsing import Draft, DraftLink, DraftVenue
from .source import IngestError

CALENDAR_FILE_NOTE = "Read from the calendar file attached to the message, not from its text"


def calendar_drafts(
    data: bytes, *, now: datetime, default_timezone: str
) -> tuple[list[Draft], list[str]]:
    """The file's events as drafts, soonest first (a repeating one as its occurrences in the
    coming year, as an import would store them), and the notes of what was left out and why."""
    try:
        calendar = read_calendar(data, now=now, default_timezone=default_timezone)
    except CalendarImportError as exc:
        raise IngestError(f"The attached calendar file cannot be read: {exc}") from exc
    events = sorted(calendar.events, key=lambda event: event.start)
    return [_draft(event) for event in events], list(calendar.warnings)


def _draft(event: Event) -> Draft:
    """A draft's times are wall times in its zone: a day alone for an all-day event, whose
    end is its last day (a calendar ends it at the midnight after), none for a single day."""
    start, end = event.local_when.as_values()
    return Draft(
        title=event.title,
        start=start,
        end=end,
        timezone=event.timezone,
        venues=[
            DraftVenue(name=v.name, address=v.address, postcode=v.postcode, city=v.city)
            for v in event.venues
        ],
        online=event.online,
        url=next((link.url for link in event.links if link.kind == "event_page"), None),
        links=[DraftLink(link.url, str(link.kind), link.price) for link in event.links],
        status=None if event.status is EventStatus.CONFIRMED else str(event.status),
        warnings=[CALENDAR_FILE_NOTE],
    )
