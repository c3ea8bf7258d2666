"""The organiser's event form: values to show (from a parsed draft or a stored event) and the
domain event read back from what was submitted, refused with a reason when it cannot be."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from werkzeug.datastructures import MultiDict

from ..domain import (
    NAME_MAX,
    Event,
    EventStatus,
    EventSummary,
    InvalidEventError,
    Link,
    LinkKind,
    Person,
    UnknownTimeZoneError,
    Venue,
    check_calendar_date,
    check_link,
)
from ..parsing import Draft

FIELD_MAX = 20_000
WARNINGS_MAX = 20
WARNING_CHARS = 500


@dataclass
class EventForm:
    """String values of one event's fields, as the form shows them."""

    title: str = ""
    start_date: str = ""
    start_time: str = ""
    end_date: str = ""
    end_time: str = ""
    timezone: str = ""
    venues: str = ""
    speakers: str = ""
    url: str = ""
    tickets: str = ""
    price: str = ""
    description: str = ""
    tags: str = ""
    online: bool = False
    all_day: bool = False
    recurrence: str = ""
    parent: str = ""
    warnings: list[str] = field(default_factory=list)
    clock_pass: str = ""  # "first" or "second" pass of an hour the clocks go back through

    @property
    def repeated_hour(self) -> bool:
        """Whether the start or the end is a wall time that happens twice (the clocks go back
        through it): the form then asks which of the two is meant."""
        return any(
            _happens_twice(day, clock, self.timezone)
            for day, clock in (
                (self.start_date, self.start_time),
                (self.end_date or self.start_date, self.end_time),
            )
        )


CLOCK_PASSES = ("", "first", "second")


def _happens_twice(day: str, clock: str, zone_name: str) -> bool:
    try:
        moment = datetime.combine(
            date.fromisoformat(day), time.fromisoformat(clock), tzinfo=ZoneInfo(zone_name)
        )
    except (ValueError, KeyError, ZoneInfoNotFoundError):
        return False
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


def form_from_draft(draft: Draft, parent_index: str = "") -> EventForm:
    start_date, start_time = _split(draft.start)
    end_date, end_time = _split(draft.end) if draft.end else ("", "")
    tickets = next((link for link in draft.links if link.kind == "tickets"), None)
    page = next((link for link in draft.links if link.kind != "tickets"), None)
    return EventForm(
        title=draft.title,
        start_date=start_date,
        start_time=start_time,
        end_date=end_date if end_date != start_date else "",
        end_time=end_time,
        timezone=draft.timezone,
        venues="\n".join(_join(v.name, v.address, v.postcode, v.city) for v in draft.venues),
        speakers="\n".join(
            _join(p.name, p.honorific, p.affiliation) for p in [*draft.speakers, *draft.performers]
        ),
        url=page.url if page else "",
        tickets=tickets.url if tickets else "",
        price=draft.price,
        online=draft.online,
        recurrence=draft.recurrence or "",
        parent=parent_index,
        warnings=list(draft.warnings),
    )


def form_from_event(event: Event) -> EventForm:
    start, end = event.local_start, event.local_end
    if event.all_day:
        start_date, start_time = start.date().isoformat(), ""
        last = event.last_day.isoformat()
        end_date, end_time = (last if last != start_date else ""), ""
    else:
        start_date, start_time = start.date().isoformat(), f"{start:%H:%M}"
        end_date = end.date().isoformat() if end and end.date() != start.date() else ""
        end_time = f"{end:%H:%M}" if end else ""
    tickets = next((link for link in event.links if link.kind == LinkKind.TICKETS), None)
    page = next((link for link in event.links if link.kind != LinkKind.TICKETS), None)
    return EventForm(
        title=event.title,
        start_date=start_date,
        start_time=start_time,
        end_date=end_date,
        end_time=end_time,
        timezone=event.timezone,
        venues="\n".join(_join(v.name, v.address, v.postcode, v.city) for v in event.venues),
        speakers="\n".join(_join(p.name, p.honorific, p.affiliation) for p in event.speakers),
        url=page.url if page else "",
        tickets=tickets.url if tickets else "",
        price=tickets.price if tickets else "",
        description=event.description,
        tags=", ".join(event.tags),
        online=event.online,
        all_day=event.all_day and not event.time_tba,
        recurrence=event.recurrence or "",
        clock_pass=_pass_of(start, end) if not event.all_day else "",
    )


def _pass_of(start: datetime, end: datetime | None) -> str:
    """Which pass of a repeated hour the stored times are in ("" when neither repeats)."""
    times = [t for t in (start, end) if t is not None]
    if not any(t.replace(fold=1 - t.fold).utcoffset() != t.utcoffset() for t in times):
        return ""
    return "second" if any(t.fold for t in times) else "first"


def _split(value: date | datetime) -> tuple[str, str]:
    if isinstance(value, datetime):
        return value.date().isoformat(), f"{value:%H:%M}"
    return value.isoformat(), ""


def _join(*parts: str) -> str:
    return "; ".join(parts).rstrip("; ")


def read_form(form: MultiDict[str, str], prefix: str) -> EventForm:
    def text(name: str) -> str:
        value = form.get(f"{prefix}{name}", "")
        if len(value) > FIELD_MAX:
            raise InvalidEventError(
                f"{name.replace('_', ' ').capitalize()} is too long: at most "
                f"{FIELD_MAX:,} characters"
            )
        if "\x00" in value:
            raise InvalidEventError("Text must not contain NUL characters")
        return value.strip()

    return EventForm(
        title=text("title"),
        start_date=text("start_date"),
        start_time=text("start_time"),
        end_date=text("end_date"),
        end_time=text("end_time"),
        timezone=text("timezone"),
        venues=text("venues"),
        speakers=text("speakers"),
        url=text("url"),
        tickets=text("tickets"),
        price=text("price"),
        description=text("description"),
        tags=text("tags"),
        online=bool(form.get(f"{prefix}online")),
        all_day=bool(form.get(f"{prefix}all_day")),
        recurrence=text("recurrence"),
        parent=text("parent"),
        warnings=warnings_of(form, prefix),
        clock_pass=_clock_pass(text("clock_pass")),
    )


