"""The records the service is about, as plain data: no Flask, no database, standard library only.

Instants are always time-zone aware and held in UTC; `timezone` names the IANA zone the event
was announced in, which is where its local times are shown.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .lexicon.people import is_post_nominal


class EventStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class LinkKind(enum.StrEnum):
    EVENT_PAGE = "event_page"
    TICKETS = "tickets"
    ONLINE = "online"
    OTHER = "other"


class Attendance(enum.StrEnum):
    """How people take part: at a venue, online (through the join link), or either."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


def attendance_of(attendance: Attendance | None, online: bool, has_venues: bool) -> Attendance:
    """The attendance an event states, or else what its online flag and venues imply (events
    stored before the choice existed, and readings of text and calendars that say only
    "online"): online with a venue is hybrid."""
    if attendance is not None:
        return attendance
    if online:
        return Attendance.HYBRID if has_venues else Attendance.ONLINE
    return Attendance.IN_PERSON


class Role(enum.StrEnum):
    ADMIN = "admin"
    ORGANISER = "organiser"


@dataclass(frozen=True)
class User:
    id: int
    email: str
    role: Role
    disabled: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def may_edit(self, event: Event) -> bool:
        """Admins edit every event; organisers edit their own."""
        return self.is_admin or (event.owner_id is not None and event.owner_id == self.id)


@dataclass
class Venue:
    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    slug: str = ""
    id: int | None = None

    def one_line(self) -> str:
        """Name and address on one line, as a calendar's LOCATION wants it."""
        parts = [self.name, self.address, self.city, self.postcode]
        seen: list[str] = []
        for part in parts:
            if part and part not in seen:
                seen.append(part)
        return ", ".join(seen)


@dataclass
class Person:
    name: str
    honorific: str = ""
    affiliation: str = ""
    slug: str = ""
    id: int | None = None

    def display_name(self) -> str:
        """'Dr Maria Chen', 'John McDonnell MP': prefix titles before, post-nominals after."""
        if not self.honorific:
            return self.name
        if is_post_nominal(self.honorific):
            return f"{self.name} {self.honorific}"
        return f"{self.honorific} {self.name}"


@dataclass
class Link:
    url: str
    kind: LinkKind = LinkKind.OTHER
    label: str = ""
    price: str = ""


@dataclass(frozen=True)
class Picture:
    """A stored cover image, named by the SHA-256 of its bytes (so its address never changes
    and may be cached for ever); the bytes themselves are served, never carried here."""

    digest: str
    width: int
    height: int


@dataclass
class EventSummary:
    """Enough of another event to link to it: a parent festival or one of its sessions."""

    id: int
    slug: str
    title: str
    uid: str
    start: datetime
    timezone: str
    all_day: bool = False
    status: EventStatus = EventStatus.CONFIRMED
    venues: list[Venue] = field(default_factory=list)
    time_tba: bool = False


@dataclass(frozen=True)
class FestivalNamed:
    """The festival of a session that is not stored yet, named by its title: the festival comes
    earlier in the same batch (one announcement's drafts, one review form) and is stored first.
    A stored event's festival is an EventSummary."""

    title: str


@dataclass
class EventDetails:
    """What an event says of itself, and so what an edit states in full (see EventEdit):
    when and where, who speaks, its links and tags. Instants are aware. `all_day` means it
    has days but no clock times (so a calendar carries it as dates); `time_tba`, only with
    `all_day`, that its times are not known yet, as opposed to an event that really runs
    all day."""

    title: str
    start: datetime
    timezone: str
    end: datetime | None = None
    all_day: bool = False
    time_tba: bool = False
    description: str = ""
    venues: list[Venue] = field(default_factory=list)
    speakers: list[Person] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    online: bool = False
    attendance: Attendance | None = None  # None: read from `online` and the venues
    recurrence: str | None = None


