"""The organiser's event form: values to show (from a parsed draft or a stored event) and the
domain event read back from what was submitted, refused with a reason when it cannot be."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from zoneinfo import ZoneInfoNotFoundError

from flask_babel import gettext, lazy_gettext
from werkzeug.datastructures import MultiDict

from .. import repeats
from ..domain import (
    ADDRESS_MAX,
    CITY_MAX,
    COVER_ALT_MAX,
    DESCRIPTION_MAX,
    HONORIFIC_MAX,
    LINK_TEXT_MAX,
    NAME_MAX,
    POSTCODE_MAX,
    RECURRENCE_MAX,
    SPEAKERS_PER_EVENT,
    TAG_MAX,
    TAGS_PER_EVENT,
    TITLE_MAX,
    URL_MAX,
    VENUES_PER_EVENT,
    Attendance,
    ClockChange,
    Event,
    EventEdit,
    EventStatus,
    FestivalNamed,
    InvalidEventError,
    Link,
    LinkKind,
    LocalWhen,
    Person,
    UnclearWallTimeError,
    Venue,
    attendance_of,
    check_calendar_date,
    check_link,
)
from ..parsing import Draft
from ..repeats import WEEKDAYS
from ..zone_input import read_zone

WARNINGS_MAX = 20
SHORT_MAX = 100
"""A box with no limit of its own holds a date, a time, a zone, a number or a choice."""
BOX_MAX = {
    "title": (lazy_gettext("Title"), TITLE_MAX),
    "description": (lazy_gettext("Description"), DESCRIPTION_MAX),
    "url": (lazy_gettext("Link"), URL_MAX),
    "tickets": (lazy_gettext("Tickets link"), URL_MAX),
    "price": (lazy_gettext("Price"), LINK_TEXT_MAX),
    "cover_alt": (lazy_gettext("Cover image description"), COVER_ALT_MAX),
    "tags": (lazy_gettext("The list of tags"), TAGS_PER_EVENT * (TAG_MAX + 2)),
    "recurrence": (lazy_gettext("Repeat rule"), RECURRENCE_MAX),
    "parent": (lazy_gettext("Part of"), TITLE_MAX),
}
"""Each box's label and most characters, from the domain's limits: an over-long box is
refused by name as the form is read, before anything splits or parses it."""
# A venue line is "name; address; postcode; city", a speaker line "name; title; affiliation".
LINE_BOXES = {
    "venues": ("venue", VENUES_PER_EVENT, NAME_MAX + ADDRESS_MAX + POSTCODE_MAX + CITY_MAX + 9),
    "speakers": ("speaker", SPEAKERS_PER_EVENT, NAME_MAX + HONORIFIC_MAX + NAME_MAX + 6),
}
"""Boxes of one entry a line: at most the domain's number of entries, each line at most its
parts' limits together; each part is then checked by the domain (`check_venue`)."""
TOO_MANY = {
    "venue": lazy_gettext("Too many venues: at most %(most)s per event"),
    "speaker": lazy_gettext("Too many speakers: at most %(most)s per event"),
}
A_LINE = {"venue": lazy_gettext("A venue line"), "speaker": lazy_gettext("A speaker line")}
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
    organiser: str = ""
    cover_alt: str = ""
    attendance: str = "in_person"  # domain.Attendance
    join_url: str = ""
    all_day: bool = False
    show_source: bool = False
    recurrence: str = ""  # the raw rule: the advanced fallback, and what a form without the
    # repeats control sends (the 409 page's choices)
    repeat: str | None = None  # the control's kind (repeats.KINDS); None: not sent
    repeat_every: str = "1"
    repeat_days: list[str] = field(default_factory=list)
    repeat_nth: str = "1"
    repeat_weekday: str = "MO"
    repeat_until: str = ""
    repeat_count: str = ""
    parent: str = ""
    warnings: list[str] = field(default_factory=list)
    clock_pass: str = ""  # "first" or "second" pass of an hour the clocks go back through

    def rule(self, zone: str) -> str:
        """The repeat rule the form asks for: the control's, or else the raw rule."""
        if self.repeat in (None, "custom"):
            return self.recurrence
        if self.repeat not in repeats.KINDS:
            raise InvalidEventError(gettext("Repeats: choose weekly, monthly, a rule or none"))
        choice = repeats.Repeats(
            kind=self.repeat,
            interval=_whole(self.repeat_every or "1", gettext("Repeats every")),
            days=tuple(self.repeat_days),
            nth=_whole(self.repeat_nth, gettext("Repeats on the nth weekday"), signed=True),
            weekday=self.repeat_weekday,
            until=_date(self.repeat_until, gettext("Repeats until")),
            count=_whole(self.repeat_count, gettext("Repeats this many times"))
            if self.repeat_count
            else None,
        )
        return repeats.rule_of(choice, zone, all_day=not self.start_time) or ""

    @property
    def repeated_hour(self) -> bool:
        """Whether the start or the end is a wall time that happens twice (the clocks go back
        through it): the form then asks which of the two is meant."""
        try:
            when = LocalWhen(
                date.fromisoformat(self.start_date),
                self.timezone,
                time.fromisoformat(self.start_time),
                date.fromisoformat(self.end_date) if self.end_date else None,
                time.fromisoformat(self.end_time) if self.end_time else None,
            )
            changes = when.clock_changes()
        except (ValueError, KeyError, ZoneInfoNotFoundError):
            return False
        return any(change is ClockChange.REPEATED for _, _, change in changes)


