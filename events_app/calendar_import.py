"""Reading another calendar's `.ics` into domain events: pure, no Flask, no database.

icalendar reads the file; x-wr-timezone turns a Google export's calendar-wide X-WR-TIMEZONE
into zoned times; recurring-ical-events (by icalendar's maintainers) expands each series: RRULE
with UTC or local UNTIL, RDATE lists and PERIODs, EXDATE of either value type, moved and
cancelled occurrences (RECURRENCE-ID, RANGE=THISANDFUTURE), custom VTIMEZONEs. What is left to
this module is the policy: which events and properties can be read at all (anything else is
left out with a note a person understands), one version per UID, the window and the bounds of
expansion, and the IANA zone each event is stored with.

Each event keeps its UID, so importing the same calendar again finds the events it made the
first time; each occurrence of a series gets a UID of its own, the series' UID and its start.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events
import x_wr_timezone

from . import budget
from .calendar_zones import iana_zone_for
from .domain import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    NAME_MAX,
    TAG_MAX,
    TAGS_PER_EVENT,
    TITLE_MAX,
    URL_MAX,
    ClockChange,
    Event,
    EventStatus,
    InvalidEventError,
    Link,
    LinkKind,
    LocalWhen,
    Venue,
    as_written,
    check_event,
    clock_change,
)
from .recurrence import names_a_real_day

MAX_IMPORT_EVENTS = 1000
MAX_OCCURRENCES = 100
HORIZON = timedelta(days=366)
UID_MAX = 255
BUDGET_SECONDS = 10.0
MAX_PER_DAY = 24  # occurrences a rule may make in one day

# What each property that decides when an event happens is, in words, for notes.
_TIME_PROPERTIES = {
    "DTSTART": "start",
    "DTEND": "end",
    "DURATION": "length",
    "RRULE": "repeat rule",
    "RDATE": "extra dates",
    "EXDATE": "left-out dates",
    "RECURRENCE-ID": "date of the occurrence it changes",
}
_SUB_DAILY = {"SECONDLY": "every second", "MINUTELY": "every minute", "HOURLY": "every hour"}
_URL = re.compile(r"https?://\S+\Z", re.IGNORECASE)
_VTIMEZONE = re.compile(r"^BEGIN:VTIMEZONE.*?^END:VTIMEZONE", re.MULTILINE | re.DOTALL | re.I)


class CalendarImportError(ValueError):
    """A calendar that cannot be imported at all; the message is for the person importing it."""


@dataclass
class ImportedCalendar:
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    incomplete: set[str] = field(default_factory=set)  # UIDs not imported in full, noted


@dataclass
class _Series:
    """The components of one UID: its master (if any) and the occurrences it moves."""

    uid: str
    master: Any | None = None
    overrides: dict[str, Any] = field(default_factory=dict)

    @property
    def components(self) -> list[Any]:
        return ([self.master] if self.master is not None else []) + list(self.overrides.values())

    @property
    def recurs(self) -> bool:
        master = self.master
        return bool(self.overrides) or (
            master is not None and ("RRULE" in master or "RDATE" in master)
        )

    @property
    def title(self) -> str:
        return _summary(self.components[0])


def read_calendar(
    data: bytes,
    *,
    now: datetime,
    default_timezone: str,
    max_events: int = MAX_IMPORT_EVENTS,
    budget_seconds: float = BUDGET_SECONDS,
) -> ImportedCalendar:
    """The events of an iCalendar file, recurrences expanded from `now` to a year ahead.

    Raises CalendarImportError for a file that cannot be read as a calendar, holds more than
    `max_events` events, or takes longer than `budget_seconds` to expand once read; an event
    that cannot be read is left out with a note naming it and saying why. The expansion runs
    in a child process that is stopped when the budget is spent, so no repeat rule can hold
    the caller however long the libraries would search for its dates.
    """
    calendar = _parse(data)  # linear in the file's size, which the caller bounds
    components = list(calendar.walk("VEVENT"))
    if len(components) > max_events:
        raise CalendarImportError(
            f"The calendar holds {len(components):,} events; at most {max_events:,} can be "
            "imported at once"
        )
    try:
        return budget.run_within(
            budget_seconds, _expand_all, components, now, default_timezone, max_events
        )
    except budget.OverBudgetError as exc:
        raise CalendarImportError(_over_budget(exc)) from None


def _over_budget(exc: budget.OverBudgetError) -> str:
    if exc.last is None:
        return (
            f"The calendar took longer than {exc.seconds:g} seconds to read; import it in "
            "smaller parts"
        )  # the budget ran out between series, or before the first
    title, rules = exc.last
    return (
        f"Nothing was imported: working out the dates of “{title}” took longer than "
        f"{exc.seconds:g} seconds (its repeat rule {rules} may never meet a real date); "
        "remove or simplify that rule and import the calendar again"
    )


def _expand_all(
    report: Callable[[Any], None],
    components: list[Any],
    now: datetime,
    default_timezone: str,
    max_events: int,
) -> ImportedCalendar:
    """read_calendar's expansion, reporting each repeating series (its title and rules)
    before expanding it, so that a reading stopped for time can say which series held it up.
    It runs in a forked child, which has the parsed components without their being copied."""
    result = ImportedCalendar()
    window = (now, now + HORIZON)
    for series in _series(components, result.warnings, result.incomplete):
        report((series.title, _rules_text(series)) if series.recurs else None)
        noted = len(result.warnings)
        try:
            result.events.extend(_expand(series, window, default_timezone, result.warnings))
        except InvalidEventError as exc:  # its message is written for people
            result.warnings.append(f"Left out “{series.title}”: {_reason(exc)}")
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            result.warnings.append(f"Left out “{series.title}”: {_expansion_reason(exc)}")
        if any(
            n.startswith(("Left out", f"“{series.title}” has more"))
            for n in result.warnings[noted:]
        ):
            result.incomplete.add(series.uid)
        if len(result.events) > max_events:
            raise CalendarImportError(
                f"The calendar's events make more than {max_events:,} occurrences in the "
                f"next year; at most {max_events:,} can be imported at once"
            )
    return result


def _rules_text(series: _Series) -> str:
    """The series' repeat rules as the calendar writes them, for a person to find them."""
    master = series.master
    rules = _as_list(master.get("RRULE")) if master is not None else []
    text = " and ".join(f"RRULE:{rule.to_ical().decode()}" for rule in rules)
    return text[:300] or "(RDATE and RECURRENCE-ID only)"


