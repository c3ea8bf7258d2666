"""Reading another calendar's `.ics` into domain events: pure, no Flask, no database.

Each VEVENT keeps its UID, so importing the same calendar again finds the events it made the
first time. A recurring event is expanded with python-dateutil into single occurrences inside a
bounded horizon, each with a UID of its own derived from the series' UID and its start.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar

from .domain import (
    DESCRIPTION_MAX,
    NAME_MAX,
    TITLE_MAX,
    URL_MAX,
    Event,
    EventStatus,
    InvalidEventError,
    Link,
    LinkKind,
    Venue,
    check_event,
)

MAX_IMPORT_EVENTS = 1000
MAX_OCCURRENCES = 100
HORIZON = timedelta(days=366)
UID_MAX = 255


class CalendarImportError(ValueError):
    """A calendar that cannot be imported at all; the message is for the person importing it."""


@dataclass
class ImportedCalendar:
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_calendar(
    data: bytes,
    *,
    now: datetime,
    default_timezone: str,
    max_events: int = MAX_IMPORT_EVENTS,
) -> ImportedCalendar:
    """The events of an iCalendar file, recurrences expanded from `now` to one year ahead.

    Raises CalendarImportError for a file that is not iCalendar or holds more than
    `max_events` events; an event that cannot be read is left out with a warning.
    """
    calendar = _parse(data)
    components = list(calendar.walk("VEVENT"))
    if len(components) > max_events:
        raise CalendarImportError(
            f"The calendar holds {len(components):,} events; at most {max_events:,} can be "
            "imported at once"
        )
    overrides = {
        (str(c.get("UID", "")), _instant(c.decoded("RECURRENCE-ID"), default_timezone)): c
        for c in components
        if c.get("RECURRENCE-ID") is not None and _has_start(c)
    }
    result = ImportedCalendar()
    for component in components:
        if component.get("RECURRENCE-ID") is not None:
            continue
        try:
            result.events.extend(_events_of(component, overrides, now, default_timezone, result))
        except (InvalidEventError, ValueError, TypeError, KeyError) as exc:
            result.warnings.append(f"Left out “{_summary(component)}”: {_reason(exc)}")
    if len(result.events) > max_events:
        raise CalendarImportError(
            f"The calendar's recurring events make {len(result.events):,} occurrences in the "
            f"next year; at most {max_events:,} can be imported at once"
        )
    return result


def _parse(data: bytes) -> Calendar:
    if b"\x00" in data:
        raise CalendarImportError("Not a valid iCalendar file: it holds binary data")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CalendarImportError("Not a valid iCalendar file: it is not UTF-8 text") from exc
    stripped = text.strip()
    if not stripped.upper().startswith("BEGIN:VCALENDAR") or not stripped.upper().endswith(
        "END:VCALENDAR"
    ):
        raise CalendarImportError(
            "Not a valid iCalendar file: it must run from BEGIN:VCALENDAR to END:VCALENDAR"
        )
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise CalendarImportError(f"Not a valid iCalendar file: {_reason(exc)}") from exc
    if not calendars:
        raise CalendarImportError("Not a valid iCalendar file: no calendar in it")
    first = calendars[0]
    for other in calendars[1:]:
        for component in other.subcomponents:
            first.add_component(component)
    return first


def _reason(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return message[:200]


def _summary(component: Any) -> str:
    return str(component.get("SUMMARY", "") or "untitled event")[:80]


def _has_start(component: Any) -> bool:
    return component.get("DTSTART") is not None


def _events_of(
    component: Any,
    overrides: dict[tuple[str, datetime], Any],
    now: datetime,
    default_timezone: str,
    result: ImportedCalendar,
) -> list[Event]:
    base = _event(component, default_timezone)
    if component.get("RRULE") is None:
        return [base]
    starts, capped = _occurrences(component, base, now)
    if capped:
        result.warnings.append(
            f"“{base.title}” repeats without end: imported its first {MAX_OCCURRENCES} "
            f"occurrences within a year"
        )
    length = (base.end - base.start) if base.end else None
    events = []
    for start in starts:
        uid = _occurrence_uid(base.uid, start)
        override = overrides.get((base.uid, start))
        if override is not None:
            occurrence = _event(override, default_timezone)
        else:
            local = start.astimezone(base.zone)
            occurrence = dataclasses.replace(
                base,
                start=local.astimezone(UTC),
                end=(local + length).astimezone(UTC) if length is not None else None,
                venues=list(base.venues),
                links=list(base.links),
                tags=list(base.tags),
            )
        occurrence.uid = uid
        check_event(occurrence)
        events.append(occurrence)
    return events


def _occurrence_uid(series_uid: str, start: datetime) -> str:
    uid = f"{series_uid}/{start.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return uid if len(uid) <= UID_MAX else _hashed_uid(uid)


def _hashed_uid(uid: str) -> str:
    return "import-" + hashlib.sha256(uid.encode()).hexdigest()


def _occurrences(component: Any, base: Event, now: datetime) -> tuple[list[datetime], bool]:
    """Starts of the series from `now` to the horizon, at most MAX_OCCURRENCES of them."""
    dtstart = _naive_or_aware(component.decoded("DTSTART"), base)
    rules = rruleset()
    for rule in _as_list(component.get("RRULE")):
        rules.rrule(rrulestr(rule.to_ical().decode(), dtstart=dtstart, cache=False))
    for exdates in _as_list(component.get("EXDATE")):
        for exdate in exdates.dts:
            rules.exdate(_naive_or_aware(exdate.dt, base))
    for rdates in _as_list(component.get("RDATE")):
        for rdate in rdates.dts:
            if isinstance(rdate.dt, date):
                rules.rdate(_naive_or_aware(rdate.dt, base))
    window_start = _naive_or_aware(now, base) - (base.end - base.start if base.end else timedelta())
    window_end = _naive_or_aware(now + HORIZON, base)
    starts = []
    capped = False
    for moment in itertools.islice(rules.xafter(window_start, inc=True), MAX_OCCURRENCES + 1):
        if moment > window_end:
            break
        if len(starts) == MAX_OCCURRENCES:
            capped = True
            break
        starts.append(_aware(moment, base.zone))
    return starts, capped


def _naive_or_aware(value: date | datetime, base: Event) -> datetime:
    """Values for dateutil in the series' own terms: wall-clock times in the event's zone."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if value.tzinfo is not None:
        value = value.astimezone(base.zone)
    return value.replace(tzinfo=None)


