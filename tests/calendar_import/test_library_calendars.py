"""Every calendar shipped in the test folders of the installed icalendar and
recurring-ical-events packages, read from site-packages at test time (never copied here):
none crashes the import, every refusal says why, and where a file imports, its occurrences in
the window are exactly those recurring-ical-events computes for it, apart from the series the
import's notes name as left out or cut short."""

from __future__ import annotations

import warnings
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from events_app.calendar_import import HORIZON, CalendarImportError, read_calendar

DEFAULT_ZONE = "Europe/London"
FOLDERS = [
    Path(icalendar.__file__).parent / "tests" / "calendars",
    Path(recurring_ical_events.__file__).parent / "test" / "calendars",
]
FILES = sorted(path for folder in FOLDERS if folder.is_dir() for path in folder.glob("*.ics"))
REFUSAL_PREFIXES = (
    "Not a valid iCalendar file: ",
    "The calendar holds ",
    "The calendar's events make more than ",
    "The calendar took longer than ",
)


def label(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.name}"


def window_start(data: bytes) -> datetime:
    """Just before the file's first event, so its series are expanded where they happen."""
    starts = []
    for line in data.decode("utf-8", "replace").splitlines():
        if line.upper().startswith("DTSTART"):
            value = line.rsplit(":", 1)[-1].strip()[:8]
            if value.isdigit() and 1900 <= int(value[:4]) <= 2190:
                try:
                    starts.append(datetime.strptime(value, "%Y%m%d").replace(tzinfo=UTC))
                except ValueError:
                    continue
    return min(starts, default=datetime(2026, 1, 1, tzinfo=UTC)) - timedelta(days=1)


def instant(value: date | datetime) -> object:
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(DEFAULT_ZONE))
    return int(value.astimezone(UTC).timestamp())


def uid_of(component) -> str:
    return " ".join(str(component.get("UID", "")).split())


def day_or_instant(value: date | datetime, whole_day: bool) -> object:
    """A series that starts on a date is all-day however its other values are written (one
    with a DTEND in UTC comes back from the library as times at midnight)."""
    if whole_day and isinstance(value, datetime):
        return value.date().isoformat()
    return instant(value)


def library_occurrences(data: bytes, start: datetime, skip: set[str]) -> Counter | None:
    """The starts recurring-ical-events gives in the window, or None where it cannot read the
    file itself (then only the import's own outcome is checked)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            calendar = icalendar.Calendar.from_ical(data.decode("utf-8-sig"))
            found = recurring_ical_events.of(calendar).between(start, start + HORIZON)
            whole_days = {
                uid_of(v)
                for v in calendar.walk("VEVENT")
                if uid_of(v) and not isinstance(v.decoded("DTSTART"), datetime)
            }
            if any(uid.startswith("no-uid-") for uid in skip):
                skip = skip | {""}  # the import names UID-less events by a UID of its own
            return Counter(
                day_or_instant(c.decoded("DTSTART"), uid_of(c) in whole_days)
                for c in found
                if uid_of(c) not in skip
            )
    except Exception:
        return None


def imported_occurrences(result, start: datetime) -> Counter:
    end = start + HORIZON
    kept = Counter()
    for event in result.events:
        base = event.uid.split("/", 1)[0] if "/" in event.uid else event.uid
        if event.uid in result.incomplete or base in result.incomplete:
            continue
        if event.start > end or (event.end or event.start) < start:
            continue
        kept[event.first_day.isoformat() if event.all_day else instant(event.start)] += 1
    return kept


@pytest.mark.parametrize("path", FILES, ids=label)
def test_a_library_calendar_imports_or_is_refused_with_a_reason(path):
    data = path.read_bytes()
    start = window_start(data)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = read_calendar(data, now=start, default_timezone=DEFAULT_ZONE)
    except CalendarImportError as refused:
        message = str(refused)
        assert message.startswith(REFUSAL_PREFIXES)
        assert len(message.splitlines()) == 1
        return

    assert all(note and "Traceback" not in note for note in result.warnings)
    expected = library_occurrences(data, start, result.incomplete)
    if expected is not None:
        assert imported_occurrences(result, start) == expected