_NOT_PAGES = (LinkKind.TICKETS, LinkKind.ONLINE)
CLOCK_PASSES = {"": None, "first": 0, "second": 1}  # the pass a form names, as a fold


def _repeat_fields(rule: str | None, zone: str, day: date, all_day: bool) -> dict:
    """The repeats control showing `rule`; the parts it leaves unset are set to the start's
    weekday (weekly on that day, monthly on its nth weekday) for when the person picks one."""
    choice = repeats.choice_of(rule, zone, all_day=all_day)
    weekday = repeats.WEEKDAYS[day.weekday()]
    days = list(choice.days) if choice.kind == "weekly" else [weekday]
    nth, weekday = (choice.nth, choice.weekday) if choice.kind == "monthly" else (0, weekday)
    nth = nth or min((day.day - 1) // 7 + 1, 4)
    return {
        "repeat": choice.kind,
        "repeat_every": str(choice.interval),
        "repeat_days": days,
        "repeat_nth": str(nth),
        "repeat_weekday": weekday,
        "repeat_until": choice.until.isoformat() if choice.until else "",
        "repeat_count": str(choice.count) if choice.count else "",
    }


def form_from_draft(draft: Draft, parent_index: str = "") -> EventForm:
    when = LocalWhen.of(draft.start, draft.end, draft.timezone)
    tickets = next((link for link in draft.links if link.kind == "tickets"), None)
    join = next((link for link in draft.links if link.kind == "online"), None)
    page = next((link for link in draft.links if link.kind not in ("tickets", "online")), None)
    return EventForm(
        title=draft.title,
        **_when_fields(when),
        timezone=draft.timezone,
        venues="\n".join(_join(v.name, v.address, v.postcode, v.city) for v in draft.venues),
        speakers="\n".join(
            _join(p.name, p.honorific, p.affiliation) for p in [*draft.speakers, *draft.performers]
        ),
        url=page.url if page else "",
        tickets=tickets.url if tickets else "",
        price=draft.price,
        attendance=attendance_of(None, draft.online, bool(draft.venues)).value,
        join_url=join.url if join else "",
        recurrence=draft.recurrence or "",
        **_repeat_fields(draft.recurrence, draft.timezone, when.day, when.start is None),
        parent=parent_index,
        warnings=list(draft.warnings),
    )


def form_from_event(event: Event) -> EventForm:
    when = event.local_when
    tickets = next((link for link in event.links if link.kind == LinkKind.TICKETS), None)
    join = next((link for link in event.links if link.kind == LinkKind.ONLINE), None)
    page = next((link for link in event.links if link.kind not in _NOT_PAGES), None)
    return EventForm(
        title=event.title,
        **_when_fields(when),
        timezone=event.timezone,
        venues="\n".join(_join(v.name, v.address, v.postcode, v.city) for v in event.venues),
        speakers="\n".join(_join(p.name, p.honorific, p.affiliation) for p in event.speakers),
        url=page.url if page else "",
        tickets=tickets.url if tickets else "",
        price=tickets.price if tickets else "",
        description=event.description,
        tags=", ".join(event.tags),
        organiser=event.organiser,
        cover_alt=event.cover_alt,
        show_source=event.show_source,
        attendance=event.attendance_mode.value,
        join_url=join.url if join else "",
        all_day=event.all_day and not event.time_tba,
        recurrence=event.recurrence or "",
        **_repeat_fields(event.recurrence, event.timezone, when.day, event.all_day),
        clock_pass=next(name for name, fold in CLOCK_PASSES.items() if fold == when.fold),
    )


def _when_fields(when: LocalWhen) -> dict[str, str]:
    """The form's four date and time boxes; an end on the start's day shows no end date."""
    end_day = when.end_day if when.end_day != when.day else None
    return {
        "start_date": when.day.isoformat(),
        "start_time": f"{when.start:%H:%M}" if when.start is not None else "",
        "end_date": end_day.isoformat() if end_day else "",
        "end_time": f"{when.end:%H:%M}" if when.end is not None and not when.all_day else "",
    }


def _join(*parts: str) -> str:
    return "; ".join(parts).rstrip("; ")


def read_form(form: MultiDict[str, str], prefix: str, default_zone: str) -> EventForm:
    """The boxes as submitted, unchecked, so a refused form can be shown again as it was
    (`event_from_form` checks them); the request's own size bounds what they hold. A zone box
    left empty is the site's default zone (DEFAULT_TIMEZONE), as a blank form shows it."""

    def text(name: str) -> str:
        return form.get(f"{prefix}{name}", "").strip()

    return EventForm(
        title=text("title"),
        start_date=text("start_date"),
        start_time=text("start_time"),
        end_date=text("end_date"),
        end_time=text("end_time"),
        timezone=text("timezone") or default_zone,
        venues=text("venues"),
        speakers=text("speakers"),
        url=text("url"),
        tickets=text("tickets"),
        price=text("price"),
        description=text("description"),
        tags=text("tags"),
        organiser=text("organiser"),
        cover_alt=text("cover_alt"),
        show_source=bool(form.get(f"{prefix}show_source")),
        attendance=text("attendance") or ("online" if form.get(f"{prefix}online") else "in_person"),
        join_url=text("join_url"),
        all_day=bool(form.get(f"{prefix}all_day")),
        recurrence=text("recurrence"),
        repeat=text("repeat") if f"{prefix}repeat" in form else None,
        repeat_every=text("repeat_every"),
        repeat_days=[d for d in form.getlist(f"{prefix}repeat_days")[:7] if d in WEEKDAYS],
        repeat_nth=text("repeat_nth"),
        repeat_weekday=text("repeat_weekday"),
        repeat_until=text("repeat_until"),
        repeat_count=text("repeat_count"),
        parent=text("parent"),
        warnings=warnings_of(form, prefix),
        clock_pass=_clock_pass(text("clock_pass")),
    )


def check_boxes(values: EventForm) -> None:
    """Refuse the first box holding more than its limit (BOX_MAX, LINE_BOXES, else SHORT_MAX),
    before any box is split or parsed."""
    for box in fields(EventForm):
        value = getattr(values, box.name)
        if not isinstance(value, str):
            continue
        if box.name in LINE_BOXES:
            _check_lines(value, *LINE_BOXES[box.name])
        else:
            default = (box.name.replace("_", " ").capitalize(), SHORT_MAX)
            _check_box(*BOX_MAX.get(box.name, default), value)


def _check_box(label: str, limit: int, value: str) -> None:
    if len(value) > limit:
        raise InvalidEventError(
            gettext(
                "%(label)s is too long: at most %(limit)s characters",
                label=label,
                limit=f"{limit:,}",
            )
        )


def _check_lines(value: str, entry: str, most: int, line_max: int) -> None:
    lines = _lines(value)
    if len(lines) > most:
        raise InvalidEventError(TOO_MANY[entry] % {"most": most})
    for line in lines:
        _check_box(A_LINE[entry], line_max, value=line)


def _clock_pass(value: str) -> str:
    if value not in CLOCK_PASSES:
        raise InvalidEventError(gettext("Which pass of the repeated hour: “first” or “second”"))
    return value


def warnings_of(form: MultiDict[str, str], prefix: str) -> list[str]:
    """The warnings a review form carries along (as `{prefix}warning` fields), so a page shown
    again after a refused save still says what the reading noticed; bounded, as any field."""
    found = form.getlist(f"{prefix}warning")[:WARNINGS_MAX]
    return [w.strip()[:WARNING_CHARS] for w in found if w.strip()]


def event_from_form(values: EventForm, *, parent_title: str | None = None) -> Event:
    """The event the form describes; InvalidEventError names the first field that is wrong.
    A day with no start time is all day only when the box says so; else its time is to be
    announced. Long as the form is wide: each box read once, in the order the form shows."""
    check_boxes(values)
    zone_name = read_zone(values.timezone)
    first_day = _date(values.start_date, gettext("Start date"), required=True)
    assert first_day is not None
    end_day = _date(values.end_date, gettext("End date"))
    if values.all_day and values.start_time:
        raise InvalidEventError(
            gettext("An all-day event has no start time: clear the time or untick “All day”")
        )
    all_day = not values.start_time
    when = LocalWhen(
        first_day,
        zone_name,
        start=None if all_day else _time(values.start_time, gettext("Start time")),
        end_day=end_day,
        end=_time(values.end_time, gettext("End time"))
        if values.end_time and not all_day
        else None,
        fold=CLOCK_PASSES[values.clock_pass],
    )
    start, end = _instants(when)
    attendance = _attendance(values)
    links = []
    if values.url:
        check_link(values.url)
        links.append(Link(values.url, LinkKind.EVENT_PAGE))
    if values.join_url:
        check_link(values.join_url)
        links.append(Link(values.join_url, LinkKind.ONLINE, "Join online"))
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
        organiser=" ".join(values.organiser.split()),
        cover_alt=" ".join(values.cover_alt.split()),
        show_source=values.show_source,
        online=attendance is not Attendance.IN_PERSON,
        attendance=attendance,
        recurrence=values.rule(zone_name) or None,
        status=EventStatus.CONFIRMED,
        parent=FestivalNamed(parent_title) if parent_title else None,
    )