def _parse(data: bytes) -> icalendar.Calendar:
    if b"\x00" in data:
        raise CalendarImportError("Not a valid iCalendar file: it holds binary data")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CalendarImportError("Not a valid iCalendar file: it is not UTF-8 text") from exc
    stripped = text.strip()
    upper = stripped.upper()
    end = upper.rfind("END:VCALENDAR")
    if not upper.startswith("BEGIN:VCALENDAR") or end < 0:
        raise CalendarImportError(
            "Not a valid iCalendar file: it must run from BEGIN:VCALENDAR to END:VCALENDAR"
        )
    stripped = stripped[: end + len("END:VCALENDAR")]  # tolerate lines after the end
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            calendars = icalendar.Calendar.from_ical(stripped, multiple=True)
            calendars = [x_wr_timezone.to_standard(c) for c in calendars]
    except Exception as exc:  # the library's own failure to read the file, whatever its kind
        raise CalendarImportError(
            f"Not a valid iCalendar file: {_library_reason(stripped)}"
        ) from exc
    if not calendars:
        raise CalendarImportError("Not a valid iCalendar file: no calendar in it")
    first = calendars[0]
    for other in calendars[1:]:
        for component in other.subcomponents:
            first.add_component(component)
    return first


def _library_reason(text: str) -> str:
    """Why icalendar could not read the file, in words: its own messages name its internals."""
    for block in _VTIMEZONE.findall(text):
        if len(re.findall(r"^TZID[;:]", block, re.MULTILINE | re.IGNORECASE)) > 1:
            return "one of its time zones (VTIMEZONE) gives two names (TZID)"
    return "it does not follow the iCalendar format closely enough to be read"