def _clock_pass(value: str) -> str:
    if value not in CLOCK_PASSES:
        raise InvalidEventError("Which pass of the repeated hour: “first” or “second”")
    return value


def warnings_of(form: MultiDict[str, str], prefix: str) -> list[str]:
    """The warnings a review form carries along (as `{prefix}warning` fields), so a page shown
    again after a refused save still says what the reading noticed; bounded, as any field."""
    found = form.getlist(f"{prefix}warning")[:WARNINGS_MAX]
    return [w.replace("\x00", "").strip()[:WARNING_CHARS] for w in found if w.strip()]


def event_from_form(values: EventForm, *, parent_title: str | None = None) -> Event:
    """The event the form describes; InvalidEventError names the first field that is wrong.
    A day with no start time is all day only when the box says so; else its time is to be
    announced."""
    zone_name = values.timezone or "Europe/London"
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimeZoneError(f"Unknown time zone: {zone_name!r}") from exc
    first_day = _date(values.start_date, "Start date", required=True)
    assert first_day is not None
    last_day = _date(values.end_date, "End date") or first_day
    if values.all_day and values.start_time:
        raise InvalidEventError(
            "An all-day event has no start time: clear the time or untick “All day”"
        )
    all_day = not values.start_time
    if all_day:
        start = datetime.combine(first_day, time(), tzinfo=zone)
        end: datetime | None = datetime.combine(last_day + timedelta(days=1), time(), tzinfo=zone)
    else:
        start_clock = _time(values.start_time, "Start time")
        start = _local(first_day, start_clock, zone, "Start", values.clock_pass)
        end_clock = _time(values.end_time, "End time") if values.end_time else None
        end = _local(last_day, end_clock, zone, "End", values.clock_pass) if end_clock else None
        if end is not None and end <= start and not values.end_date:
            end = _overnight(start, end, zone)
    links = []
    if values.url:
        check_link(values.url)
        links.append(Link(values.url, LinkKind.ONLINE if values.online else LinkKind.EVENT_PAGE))
    if values.tickets:
        check_link(values.tickets)
        links.append(Link(values.tickets, LinkKind.TICKETS, price=values.price[:200]))
    return Event(
        title=" ".join(values.title.split()),
        start=start,
        end=end,
        all_day=all_day,
        time_tba=all_day and not values.all_day,
        timezone=zone_name,
        description=values.description,
        venues=[Venue(*_parts(line, 4)) for line in _lines(values.venues)],
        speakers=[Person(*_parts(line, 3)) for line in _lines(values.speakers)],
        links=links,
        tags=[t.strip() for t in values.tags.split(",") if t.strip()],
        online=values.online,
        recurrence=values.recurrence or None,
        status=EventStatus.CONFIRMED,
        parent=EventSummary(
            id=0, slug="", title=parent_title, uid="", start=start, timezone=zone_name
        )
        if parent_title
        else None,
    )


OVERNIGHT_UNTIL = time(6, 0)


def _overnight(start: datetime, end: datetime, zone: ZoneInfo) -> datetime:
    """An end clock earlier than the start with no end date: a night event ending in the small
    hours runs into the next day; anything else is a slip, refused rather than guessed."""
    if end.timetz().replace(tzinfo=None) < OVERNIGHT_UNTIL:
        next_day = end.date() + timedelta(days=1)
        return datetime.combine(next_day, end.time(), tzinfo=zone)
    raise InvalidEventError(
        f"The end ({end:%H:%M}) is before the start ({start:%H:%M}); "
        "for an event that runs overnight, give the end date too"
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _parts(line: str, count: int) -> list[str]:
    parts = [p.strip()[: NAME_MAX + 1] for p in line.split(";")]
    return (parts + [""] * count)[:count]


def _date(value: str, label: str, required: bool = False) -> date | None:
    if not value:
        if required:
            raise InvalidEventError(f"{label} is required")
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidEventError(f"{label} must be a date, YYYY-MM-DD") from exc
    check_calendar_date(day, label)
    return day


def _time(value: str, label: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError as exc:
        raise InvalidEventError(f"{label} must be a time of day, HH:MM (00:00 to 23:59)") from exc


def _local(day: date, clock: time, zone: ZoneInfo, label: str, clock_pass: str) -> datetime:
    """The instant of a wall-clock time, refusing one that the clocks skip, and one that they
    repeat until the person says which pass is meant (the two are an hour apart)."""
    moment = datetime.combine(day, clock, tzinfo=zone)
    if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise InvalidEventError(
            f"{label}: {clock:%H:%M} on {day:%-d %B %Y} does not exist in {zone.key} "
            "(the clocks go forward then)"
        )
    if moment.replace(fold=1).utcoffset() == moment.utcoffset():
        return moment
    if not clock_pass:
        raise InvalidEventError(
            f"{label}: {clock:%H:%M} on {day:%-d %B %Y} happens twice in {zone.key} (the "
            "clocks go back then): choose the first or the second in “Which pass”"
        )
    return moment.replace(fold=1 if clock_pass == "second" else 0)