def edit_from_form(values: EventForm) -> EventEdit:
    """The change the edit form makes: its fields, the organiser's name, whether the
    announcement is shown and the cover's description included (a calendar's re-import
    states none of the last three but the organiser)."""
    event = event_from_form(values)
    return EventEdit.of(
        event,
        organiser=event.organiser,
        show_source=event.show_source,
        cover_alt=event.cover_alt,
    )


def _attendance(values: EventForm) -> Attendance:
    try:
        attendance = Attendance(values.attendance)
    except ValueError:
        raise InvalidEventError(gettext("How people attend: in person, online or hybrid")) from None
    if values.join_url and attendance is Attendance.IN_PERSON:
        raise InvalidEventError(
            gettext(
                "A join link is for an event people attend online: choose “Online” or “Hybrid”, "
                "or clear the join link"
            )
        )
    return attendance


def _instants(when: LocalWhen) -> tuple[datetime, datetime | None]:
    """The instants the form's boxes give: a time the clocks skip is refused, and one they
    repeat until the person says which pass is meant (the two are an hour apart)."""
    try:
        return when.instants()
    except UnclearWallTimeError as unclear:
        if unclear.change is ClockChange.REPEATED:
            raise InvalidEventError(
                f"{unclear.label}: {unclear.describe()}: choose the first or the second in "
                "“Which pass”"
            ) from unclear
        raise InvalidEventError(f"{unclear.label}: {unclear.describe()}") from unclear


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _parts(line: str, count: int) -> list[str]:
    parts = [p.strip() for p in line.split(";")]
    return (parts + [""] * count)[:count]


def _date(value: str, label: str, required: bool = False) -> date | None:
    if not value:
        if required:
            raise InvalidEventError(gettext("%(label)s is required", label=label))
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidEventError(
            gettext("%(label)s must be a date, YYYY-MM-DD", label=label)
        ) from exc
    check_calendar_date(day, label)
    return day


def _whole(value: str, label: str, *, signed: bool = False) -> int:
    pattern = r"-?\d{1,4}" if signed else r"\d{1,4}"
    if not re.fullmatch(pattern, value):
        raise InvalidEventError(gettext("%(label)s must be a whole number", label=label))
    return int(value)


def _time(value: str, label: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError as exc:
        raise InvalidEventError(
            gettext("%(label)s must be a time of day, HH:MM (00:00 to 23:59)", label=label)
        ) from exc