@dataclass
class Event(EventDetails):
    """An event: its details, and what the site keeps of it besides (identity, page address,
    owner, publication, status, festival, the text it was read from)."""

    status: EventStatus = EventStatus.CONFIRMED
    published: bool = False
    organiser: str = ""
    source_text: str = ""
    show_source: bool = False  # the organiser chose to show `source_text` on the event's page
    cover: Picture | None = None
    cover_alt: str = ""  # what the cover shows, for those who cannot see it; "": the title
    imported_as: str = ""  # what the source calendar said at the last import (JSON)
    parent: EventSummary | FestivalNamed | None = None
    sessions: list[EventSummary] = field(default_factory=list)
    slug: str = ""
    uid: str = ""
    sequence: int = 0
    revision: int = 0
    owner_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime | None:
        return self.end.astimezone(self.zone) if self.end else None

    @property
    def local_when(self) -> LocalWhen:
        return LocalWhen.of_instants(self.start, self.end, self.timezone, all_day=self.all_day)

    @property
    def first_day(self) -> date:
        return self.local_start.date()

    @property
    def last_day(self) -> date:
        """The last calendar day the event touches; all-day ends are exclusive, so step back."""
        end = self.local_end
        if end is None:
            return self.first_day
        if self.all_day or (end.time() == end.time().min and end.date() > self.first_day):
            return end.date() - timedelta(days=1)
        return end.date()

    def is_past(self, now: datetime) -> bool:
        return (self.end or self.start) < now

    @property
    def cover_text(self) -> str:
        """The cover's text alternative: the organiser's description of it, else the title
        (a cover without one is at least named for what it advertises)."""
        return self.cover_alt or self.title

    def tickets(self) -> list[Link]:
        return [link for link in self.links if link.kind == LinkKind.TICKETS]

    @property
    def attendance_mode(self) -> Attendance:
        return attendance_of(self.attendance, self.online, bool(self.venues))

    @property
    def join_link(self) -> str | None:
        """Where to join online: the online link, else the event page."""
        online = [link.url for link in self.links if link.kind == LinkKind.ONLINE]
        page = [link.url for link in self.links if link.kind == LinkKind.EVENT_PAGE]
        return next(iter(online + page), None)


STATED_IN_AN_EDIT = ("organiser", "status", "show_source", "cover", "cover_alt")


@dataclass
class EventEdit(EventDetails):
    """What an edit may change on a stored event, and nothing more: the organiser's form and a
    calendar's re-import each say their change as one of these, and the use cases apply it to
    the event as it is under the row lock. Everything else (its id, UID and page address, who
    owns it, whether it is published, its festival, the text it was read from, what the last
    import said) is kept, or changed by a use case of its own (publish, cancel, restore).

    `organiser`, `status` and `show_source` are None when the edit leaves them as they are:
    the form states the organiser and whether the pasted text is shown but not the status
    (cancelling is a button of its own), while a calendar states the organiser and status.
    A value like any other, though not frozen: a frozen dataclass cannot share the fields of
    the (mutable) Event's details."""

    organiser: str | None = None
    status: EventStatus | None = None
    show_source: bool | None = None
    cover: Picture | None = None  # a new cover; None keeps the one there is
    cover_alt: str | None = None  # None keeps the description there is
    remove_cover: bool = False

    @classmethod
    def of(cls, event: Event, **stated: object) -> EventEdit:
        """The editable fields of `event` (a form's or a calendar's reading), with `stated`
        giving `organiser`, `status` or `show_source` where the source says them."""
        details = {f.name: getattr(event, f.name) for f in fields(EventDetails)}
        return cls(**details, **stated)  # type: ignore[arg-type]

    def applied_to(self, event: Event) -> Event:
        changes = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in STATED_IN_AN_EDIT:
            if changes[name] is None:
                del changes[name]
        if changes.pop("remove_cover"):
            changes["cover"] = None
        return replace(event, **changes)


@dataclass(frozen=True)
class EventFilter:
    """Which events a listing or feed shows. Instants are aware; `text` is matched word by word."""

    ends_after: datetime | None = None
    ends_before: datetime | None = None
    starts_before: datetime | None = None
    venue: str | None = None
    speaker: str | None = None
    tag: str | None = None
    series: str | None = None
    text: str | None = None
    include_drafts: bool = False
    only_drafts: bool = False
    owner_id: int | None = None

    def words(self) -> list[str]:
        return [w for w in (self.text or "").split() if w][:10]


CALENDAR_FIELDS = (
    "title",
    "start",
    "end",
    "timezone",
    "all_day",
    "status",
    "description",
    "recurrence",
    "online",
    "attendance",
    "organiser",
    "tags",
)


def calendar_changed(before: Event, after: Event) -> bool:
    """Whether a subscriber's calendar would show a difference, so SEQUENCE must go up."""
    if any(getattr(before, name) != getattr(after, name) for name in CALENDAR_FIELDS):
        return True
    if [v.one_line() for v in before.venues] != [v.one_line() for v in after.venues]:
        return True
    if [p.display_name() for p in before.speakers] != [p.display_name() for p in after.speakers]:
        return True
    if (before.parent and before.parent.uid) != (after.parent and after.parent.uid):
        return True
    return [(link.url, link.kind, link.label, link.price) for link in before.links] != [
        (link.url, link.kind, link.label, link.price) for link in after.links
    ]