def _expansion_reason(exc: BaseException) -> str:
    """Why a series could not be expanded, in words; the libraries' own messages name their
    internals ("combine() argument 1 must be datetime.date")."""
    if "RSCALE" in str(exc).upper():
        return "it repeats by a calendar other than the Gregorian one (RSCALE)"
    if isinstance(exc, OverflowError):
        return "its dates run past what a calendar can hold"
    return "its dates and repeat rule cannot be worked out together (they mix kinds of value)"


def _reason(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return message[:200]


def _summary(component: Any) -> str:
    summary = " ".join(str(component.get("SUMMARY", "") or "").split())
    return summary[:80] or "untitled event"


def _series(components: Iterable[Any], notes: list[str], left_out: set[str]) -> list[_Series]:
    """The calendar's events by UID, each component readable and one version of each: a
    component whose times cannot be read is left out; of two with the same UID (and the same
    RECURRENCE-ID) the higher SEQUENCE is kept."""
    by_uid: dict[str, _Series] = {}
    for component in components:
        uid = " ".join(str(component.get("UID", "")).split()) or _made_up_uid(component)
        if not _readable(component, notes):
            left_out.add(uid)
            continue
        series = by_uid.setdefault(uid, _Series(uid))
        recurrence = component.get("RECURRENCE-ID")
        if recurrence is None:
            series.master = _newer(series.master, component, notes)
        else:
            key = recurrence.to_ical().decode()
            series.overrides[key] = _newer(series.overrides.get(key), component, notes)
    return list(by_uid.values())


def _made_up_uid(component: Any) -> str:
    """A UID for an event that has none, the same each time the same event is imported."""
    start = component.get("DTSTART")
    seed = f"{start.to_ical().decode() if start is not None else ''}|{_summary(component)}"
    return "no-uid-" + hashlib.sha256(seed.encode()).hexdigest()[:32]


def _readable(component: Any, notes: list[str]) -> bool:
    """Drop what icalendar could not read: a time property leaves the event out, any other
    property (a GEO written as a URI, an attachment that is not base64) is only ignored."""
    title = _summary(component)
    for name, _message in getattr(component, "errors", []):
        if not name:
            notes.append(f"“{title}”: ignored a line that cannot be read")
            continue
        raw = str(component.get(name, ""))[:60]
        what = _TIME_PROPERTIES.get(name.upper())
        if what is not None:
            notes.append(f"Left out “{title}”: its {what} ({name.upper()}) “{raw}” cannot be read")
            return False
        component.pop(name, None)
        notes.append(f"“{title}”: ignored its {name.upper()} “{raw}”, which cannot be read")
    if component.get("DTSTART") is None:
        notes.append(f"Left out “{title}”: it has no start (DTSTART)")
        return False
    for name in ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID"):
        if isinstance(component.get(name), list):
            what = _TIME_PROPERTIES[name]
            notes.append(f"Left out “{title}”: its {what} ({name}) is given more than once")
            return False
    for name in ("RDATE", "EXDATE"):
        for values in _as_list(component.get(name)):
            if any(type(v.dt) is time for v in getattr(values, "dts", [])):
                what = _TIME_PROPERTIES[name]
                notes.append(
                    f"Left out “{title}”: its {what} ({name}) give a time of day without a date"
                )
                return False
    for rule in _as_list(component.get("RRULE")):
        if not rule.get("FREQ"):
            notes.append(f"Left out “{title}”: its repeat rule (RRULE) says not how often")
            return False
    return True


def _sequence(component: Any) -> int:
    try:
        return int(component.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        return 0


def _newer(kept: Any | None, component: Any, notes: list[str]) -> Any:
    if kept is None:
        return component
    winner = component if _sequence(component) >= _sequence(kept) else kept
    notes.append(
        f"“{_summary(winner)}” is in the calendar more than once: kept the latest version "
        f"(SEQUENCE {_sequence(winner)})"
    )
    return winner


def _expand(
    series: _Series, window: tuple[datetime, datetime], default_timezone: str, notes: list[str]
) -> list[Event]:
    if not series.recurs:
        assert series.master is not None
        event = _event(series.master, series.uid, default_timezone)
        _note_local_time(event, series.master, notes)
        return [event]
    if not _expandable(series, window[0], notes):
        return []
    calendar = icalendar.Calendar()
    for component in series.components:
        calendar.add_component(_bounded(component, window))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateutil's note on COUNT with UNTIL, set just above
        query = recurring_ical_events.of(calendar)
        occurrences = itertools.chain.from_iterable(
            s.between(window[0], window[1]) for s in query.series
        )
        found = list(itertools.islice(occurrences, MAX_OCCURRENCES + 1))
    if len(found) > MAX_OCCURRENCES:
        found = sorted(found)[:MAX_OCCURRENCES]
        notes.append(
            f"“{series.title}” has more than {MAX_OCCURRENCES} occurrences in the next year: "
            f"imported the first {MAX_OCCURRENCES}"
        )
    events = []
    for occurrence in sorted(found):
        component = occurrence.as_component(False)
        original = occurrence.recurrence_ids[0] if occurrence.recurrence_ids else None
        uid = _occurrence_uid(series.uid, original or occurrence.start)
        event = _event(component, uid, default_timezone)
        events.append(event)
    if events:
        _note_local_time(events[0], series.components[0], notes)
    return events


def _expandable(series: _Series, window_start: datetime, notes: list[str]) -> bool:
    """Whether the series' rules can be expanded cheaply: not more often than daily, and not
    more than MAX_PER_DAY times a day."""
    master = series.master
    for rule in _as_list(master.get("RRULE")) if master is not None else []:
        freq = str(rule.get("FREQ", [""])[0]).upper()
        if freq in _SUB_DAILY:
            notes.append(
                f"Left out “{series.title}”: it repeats {_SUB_DAILY[freq]} (FREQ={freq}); "
                "rules that repeat more often than daily are not imported"
            )
            return False
        if not names_a_real_day(rule, window_start.year):
            notes.append(
                f"Left out “{series.title}”: its repeat rule names no date that exists "
                f"({rule.to_ical().decode()})"
            )
            return False
        per_day = 1
        for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            per_day *= max(1, len(rule.get(part, [])))
        if per_day > MAX_PER_DAY:
            notes.append(
                f"Left out “{series.title}”: it repeats {per_day} times a day; at most "
                f"{MAX_PER_DAY} are imported"
            )
            return False
    return True


def _bounded(component: Any, window: tuple[datetime, datetime]) -> Any:
    """The component made cheap to expand without changing its occurrences in the window:
    each RRULE ends at the window's end at the latest, and a daily or weekly rule with no COUNT
    starts a whole number of its periods before the window rather than decades earlier (the
    occurrences are the same; dateutil only walks fewer days to reach them)."""
    rules = _as_list(component.get("RRULE"))
    if not rules:
        return component
    copy = component.copy()
    copy.subcomponents = list(component.subcomponents)
    start = component.decoded("DTSTART")
    cap = _like(start, window[1] + timedelta(days=2))
    bounded = []
    for rule in rules:
        rule = icalendar.vRecur(dict(rule))
        until = rule.get("UNTIL", [None])[0]
        if until is None or _later(until, cap):
            rule["UNTIL"] = [cap]
        bounded.append(rule)
    copy.pop("RRULE")
    for rule in bounded:
        copy.add("RRULE", rule)
    shift = _shift(bounded, start, window[0])
    if shift:
        for name in ("DTSTART", "DTEND"):
            if component.get(name) is not None:
                value = component.decoded(name)
                copy.pop(name)
                copy.add(name, value + shift)
    return copy


def _like(value: date | datetime, moment: datetime) -> date | datetime:
    """`moment` in the form of `value`: a date, a floating time, or an instant."""
    if not isinstance(value, datetime):
        return moment.date()
    if value.tzinfo is None:
        return moment.replace(tzinfo=None)
    return moment


def _shift(rules: list[Any], start: date | datetime, window_start: datetime) -> timedelta:
    if len(rules) != 1 or rules[0].get("COUNT"):
        return timedelta(0)
    freq = str(rules[0].get("FREQ", [""])[0]).upper()
    period = {"DAILY": timedelta(days=1), "WEEKLY": timedelta(weeks=1)}.get(freq)
    if period is None:
        return timedelta(0)
    period *= int(rules[0].get("INTERVAL", [1])[0] or 1)
    earliest = window_start - timedelta(days=30) - period
    periods = (earliest - _as_utc(start)) // period
    return period * periods if periods > 0 else timedelta(0)


def _later(until: date | datetime, cap: date | datetime) -> bool:
    return _as_utc(until) > _as_utc(cap)


def _as_utc(value: date | datetime) -> datetime:
    """A DTSTART, UNTIL or RECURRENCE-ID value as an instant to compare or stamp: a date at
    its midnight in UTC, a floating time as if in UTC (the rule bounds allow for the slack)."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _note_local_time(event: Event, component: Any, notes: list[str]) -> None:
    """Warn where the calendar names a wall time that its zone skips or shows twice."""
    start = component.decoded("DTSTART")
    if not isinstance(start, datetime) or start.tzinfo is None or event.all_day:
        return
    wall = start.replace(tzinfo=None)
    change = clock_change(wall, event.timezone)
    if change is ClockChange.NONE:
        return
    does = "shows twice" if change is ClockChange.REPEATED else "skips"
    notes.append(
        f"“{event.title}” starts at {wall:%Y-%m-%d %H:%M}, a time {event.timezone} {does} "
        f"that night: imported as {event.local_start:%H:%M %Z}; check it"
    )


def _occurrence_uid(series_uid: str, start: date | datetime) -> str:
    stamp = f"{_as_utc(start):%Y%m%dT%H%M%SZ}" if isinstance(start, datetime) else f"{start:%Y%m%d}"
    uid = f"{series_uid}/{stamp}"
    return uid if len(uid) <= UID_MAX else _hashed_uid(uid)


def _hashed_uid(uid: str) -> str:
    return "import-" + hashlib.sha256(uid.encode()).hexdigest()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _event(component: Any, uid: str, default_timezone: str) -> Event:
    raw_start = component.decoded("DTSTART")
    zone_name = _zone_name(raw_start, default_timezone)
    all_day = not isinstance(raw_start, datetime)
    start, end = _instants(component, raw_start, zone_name)
    title = " ".join(str(component.get("SUMMARY", "")).split())[:TITLE_MAX] or "Untitled event"
    description = str(component.get("DESCRIPTION", ""))
    venues, online_link = _place(component)
    links = _links(component)
    if online_link is not None:
        links.append(online_link)
    event = Event(
        title=title,
        start=start,
        end=end,
        all_day=all_day,
        timezone=zone_name,
        description=_cut(description),
        status=_status(component),
        venues=venues,
        organiser=_organiser(component),
        links=links,
        online=online_link is not None,
        tags=_tags(component),
        uid=uid if len(uid) <= UID_MAX else _hashed_uid(uid),
    )
    check_event(event)
    return event


def _cut(description: str) -> str:
    if len(description) <= DESCRIPTION_MAX:
        return description
    marker = "\n\n[Cut short on import: the original is longer.]"
    return description[: DESCRIPTION_MAX - len(marker)] + marker


def _zone_name(value: date | datetime, default_timezone: str) -> str:
    """The IANA name of the value's zone; floating times read as the default zone, and a
    calendar's own VTIMEZONE (Outlook's "Canberra, Melbourne, Sydney") as the IANA zone whose
    clock it matches."""
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
    return iana_zone_for(tzinfo, value) or default_timezone


def _instants(
    component: Any, raw_start: date | datetime, zone_name: str
) -> tuple[datetime, datetime | None]:
    """A day's event (a date DTSTART) runs from its midnight to the midnight after its last
    day (DTEND is exclusive; one not after the start means the one day), whatever the clocks
    did in between; a timed one's instants are the calendar's own, or floating wall times
    read in the zone as RFC 5545 reads them."""
    if isinstance(raw_start, datetime) and component.get("DTEND") is None:
        duration = component.decoded("DURATION") if component.get("DURATION") else None
        if isinstance(duration, timedelta):
            return _instant(raw_start, zone_name), _end_after(raw_start, duration, zone_name)
    raw_end = _raw_end(component, raw_start)
    if not isinstance(raw_start, datetime):
        after = raw_end.date() if isinstance(raw_end, datetime) else raw_end
        last = after - timedelta(days=1) if after is not None and after > raw_start else None
        return LocalWhen(raw_start, zone_name, end_day=last).instants()
    end = _instant(raw_end, zone_name) if raw_end is not None else None
    return _instant(raw_start, zone_name), end


def _raw_end(component: Any, raw_start: date | datetime) -> date | datetime | None:
    if component.get("DTEND") is not None:
        return component.decoded("DTEND")
    if component.get("DURATION") is not None:
        duration = component.decoded("DURATION")
        if isinstance(duration, timedelta):
            return raw_start + duration
    return None


def _end_after(start: datetime, duration: timedelta, zone_name: str) -> datetime:
    """RFC 5545 3.3.6: a duration's days are calendar days (the same wall time, whatever the
    clocks did), its hours, minutes and seconds exact time: 'PT5H' from 23:00 on the night
    the clocks go back ends five real hours later, at 03:00 by the clock, not 04:00."""
    days = timedelta(days=duration.days)
    exact = duration - days
    return _instant(start + days, zone_name) + exact


def _instant(value: date | datetime, zone_name: str) -> datetime:
    """The calendar's instant, or a floating time (a date: its midnight) in the zone."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    wall = value if isinstance(value, datetime) else datetime.combine(value, time())
    return as_written(wall, zone_name)


