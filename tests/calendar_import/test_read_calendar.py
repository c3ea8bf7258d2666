"""Reading other calendars: fields, zones, all-day events, recurrences and their caps."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from events_app.calendar_import import (
    MAX_OCCURRENCES,
    CalendarImportError,
    read_calendar,
)
from events_app.domain import EventStatus

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n{body}END:VCALENDAR\r\n".encode()


def lines(*items: str) -> str:
    return "".join(f"{item}\r\n" for item in items)


def read(data: bytes, **kwargs):
    return read_calendar(data, now=NOW, default_timezone="Europe/London", **kwargs)


def test_a_single_event_keeps_its_fields():
    data = ics(
        lines(
            "UID:rally@elsewhere.example",
            "DTSTART;TZID=Europe/London:20261205T183000",
            "DTEND;TZID=Europe/London:20261205T210000",
            "SUMMARY:Winter rally",
            "DESCRIPTION:Speeches and music",
            "LOCATION:Student Central\\, Malet Street\\, London WC1E 7HY",
            "URL:https://elsewhere.example/rally",
            "CATEGORIES:politics,music",
            "ORGANIZER;CN=Arise:mailto:hello@arise.example",
            "STATUS:CANCELLED",
        )
    )

    [event] = read(data).events

    assert event.uid == "rally@elsewhere.example"
    assert event.title == "Winter rally"
    assert event.start == datetime(2026, 12, 5, 18, 30, tzinfo=UTC)
    assert event.end == datetime(2026, 12, 5, 21, 0, tzinfo=UTC)
    assert event.timezone == "Europe/London"
    assert event.description == "Speeches and music"
    assert [(v.name, v.address) for v in event.venues] == [
        ("Student Central", "Malet Street, London WC1E 7HY")
    ]
    assert [link.url for link in event.links] == ["https://elsewhere.example/rally"]
    assert event.tags == ["politics", "music"]
    assert event.organiser == "Arise"
    assert event.status == EventStatus.CANCELLED


@pytest.mark.parametrize(
    ("start", "zone", "utc"),
    [
        ("DTSTART;TZID=America/New_York:20261210T190000", "America/New_York", (2026, 12, 11, 0)),
        ("DTSTART:20261210T190000Z", "UTC", (2026, 12, 10, 19)),
        ("DTSTART:20260710T190000", "Europe/London", (2026, 7, 10, 18)),
    ],
)
def test_zones_and_floating_times(start, zone, utc):
    [event] = read(ics(lines("UID:a@x", start, "SUMMARY:Talk"))).events

    assert event.timezone == zone
    assert event.start == datetime(*utc, tzinfo=UTC)


def test_a_date_makes_an_all_day_event():
    [event] = read(ics(lines("UID:a@x", "DTSTART;VALUE=DATE:20270101", "SUMMARY:New year"))).events

    assert event.all_day
    assert event.start.astimezone(LONDON) == datetime(2027, 1, 1, tzinfo=LONDON)
    assert event.end.astimezone(LONDON) == datetime(2027, 1, 2, tzinfo=LONDON)


def test_a_weekly_series_keeps_its_wall_clock_time_across_the_clock_change():
    data = ics(
        lines(
            "UID:seminar@x",
            "DTSTART;TZID=Europe/London:20261001T190000",
            "DURATION:PT1H30M",
            "RRULE:FREQ=WEEKLY;COUNT=40",
            "EXDATE;TZID=Europe/London:20261203T190000",
            "SUMMARY:Thursday seminar",
        )
    )

    events = read(data).events
    local = [e.start.astimezone(LONDON) for e in events]

    assert local[0] == datetime(2026, 12, 10, 19, 0, tzinfo=LONDON)
    assert datetime(2026, 12, 3, 19, 0, tzinfo=LONDON) not in local
    assert {(t.hour, t.minute) for t in local} == {(19, 0)}
    assert any(t.month == 4 for t in local)
    assert all(e.end - e.start == (events[0].end - events[0].start) for e in events)
    assert len({e.uid for e in events}) == len(events)
    assert all(e.uid.startswith("seminar@x/") for e in events)


def test_an_occurrence_moved_by_recurrence_id_takes_its_new_time():
    data = ics(
        lines(
            "UID:club@x",
            "DTSTART;TZID=Europe/London:20261207T180000",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            "SUMMARY:Book club",
        ),
        lines(
            "UID:club@x",
            "RECURRENCE-ID;TZID=Europe/London:20261214T180000",
            "DTSTART;TZID=Europe/London:20261215T190000",
            "SUMMARY:Book club (moved to Tuesday)",
        ),
    )

    events = read(data).events

    assert [e.title for e in events] == ["Book club", "Book club (moved to Tuesday)", "Book club"]
    assert events[1].start.astimezone(LONDON) == datetime(2026, 12, 15, 19, tzinfo=LONDON)


def test_an_endless_secondly_rule_is_capped_with_a_warning():
    data = ics(
        lines("UID:tick@x", "DTSTART:20261201T000000Z", "RRULE:FREQ=SECONDLY", "SUMMARY:Tick")
    )

    result = read(data)

    assert len(result.events) == MAX_OCCURRENCES
    assert result.warnings == [
        f"“Tick” repeats without end: imported its first {MAX_OCCURRENCES} "
        "occurrences within a year"
    ]


def test_more_events_than_the_limit_is_refused_naming_it():
    data = ics(*[lines(f"UID:{i}@x", "DTSTART:20261201T100000Z", "SUMMARY:E") for i in range(11)])

    with pytest.raises(CalendarImportError, match="at most 10 can be imported"):
        read(data, max_events=10)


def test_an_unreadable_event_is_left_out_and_named():
    data = ics(
        lines("UID:a@x", "SUMMARY:No start at all"),
        lines("UID:b@x", "DTSTART:20261201T100000Z", "SUMMARY:Fine"),
    )

    result = read(data)

    assert [e.title for e in result.events] == ["Fine"]
    assert result.warnings == ["Left out “No start at all”: it has no start (DTSTART)"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(256)) * 4,
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:2026",
        b"<html><body>Not found</body></html>",
        "BEGIN:VCALENDAR\r\nSUMMARY:caf\u00e9\r\nEND:VCALENDAR".encode("latin-1"),
    ],
)
def test_what_is_not_a_calendar_is_refused(data):
    with pytest.raises(CalendarImportError, match="Not a valid iCalendar file"):
        read(data)


def test_a_hostile_title_stays_text():
    data = ics(
        lines(
            "UID:h@x",
            "DTSTART:20261201T100000Z",
            "SUMMARY:<script>alert(1)</script> {{7*7}}",
        )
    )

    [event] = read(data).events

    assert event.title == "<script>alert(1)</script> {{7*7}}"