TITLE_MAX = 300
DESCRIPTION_MAX = 20_000
NAME_MAX = 300
ADDRESS_MAX = 500
POSTCODE_MAX = 20
CITY_MAX = 120
HONORIFIC_MAX = 40
VENUES_PER_EVENT = 20
SPEAKERS_PER_EVENT = 100
URL_MAX = 2000
LINK_TEXT_MAX = 200
TAG_MAX = 50
TAGS_PER_EVENT = 20
RECURRENCE_MAX = 500
COVER_ALT_MAX = 250
PASTE_MAX = 200_000
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


class InvalidEventError(ValueError):
    """An event that must not be stored; the message is written for the person who entered it."""


class UnknownTimeZoneError(InvalidEventError):
    """A zone name the tz database does not know: a bad request rather than a bad event."""


class InvalidEntryError(ValueError):
    """A shared venue or speaker (the directory events link to) that must not be stored, as
    an admin edits it; within an event the same fault makes the event invalid."""


class InvalidVenueError(InvalidEntryError):
    """A venue that must not be stored; the message names the field."""


class InvalidPersonError(InvalidEntryError):
    """A speaker or performer that must not be stored; the message names the field."""


# Local time: when an event is, as people write it, and the instants that means. The one place
# for the overnight rule and for wall times the clocks skip or repeat; the parser's warnings,
# the organiser's form, the draft conversion and the calendar import all read times through it.

OVERNIGHT_UNTIL = time(6, 0)
"""An end clock before this, earlier than the start on the same day and with no end day given,
is the small hours of the next day (a gig from 8pm to 1am); a later one is a slip."""


class ClockChange(enum.Enum):
    """What a zone's clock does at a wall time: shows it once, skips it (the gap when the
    clocks go forward) or shows it twice (the hour they go back through)."""

    NONE = "none"
    SKIPPED = "skipped"
    REPEATED = "repeated"


def clock_change(wall: datetime, zone: str) -> ClockChange:
    """PEP 495: the two folds of a wall time differ in offset only in a gap (the earlier
    offset reads it first) or in a repeated hour (the first pass has the larger offset)."""
    first, second = (wall.replace(tzinfo=ZoneInfo(zone), fold=f) for f in (0, 1))
    if first.utcoffset() == second.utcoffset():
        return ClockChange.NONE
    return ClockChange.REPEATED if first.utcoffset() > second.utcoffset() else ClockChange.SKIPPED


def as_written(wall: datetime, zone: str) -> datetime:
    """The UTC instant RFC 5545 gives a wall time: a repeated one its first pass, a skipped
    one the offset before the gap (01:30 on London's spring night is 02:30 BST). For times
    already written down (a parsed text, an imported calendar), where nobody can be asked."""
    return wall.replace(tzinfo=ZoneInfo(zone), fold=0).astimezone(UTC)


class EndBeforeStartError(InvalidEventError):
    """An end clock earlier than the start on the same day that the overnight rule does not
    take into the next day."""

    def __init__(self, start: time, end: time) -> None:
        super().__init__(
            f"The end ({end:%H:%M}) is before the start ({start:%H:%M}); "
            "for an event that runs overnight, give the end date too"
        )
        self.start, self.end = start, end

    def __reduce__(self):  # so it crosses a process boundary (the import reads in a child)
        return type(self), (self.start, self.end)


class UnclearWallTimeError(InvalidEventError):
    """A wall time the clocks skip or repeat, refused by a strict conversion; `label` says
    which of the event's times it is ("Start" or "End")."""

    def __init__(self, label: str, wall: datetime, zone: str, change: ClockChange) -> None:
        self.label, self.wall, self.zone, self.change = label, wall, zone, change
        super().__init__(self.describe())

    def __reduce__(self):
        return type(self), (self.label, self.wall, self.zone, self.change)

    def describe(self) -> str:
        when = f"{self.wall:%H:%M} on {self.wall:%-d %B %Y}"
        if self.change is ClockChange.SKIPPED:
            return f"{when} does not exist in {self.zone} (the clocks go forward then)"
        return f"{when} happens twice in {self.zone} (the clocks go back then)"