def _status(component: Any) -> EventStatus:
    status = str(component.get("STATUS", "")).upper()
    if status == "CANCELLED":
        return EventStatus.CANCELLED
    if status == "TENTATIVE":
        return EventStatus.TENTATIVE
    return EventStatus.CONFIRMED


def _place(component: Any) -> tuple[list[Venue], Link | None]:
    """The venue named by LOCATION; a LOCATION that is only a web address makes the event
    online, with that address as its join link."""
    location = " ".join(str(component.get("LOCATION", "")).split())
    if not location:
        return [], None
    if _URL.match(location) and len(location) <= URL_MAX:
        return [], Link(location, LinkKind.ONLINE, "Join online")
    name, _, address = location.partition(",")
    return [Venue(name=name.strip()[:NAME_MAX], address=address.strip()[:ADDRESS_MAX])], None


def _organiser(component: Any) -> str:
    organizer = component.get("ORGANIZER")
    if organizer is None:
        return ""
    name = organizer.params.get("CN", "") if hasattr(organizer, "params") else ""
    return " ".join(str(name).split())[:NAME_MAX]


def _links(component: Any) -> list[Link]:
    url = str(component.get("URL", "")).strip()
    if url.lower().startswith(("http://", "https://")) and len(url) <= URL_MAX:
        return [Link(url, LinkKind.EVENT_PAGE)]
    return []


def _tags(component: Any) -> list[str]:
    """CATEGORIES as the store keeps tags (lower case, each once), in the calendar's order,
    at most TAGS_PER_EVENT of them."""
    tags: dict[str, None] = {}
    for categories in _as_list(component.get("CATEGORIES")):
        for category in getattr(categories, "cats", []):
            text = " ".join(str(category).split()).lower()
            if text and len(text) <= TAG_MAX:
                tags[text] = None
    return list(tags)[:TAGS_PER_EVENT]