def _aware(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _event(component: Any, default_timezone: str) -> Event:
    uid = str(component.get("UID", "")).strip()
    if not uid:
        raise InvalidEventError("it has no UID")
    if component.get("DTSTART") is None:
        raise InvalidEventError("it has no start (DTSTART)")
    raw_start = component.decoded("DTSTART")
    zone_name = _zone_name(raw_start, default_timezone)
    all_day = not isinstance(raw_start, datetime)
    start = _instant(raw_start, zone_name)
    end = _end(component, raw_start, start, zone_name)
    title = " ".join(str(component.get("SUMMARY", "")).split())[:TITLE_MAX] or "Untitled event"
    event = Event(
        title=title,
        start=start,
        end=end,
        all_day=all_day,
        timezone=zone_name,
        description=str(component.get("DESCRIPTION", ""))[:DESCRIPTION_MAX],
        status=_status(component),
        venues=_venues(component),
        organiser=_organiser(component),
        links=_links(component),
        tags=_tags(component),
        uid=uid if len(uid) <= UID_MAX else _hashed_uid(uid),
    )
    check_event(event)
    return event


def _zone_name(value: date | datetime, default_timezone: str) -> str:
    """The IANA name of the value's zone; floating and unnamed zones read as the default."""
    tzinfo = value.tzinfo if isinstance(value, datetime) else None
    if tzinfo is None:
        return default_timezone
    key = getattr(tzinfo, "key", None) or getattr(tzinfo, "zone", None)
    if key:
        try:
            ZoneInfo(str(key))
            return str(key)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    if value.utcoffset() == timedelta(0) and str(tzinfo) in {"UTC", "UTC+00:00"}:
        return "UTC"
    return default_timezone


def _instant(value: date | datetime, zone_name: str) -> datetime:
    zone = ZoneInfo(zone_name)
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), tzinfo=zone).astimezone(UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=zone).astimezone(UTC)
    return value.astimezone(UTC)


def _end(
    component: Any, raw_start: date | datetime, start: datetime, zone_name: str
) -> datetime | None:
    if component.get("DTEND") is not None:
        return _instant(component.decoded("DTEND"), zone_name)
    if component.get("DURATION") is not None:
        duration = component.decoded("DURATION")
        if isinstance(duration, timedelta):
            if not isinstance(raw_start, datetime):
                return _instant(raw_start + duration, zone_name)
            return start + duration
    if not isinstance(raw_start, datetime):
        return _instant(raw_start + timedelta(days=1), zone_name)
    return None


def _status(component: Any) -> EventStatus:
    status = str(component.get("STATUS", "")).upper()
    if status == "CANCELLED":
        return EventStatus.CANCELLED
    if status == "TENTATIVE":
        return EventStatus.TENTATIVE
    return EventStatus.CONFIRMED


def _venues(component: Any) -> list[Venue]:
    location = " ".join(str(component.get("LOCATION", "")).split())
    if not location:
        return []
    name, _, address = location.partition(",")
    return [Venue(name=name.strip()[:NAME_MAX], address=address.strip()[:NAME_MAX])]


def _organiser(component: Any) -> str:
    organizer = component.get("ORGANIZER")
    if organizer is None:
        return ""
    name = organizer.params.get("CN", "") if hasattr(organizer, "params") else ""
    return str(name).strip()[:NAME_MAX]


def _links(component: Any) -> list[Link]:
    url = str(component.get("URL", "")).strip()
    if url.lower().startswith(("http://", "https://")) and len(url) <= URL_MAX:
        return [Link(url, LinkKind.EVENT_PAGE)]
    return []


def _tags(component: Any) -> list[str]:
    tags: list[str] = []
    for categories in _as_list(component.get("CATEGORIES")):
        for category in getattr(categories, "cats", []):
            text = str(category).strip()
            if text and len(text) <= 60:
                tags.append(text)
    return tags