@dataclass(frozen=True)
class LocalWhen:
    """A day, a start clock or none (a day without a time), an end day or none (not given),
    an end clock or none, in an IANA zone; `fold` says which pass of a repeated hour is meant
    (0 the first, 1 the second, None not said).

    An end day of None is not the same as the start's day given again: only an end with no
    day of its own is moved past midnight by the overnight rule."""

    day: date
    zone: str
    start: time | None = None
    end_day: date | None = None
    end: time | None = None
    fold: int | None = None

    @classmethod
    def of(cls, start: date | datetime, end: date | datetime | None, zone: str) -> LocalWhen:
        """From resolved wall values, as a draft holds them: a date where no clock is known,
        a naive datetime otherwise. The end's day is taken as given, so no rule moves it."""
        if not isinstance(start, datetime):
            last = end.date() if isinstance(end, datetime) else end
            return cls(start, zone, end_day=last if last and last != start else None)
        if isinstance(end, datetime):
            return cls(start.date(), zone, start.time(), end.date(), end.time())
        return cls(start.date(), zone, start.time(), end_day=end)

    @classmethod
    def of_instants(
        cls, start: datetime, end: datetime | None, zone: str, *, all_day: bool
    ) -> LocalWhen:
        """A stored event's times read back on its zone's clock, with the pass they are in
        where either falls in a repeated hour (an all-day end is the midnight after)."""
        local_start = start.astimezone(ZoneInfo(zone))
        local_end = end.astimezone(ZoneInfo(zone)) if end else None
        if all_day:
            last = local_end.date() - timedelta(days=1) if local_end else local_start.date()
            return cls(
                local_start.date(), zone, end_day=last if last > local_start.date() else None
            )
        walls = [t for t in (local_start, local_end) if t is not None]
        repeated = [
            t for t in walls if clock_change(t.replace(tzinfo=None), zone) is ClockChange.REPEATED
        ]
        return cls(
            local_start.date(),
            zone,
            local_start.time(),
            local_end.date() if local_end else None,
            local_end.time() if local_end else None,
            fold=max(t.fold for t in repeated) if repeated else None,
        )

    def as_values(self) -> tuple[date | datetime, date | datetime | None]:
        """The inverse of `of`: the start and end as a draft holds them, a day without a
        time as a date (its end the last day, None for a single day)."""
        if self.start is None:
            return self.day, self.end_day if self.end_day and self.end_day != self.day else None
        start = datetime.combine(self.day, self.start)
        return start, self.end_wall if self.end is not None else self.end_day

    @property
    def all_day(self) -> bool:
        return self.start is None

    @property
    def last_day(self) -> date:
        return self.end_day or self.day

    @property
    def start_wall(self) -> datetime | None:
        return datetime.combine(self.day, self.start) if self.start is not None else None

    @property
    def end_wall(self) -> datetime | None:
        """The end on the wall clock, in the small hours of the next day by the overnight
        rule; EndBeforeStartError where that rule does not save an end before the start."""
        if self.start is None or self.end is None:
            return None
        end = datetime.combine(self.last_day, self.end)
        start = datetime.combine(self.day, self.start)
        if end > start or self.end_day is not None:
            return end
        if self.end < OVERNIGHT_UNTIL:
            return end + timedelta(days=1)
        raise EndBeforeStartError(self.start, self.end)

    def clock_changes(self) -> list[tuple[str, datetime, ClockChange]]:
        """The start and end wall times the zone's clock skips or repeats, labelled."""
        walls = [("Start", self.start_wall)]
        with contextlib.suppress(EndBeforeStartError):  # an end left out has no clock to ask
            walls.append(("End", self.end_wall))
        found = []
        for label, wall in walls:
            change = clock_change(wall, self.zone) if wall is not None else ClockChange.NONE
            if change is not ClockChange.NONE:
                found.append((label, wall, change))
        return found

    def instants(self, *, strict: bool = True) -> tuple[datetime, datetime | None]:
        """The UTC instants: a day without a time runs from its midnight to the midnight after
        the last day. Strict, a wall time the clocks skip is refused, and one they repeat
        unless `fold` says which pass (UnclearWallTimeError); else they are read as written."""
        if self.start is None:
            return self._midnight(self.day), self._midnight(self.last_day + timedelta(days=1))
        start = self._instant("Start", datetime.combine(self.day, self.start), strict)
        end = self.end_wall
        return start, self._instant("End", end, strict) if end is not None else None

    def _instant(self, label: str, wall: datetime, strict: bool) -> datetime:
        if not strict:
            return as_written(wall, self.zone)
        change = clock_change(wall, self.zone)
        if change is ClockChange.SKIPPED or (change is ClockChange.REPEATED and self.fold is None):
            raise UnclearWallTimeError(label, wall, self.zone, change)
        return wall.replace(tzinfo=ZoneInfo(self.zone), fold=self.fold or 0).astimezone(UTC)

    def _midnight(self, day: date) -> datetime:
        return as_written(datetime.combine(day, time()), self.zone)


