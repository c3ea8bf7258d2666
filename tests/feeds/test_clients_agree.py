"""The site's feeds read by independent parsers: Python's icalendar (with recurring-ical-events
to expand repeats), the strict `ical` package, vobject, Mozilla's ical.js (Thunderbird's) and
node-ical.
They must all see every occurrence of every event at the instant that was stored: over seven
years, in zones of both hemispheres (Lord Howe Island's clocks move half an hour), on the
nights the clocks change (the repeated hour included), for the site feed, filtered feeds, the
feeds of a venue, a speaker and a festival, each event's own file, and weekly and monthly
repeats that cross many clock changes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject
from dateutil.rrule import rrulestr
from ical.calendar_stream import IcsCalendarStream

from events_app.domain import Event, Person, Venue
from tests.builders import child_of, event

ROOT = Path(__file__).resolve().parents[2]
ICALJS = Path(__file__).with_name("icaljs_events.mjs")
NODEICAL = Path(__file__).with_name("nodeical_events.mjs")
YEARS = range(2024, 2031)
ZONES = (
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "America/Santiago",
)
Occurrences = dict[str, list[tuple[object, object]]]


def instant(value) -> object:
    if value is None:
        return None
    if isinstance(value, datetime):
        return int(value.astimezone(UTC).timestamp())
    return value.isoformat()


def _sorted(found: dict[str, list]) -> Occurrences:
    return {uid: sorted(pairs, key=str) for uid, pairs in found.items()}


def read_with_icalendar(body: bytes) -> Occurrences:
    """icalendar reads the file; recurring-ical-events (by its maintainers) expands repeats."""
    calendar = icalendar.Calendar.from_ical(body)
    ended = {str(v["UID"]) for v in calendar.walk("VEVENT") if "DTEND" in v or "DURATION" in v}
    found: dict[str, list] = {}
    for component in recurring_ical_events.of(calendar).all():
        end = instant(component.end) if str(component["UID"]) in ended else None
        found.setdefault(str(component["UID"]), []).append((instant(component.start), end))
    return _sorted(found)


def read_with_ical(body: bytes) -> Occurrences:
    calendar = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    found: dict[str, list] = {}
    for item in calendar.timeline:
        ends = item.dtend is not None or item.duration is not None
        found.setdefault(item.uid, []).append(
            (instant(item.dtstart), instant(item.end) if ends else None)
        )
    return _sorted(found)


def read_with_vobject(body: bytes) -> Occurrences:
    """vobject reads the file and steps each rule (getrruleset); like any client built on it,
    this puts an occurrence that a RECURRENCE-ID moves where its override says."""
    calendar = vobject.readOne(body.decode("utf-8"))
    masters, moved = {}, {}
    for vevent in calendar.contents.get("vevent", []):
        if hasattr(vevent, "recurrence_id"):
            moved.setdefault(vevent.uid.value, []).append(vevent)
        else:
            masters[vevent.uid.value] = vevent
    found: dict[str, list] = {}
    for uid, vevent in masters.items():
        start, length = vevent.dtstart.value, _vobject_length(vevent)
        starts = list(vevent.getrruleset()) if hasattr(vevent, "rrule") else [start]
        pairs = {s: (s, s + length if length is not None else None) for s in starts}
        for override in moved.get(uid, []):
            pairs.pop(override.recurrence_id.value, None)
            begins, lasts = override.dtstart.value, _vobject_length(override)
            pairs[begins] = (begins, begins + lasts if lasts is not None else None)
        found[uid] = [(instant(s), instant(e)) for s, e in pairs.values()]
    return _sorted(found)


def _vobject_length(vevent) -> timedelta | None:
    if hasattr(vevent, "duration"):
        return vevent.duration.value
    if hasattr(vevent, "dtend"):
        return vevent.dtend.value - vevent.dtstart.value
    return None


def read_with_node(script: Path, package: str, bodies: list[bytes], tmp_path: Path):
    """Each feed as a JavaScript parser reads it: ical.js (Thunderbird's) or node-ical."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / package).exists():
        message = f"Node.js and {package} (npm ci) are needed to read feeds as it does"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    paths = []
    for n, body in enumerate(bodies):
        paths.append(tmp_path / f"feed-{n}.ics")
        paths[-1].write_bytes(body)
    done = subprocess.run(
        [node, str(script), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    read = json.loads(done.stdout)
    return [
        _sorted({uid: [tuple(p) for p in pairs] for uid, pairs in read[str(path)].items()})
        for path in paths
    ]


def read_with_icaljs(bodies: list[bytes], tmp_path: Path) -> list[Occurrences]:
    return read_with_node(ICALJS, "ical.js", bodies, tmp_path)


def read_with_nodeical(bodies: list[bytes], tmp_path: Path) -> list[Occurrences]:
    return read_with_node(NODEICAL, "node-ical", bodies, tmp_path)


PYTHON_READERS: dict[str, Callable[[bytes], Occurrences]] = {
    "icalendar": read_with_icalendar,
    "ical": read_with_ical,
    "vobject": read_with_vobject,
}


def transition_days(zone: ZoneInfo, year: int) -> list[date]:
    """The days of the year on which the zone's offset changes, found by asking zoneinfo."""
    days = []
    day = date(year, 1, 1)
    while day.year == year:
        before = datetime.combine(day, time(0), tzinfo=zone).utcoffset()
        after = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).utcoffset()
        if before != after:
            days.append(day)
        day += timedelta(days=1)
    return days


def repeated_wall_times(day: date, zone: ZoneInfo) -> list[datetime]:
    """Half past the hour that the clock shows twice on that day, read both ways."""
    for hour in range(24):
        first, second = (
            datetime.combine(day, time(hour, 30, fold=fold), tzinfo=zone) for fold in (0, 1)
        )
        if first.utcoffset() > second.utcoffset():
            return [first, second]
    return []


def unclear_wall_times(zone: ZoneInfo, year: int) -> list[datetime]:
    """A wall time the clock skips and one it shows twice in that year (fold 0), the first
    of each kind, looked for at a quarter past and to each hour (Lord Howe Island's clocks
    move half an hour)."""
    found = {}
    for day in transition_days(zone, year):
        for hour, minute in ((h, m) for h in range(24) for m in (15, 45)):
            wall = datetime.combine(day, time(hour, minute), tzinfo=zone)
            first, second = wall.replace(fold=0).utcoffset(), wall.replace(fold=1).utcoffset()
            if first != second:
                found.setdefault(first > second, wall)
                break
    return list(found.values())


def events_in(zone_name: str) -> list[Event]:
    """For each year: a winter and a summer evening, and on each day the clocks change the
    night before, after, and the repeated wall time read both ways."""
    zone = ZoneInfo(zone_name)
    hall = Venue(f"Hall in {zone_name}")
    speaker = Person(f"Speaker of {zone_name}")
    made = []

    def add(title: str, start: datetime, **fields) -> None:
        fields.setdefault("end", start + timedelta(hours=2))
        made.append(
            event(
                f"{title} ({zone_name})",
                start=start,
                timezone=zone_name,
                venues=[hall],
                speakers=[speaker],
                **fields,
            )
        )

    for year in YEARS:
        add(f"January {year}", datetime(year, 1, 15, 18, 0, tzinfo=zone))
        add(f"July {year}", datetime(year, 7, 15, 18, 0, tzinfo=zone))
        for day in transition_days(zone, year):
            add(f"Eve of {day}", datetime.combine(day, time(0, 30), tzinfo=zone), end=None)
            add(f"Morning of {day}", datetime.combine(day, time(4, 0), tzinfo=zone), end=None)
            for wall in repeated_wall_times(day, zone):
                start = wall.astimezone(UTC)
                add(f"Repeated hour {wall.fold} of {day}", start, end=start + timedelta(hours=1))
    add(
        "Weekly club",
        datetime(2025, 1, 7, 19, 0, tzinfo=zone),
        recurrence="FREQ=WEEKLY;BYDAY=TU;COUNT=120",
    )
    add(
        "Monthly forum",
        datetime(2024, 2, 3, 10, 30, tzinfo=zone),
        recurrence="FREQ=MONTHLY;BYMONTHDAY=3;COUNT=80",
    )
    for wall in unclear_wall_times(zone, 2025):
        # Weekly from a clear night two weeks before, meeting that wall time in 2025 and 2026.
        add(
            f"Weekly at {wall:%H:%M} of {wall:%d %B}",
            (wall - timedelta(weeks=2)).astimezone(UTC),
            end=(wall - timedelta(weeks=2)).astimezone(UTC) + timedelta(hours=1),
            recurrence="FREQ=WEEKLY;COUNT=60",
        )
    fall_back = [d for d in transition_days(zone, 2026) if repeated_wall_times(d, zone)]
    for day in fall_back[:1]:
        # Weekly from the second pass of a repeated hour, as an organiser may choose it.
        start = repeated_wall_times(day, zone)[1].astimezone(UTC)
        add(
            "Weekly from the repeated hour",
            start,
            end=start + timedelta(minutes=45),
            recurrence="FREQ=WEEKLY;COUNT=30",
        )
    add(
        "Festival day",
        datetime(2026, 2, 1, tzinfo=zone),
        end=datetime(2026, 2, 4, tzinfo=zone),
        all_day=True,
    )
    return made


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """What is checked here is rendering, the same on either database; SQLite alone keeps
    this several-hundred-event test quick."""
    return sqlite_url


def site_events() -> list[Event]:
    festival = event(
        "Winter festival",
        start=datetime(2027, 1, 10, 10, 0, tzinfo=ZoneInfo("Europe/London")),
        end=datetime(2027, 1, 12, 18, 0, tzinfo=ZoneInfo("Europe/London")),
    )
    sessions = [
        event(
            f"Festival session {n}",
            start=datetime(2027, 1, 10 + n, 11, 0, tzinfo=ZoneInfo("Europe/London")),
            parent=child_of("Winter festival"),
        )
        for n in range(3)
    ]
    return [festival, *sessions, *(e for z in ZONES for e in events_in(z))]


@pytest.fixture
def stored(store_events) -> list[Event]:
    return store_events(*site_events())


def expected(events: list[Event]) -> Occurrences:
    """Each stored event's occurrences: repeats stepped on the wall clock of its zone, each
    lasting as long as the first (RFC 5545's exact duration)."""
    out: dict[str, list] = {}
    for e in events:
        if e.all_day:
            out[e.uid] = [(e.first_day.isoformat(), (e.last_day + timedelta(days=1)).isoformat())]
            continue
        length = e.end - e.start if e.end else None
        starts = [e.start]
        if e.recurrence:
            # RFC 5545: a repeated wall time is its first pass, a skipped one has the offset
            # before the gap (fold 0 in zoneinfo); the first occurrence is the stored start.
            walls = rrulestr(e.recurrence, dtstart=e.local_start.replace(tzinfo=None))
            starts = [e.start, *(wall.replace(tzinfo=e.zone) for wall in list(walls)[1:])]
        out[e.uid] = [
            (instant(s), instant(s.astimezone(UTC) + length) if length else None) for s in starts
        ]
    return _sorted(out)


def test_the_weekly_series_crosses_many_clock_changes():
    """The data is what the module docstring promises: repeats that meet both offsets."""
    made = site_events()
    [club] = [e for e in made if e.title == "Weekly club (Australia/Lord_Howe)"]
    walls = rrulestr(club.recurrence, dtstart=club.local_start.replace(tzinfo=None))
    offsets = {wall.replace(tzinfo=club.zone).utcoffset() for wall in walls}

    assert offsets == {timedelta(hours=10, minutes=30), timedelta(hours=11)}
    assert {e.local_start.year for e in made} == set(YEARS)


def feeds_to_read(client, stored: list[Event]) -> dict[str, tuple[bytes, list[Event]]]:
    def of(body: bytes, events: list[Event] | None) -> list[Event]:
        """The events a feed should hold; for a date window (whose rule tests/web/test_feeds.py
        checks), the stored events that it names."""
        if events is not None:
            return events
        uids = {str(v["UID"]) for v in icalendar.Calendar.from_ical(body).walk("VEVENT")}
        return [e for e in stored if e.uid in uids]

    in_sydney = [e for e in stored if e.timezone == "Australia/Sydney"]
    festival = next(e for e in stored if e.title == "Winter festival")
    in_festival = [e for e in stored if e.title.startswith(("Winter festival", "Festival session"))]
    lord_howe = [e for e in stored if e.timezone == "Australia/Lord_Howe"]
    feeds = {
        "site": ("/events.ics", stored),
        "venue": (f"/events.ics?venue={in_sydney[0].venues[0].slug}", in_sydney),
        "speaker": (f"/events.ics?speaker={lord_howe[0].speakers[0].slug}", lord_howe),
        "series": (f"/events.ics?series={festival.slug}", in_festival),
        "dates": ("/events.ics?from=2028-01-01&to=2028-12-31", None),
    }
    picked = [e for e in stored if e.recurrence or "Repeated hour" in e.title or e.all_day]
    for e in picked[:: max(1, len(picked) // 12)]:
        feeds[f"event {e.title}"] = (f"/events/{e.slug}.ics", [e])
    out = {}
    for name, (path, events) in feeds.items():
        response = client.get(path)
        assert response.status_code == 200, name
        out[name] = (response.data, of(response.data, events))
    return out


def test_every_parser_reads_every_feed_at_the_stored_instants(client, stored, tmp_path):
    feeds = feeds_to_read(client, stored)
    names = list(feeds)
    want = {name: expected(events) for name, (_, events) in feeds.items()}

    read = {
        (reader, name): parse(feeds[name][0])
        for reader, parse in PYTHON_READERS.items()
        for name in names
    }
    bodies = [feeds[n][0] for n in names]
    for name, found in zip(names, read_with_icaljs(bodies, tmp_path), strict=True):
        read["ical.js", name] = found
    for name, found in zip(names, read_with_nodeical(bodies, tmp_path), strict=True):
        read["node-ical", name] = found

    assert 0 < len(want["dates"]) < len(stored)
    wrong = {
        key: sorted(
            uid for uid in {*found, *want[key[1]]} if found.get(uid) != want[key[1]].get(uid)
        )
        for key, found in read.items()
    }
    assert {key: uids for key, uids in wrong.items() if uids} == {}
