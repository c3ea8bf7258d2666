"""The site's feed read by three independent parsers: Python's icalendar, the strict `ical`
package, and Mozilla's ical.js (Thunderbird's). They must see the same events at the same
instants, in summer and winter and on the days the clocks change."""

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from events_app.domain import Venue
from tests.builders import event, london

ROOT = Path(__file__).resolve().parents[2]
ICALJS = Path(__file__).with_name("icaljs_events.mjs")
NEW_YORK = ZoneInfo("America/New_York")


def instant(value):
    if value is None:
        return None
    if isinstance(value, datetime):
        return int(value.astimezone(UTC).timestamp())
    return value.isoformat()


def read_with_icalendar(body: bytes) -> dict:
    calendar = icalendar.Calendar.from_ical(body)
    return {
        str(v["UID"]): (
            instant(v.decoded("DTSTART")),
            instant(v.decoded("DTEND")) if "DTEND" in v else None,
        )
        for v in calendar.walk("VEVENT")
    }


def read_with_ical(body: bytes) -> dict:
    calendar = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    return {
        e.uid: (instant(e.dtstart), instant(e.dtend) if e.dtend else None) for e in calendar.events
    }


def read_with_icaljs(body: bytes, tmp_path: Path) -> dict:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "ical.js").exists():
        message = "Node.js and ical.js (npm ci) are needed to read feeds as Thunderbird does"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    path = tmp_path / "feed.ics"
    path.write_bytes(body)
    done = subprocess.run(
        [node, str(ICALJS), str(path)], capture_output=True, text=True, timeout=60, check=True
    )
    return {e["uid"]: (e["start"], e["end"]) for e in json.loads(done.stdout)}


@pytest.fixture
def year_of_events(store_events):
    return store_events(
        event("Winter evening", start=london(2027, 1, 14, 18, 0)),
        event(
            "Night the clocks go forward",
            start=london(2027, 3, 27, 23, 30),
            end=london(2027, 3, 28, 3, 0),
        ),
        event("Morning after spring forward", start=london(2027, 3, 28, 3, 0), end=None),
        event("Summer rally", start=london(2027, 7, 27, 18, 30), end=None),
        event(
            "Night the clocks go back",
            start=london(2027, 10, 31, 0, 30),
            end=london(2027, 10, 31, 3, 0),
        ),
        event("New Year's Eve", start=london(2027, 12, 31, 23, 0), end=london(2028, 1, 1, 1, 0)),
        event(
            "New York seminar",
            start=datetime(2027, 3, 14, 10, 0, tzinfo=NEW_YORK),
            timezone="America/New_York",
        ),
        event(
            "Tolpuddle festival", start=london(2027, 7, 16), end=london(2027, 7, 19), all_day=True
        ),
        event("Weekly café", start=london(2027, 1, 5, 10, 30), recurrence="FREQ=WEEKLY;BYDAY=TU"),
        event(
            "Commas, semicolons; \\ and\nnew lines 🎉 مرحبا",
            venues=[Venue("Hall; A, B")],
            start=london(2027, 6, 1, 19, 0),
        ),
    )


def expected(events) -> dict:
    out = {}
    for e in events:
        if e.all_day:
            out[e.uid] = (e.first_day.isoformat(), (e.last_day + timedelta(days=1)).isoformat())
        else:
            out[e.uid] = (instant(e.start), instant(e.end))
    return out


def test_three_parsers_see_the_same_instants(client, year_of_events, tmp_path):
    body = client.get("/events.ics").data

    want = expected(year_of_events)

    assert read_with_icalendar(body) == want
    assert read_with_ical(body) == want
    assert read_with_icaljs(body, tmp_path) == want


def test_spring_forward_night_lasts_two_and_a_half_hours(year_of_events):
    night = next(e for e in year_of_events if e.title == "Night the clocks go forward")

    assert night.end - night.start == timedelta(hours=2, minutes=30)
    assert date(2027, 3, 28) == night.local_end.date()