def check_event(event: Event) -> None:
    """Raise InvalidEventError naming the first thing wrong with the event."""
    if not event.title.strip():
        raise InvalidEventError("Title is required")
    _check_length("Title", event.title, TITLE_MAX)
    _check_length("Description", event.description, DESCRIPTION_MAX)
    _check_length("Organiser", event.organiser, NAME_MAX)
    _check_length("Cover image description", event.cover_alt, COVER_ALT_MAX)
    check_paste(event.source_text)
    _check_storable(
        event.title, event.description, event.organiser, event.cover_alt, event.source_text
    )
    if not known_zone(event.timezone):
        raise UnknownTimeZoneError(f"Unknown time zone: {event.timezone!r}")
    if event.start.tzinfo is None or (event.end is not None and event.end.tzinfo is None):
        raise InvalidEventError("Start and end must carry a time zone")
    check_calendar_date(event.start.date(), "The start")
    if event.end is not None:
        check_calendar_date(event.end.date(), "The end")
    if event.end is not None and event.end < event.start:
        raise InvalidEventError("The end must not be before the start")
    if len(event.venues) > VENUES_PER_EVENT:
        raise InvalidEventError(f"Too many venues: at most {VENUES_PER_EVENT} per event")
    if len(event.speakers) > SPEAKERS_PER_EVENT:
        raise InvalidEventError(f"Too many speakers: at most {SPEAKERS_PER_EVENT} per event")
    try:
        for venue in event.venues:
            check_venue(venue)
        for person in event.speakers:
            check_person(person)
    except InvalidEntryError as exc:
        raise InvalidEventError(str(exc)) from exc
    for link in event.links:
        check_link(link.url)
        _check_length("Link label", link.label, LINK_TEXT_MAX)
        _check_length("Price", link.price, LINK_TEXT_MAX)
    _check_length("Repeat rule", event.recurrence or "", RECURRENCE_MAX)
    check_tags(event.tags)


class TextTooLongError(InvalidEventError):
    """More text than a person pastes: refused before anything reads it."""


def check_paste(text: str) -> None:
    """An announcement is what a person pastes: a page or a programme, not a book. The bound
    keeps one request from holding a worker for seconds and the store from filling up."""
    if len(text) > PASTE_MAX:
        raise TextTooLongError(
            f"The text is too long: at most {PASTE_MAX:,} characters (about 200 KB). "
            "Paste the part that announces the events."
        )


def check_calendar_date(day: date, label: str) -> None:
    """Refuse a day calendars cannot carry: every entry (form, import, parser, API) passes
    through here, so no year 1 or year 9999 reaches a feed, where building the time zone's
    rules for it fails (and would take the whole feed with it)."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise InvalidEventError(
            f"{label} must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}"
        )


def check_tags(tags: list[str]) -> None:
    """A bounded number of short tags, so one event cannot make every listing heavy."""
    if len(tags) > TAGS_PER_EVENT:
        raise InvalidEventError(f"Too many tags: at most {TAGS_PER_EVENT} per event")
    for tag in tags:
        _check_length("Tag", tag, TAG_MAX)
        _check_storable(tag)


NOT_ZONE_NAMES = frozenset({"localtime", "posixrules", "Factory"})


def known_zone(name: str) -> bool:
    """Whether `name` is one of the tz database's zones. `ZoneInfo` opens any file under the
    zone directory, so it also takes `localtime` (this machine's own setting), `posixrules` (a
    template) and `Factory` (a placeholder): names no calendar client or browser knows, which
    broke the embed widget for the whole site."""
    return name in _zone_names()


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) - NOT_ZONE_NAMES


def check_venue(venue: Venue) -> None:
    if not venue.name.strip():
        raise InvalidVenueError("Every venue needs a name")
    _check_length("Venue name", venue.name, NAME_MAX, InvalidVenueError)
    _check_length("Address", venue.address, ADDRESS_MAX, InvalidVenueError)
    _check_length("Postcode", venue.postcode, POSTCODE_MAX, InvalidVenueError)
    _check_length("City", venue.city, CITY_MAX, InvalidVenueError)
    _check_storable(venue.name, venue.address, venue.postcode, venue.city, error=InvalidVenueError)
    if venue.latitude is not None and not -90 <= venue.latitude <= 90:
        raise InvalidVenueError("Latitude must be between -90 and 90")
    if venue.longitude is not None and not -180 <= venue.longitude <= 180:
        raise InvalidVenueError("Longitude must be between -180 and 180")
    if (venue.latitude is None) != (venue.longitude is None):
        raise InvalidVenueError("Give both the latitude and the longitude, or neither")


def check_person(person: Person) -> None:
    if not person.name.strip():
        raise InvalidPersonError("Every speaker needs a name")
    _check_length("Speaker name", person.name, NAME_MAX, InvalidPersonError)
    _check_length("Title or post-nominal", person.honorific, HONORIFIC_MAX, InvalidPersonError)
    _check_length("Affiliation", person.affiliation, NAME_MAX, InvalidPersonError)
    _check_storable(person.name, person.honorific, person.affiliation, error=InvalidPersonError)


def check_link(url: str) -> None:
    if not re.match(r"https?://[^\s/]", url, flags=re.IGNORECASE):
        raise InvalidEventError("Link must start with http:// or https://")
    _check_length("Link", url, URL_MAX)


def _check_storable(*texts: str, error: type[ValueError] = InvalidEventError) -> None:
    """No NUL: PostgreSQL cannot store one (SQLite would). The web edge refuses it first;
    this is the guard for every other way in (an import, an e-mail, the command line)."""
    if any("\x00" in text for text in texts):
        raise error("Text must not contain NUL characters")


def _check_length(
    label: str, text: str, limit: int, error: type[ValueError] = InvalidEventError
) -> None:
    if len(text) > limit:
        raise error(f"{label} is too long: at most {limit:,} characters")


# Latin letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ħ": "h",
        "Ħ": "H",
        "ı": "i",
        "ŋ": "ng",
        "Ŋ": "NG",
        "ß": "ss",
    }
)


def _folded(text: str) -> str:
    """Accents and marks stripped, Latin letters reduced to their base; other scripts kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _search_folding() -> dict[int, str]:
    """Each accented Latin letter (and each capital) to the one lower-case letter it is read
    as: "É" and "é" to "e", "Ø" to "o". One letter for one, so a folded text keeps its length
    and its offsets (a search mark found in the folded text wraps the original letters), and
    the table can be handed to SQL's translate(). Letters that read as two ("ß", "æ") keep
    their own."""
    table = {}
    for code in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        base = _folded(letter).lower()
        if len(base) == 1 and base.isascii() and base.isalpha() and base != letter:
            table[code] = base
    return table


SEARCH_FOLDING = _search_folding()


def search_folded(text: str) -> str:
    """What a search compares: the text with accents and case gone ("CAFÉ" reads "cafe"),
    letter for letter. SQLite and PostgreSQL fold the stored text with the same table
    (store.folding), so a word matches alike on either."""
    return text.translate(SEARCH_FOLDING).lower()


def match_key(name: str) -> str:
    """What two spellings of one venue's or person's name share: case-folded, accents and
    punctuation gone, spaces collapsed. "José Müller-Østergaard" and "jose muller ostergaard"
    are one person; the key is computed here and stored, so SQLite and PostgreSQL agree."""
    folded = _folded(name).casefold().translate(_APOSTROPHES)
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


# "Labour's", "O’Brien": an apostrophe joins a word rather than splitting it.
_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘ʼ`´", None))


def slugify(text: str, max_length: int = 80) -> str:
    """A readable address part: Latin letters reduced to ASCII, words in other scripts kept as
    they are (browsers show them; links carry them percent-encoded). A long one ends at the
    last whole word that fits; only a single word longer than the limit is cut."""
    slug = "-".join(match_key(text).split())
    if len(slug) > max_length:
        whole = slug[: max_length + 1].rsplit("-", 1)[0]
        slug = whole if "-" in slug[: max_length + 1] else slug[:max_length]
    return slug.strip("-") or "event"


@dataclass
class Suggestion:
    """A detail an organiser gave for a shared venue or person that differs from what is
    stored: it changes nothing until an admin accepts it."""

    id: int
    kind: str
    target_id: int
    target_name: str
    changes: dict[str, object]
    suggested_by: str
    created_at: datetime
