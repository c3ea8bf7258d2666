import dataclasses
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from events_app.domain import EventStatus, EventSummary, Link, LinkKind, Person, Venue, slugify
from events_app.feeds.ics import PRODID, CalendarInfo, assemble_ics, render_ics
from tests.builders import event, london

INFO = CalendarInfo(
    name="Test Events",
    description="Everything listed",
    url="https://events.example.org/",
    source="https://events.example.org/events.ics",
    timezone="Europe/London",
)


def url_of(e):
    return f"https://events.example.org/events/{e.slug}"


def parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def stored(title="Branch meeting", **fields):
    fields.setdefault("uid", f"{slugify(title)}@events.example.org")
    fields.setdefault("slug", slugify(title))
    return event(title, **fields)


def test_calendar_carries_its_name_and_refresh_hints():
    calendar = parse(render_ics([], INFO, url_of))

    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == "Test Events"
    assert "X-WR-TIMEZONE" not in calendar
    assert str(calendar["SOURCE"]) == "https://events.example.org/events.ics"
    assert "METHOD" not in calendar
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize(
    ("start", "expected_utc"),
    [
        (london(2018, 7, 27, 18, 30), datetime(2018, 7, 27, 17, 30, tzinfo=UTC)),
        (london(2027, 1, 14, 18, 0), datetime(2027, 1, 14, 18, 0, tzinfo=UTC)),
        (london(2027, 3, 28, 3, 0), datetime(2027, 3, 28, 2, 0, tzinfo=UTC)),
        (london(2027, 10, 31, 0, 30), datetime(2027, 10, 30, 23, 30, tzinfo=UTC)),
        (london(2027, 10, 31, 3, 0), datetime(2027, 10, 31, 3, 0, tzinfo=UTC)),
    ],
    ids=["summer", "winter", "spring-forward-day", "before-fall-back", "after-fall-back"],
)
def test_times_keep_their_zone_and_instant(start, expected_utc):
    calendar = parse(render_ics([stored(start=start, end=None)], INFO, url_of))

    [vevent] = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert vevent.decoded("DTSTART").astimezone(UTC) == expected_utc
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_every_zone_used_gets_a_vtimezone():
    events = [
        stored("London talk"),
        stored(
            "New York talk",
            start=datetime(2027, 3, 5, 16, tzinfo=london(2027, 1, 1).tzinfo).astimezone(UTC),
            timezone="America/New_York",
        ),
    ]

    calendar = parse(render_ics(events, INFO, url_of))

    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/London",
    ]


def test_all_day_multi_day_event_uses_dates_with_exclusive_end():
    festival = stored(
        "Tolpuddle festival", start=london(2027, 7, 16), end=london(2027, 7, 19), all_day=True
    )

    [vevent] = parse(render_ics([festival], INFO, url_of)).walk("VEVENT")

    assert vevent.decoded("DTSTART") == date(2027, 7, 16)
    assert vevent.decoded("DTEND") == date(2027, 7, 19)


def test_event_properties_describe_the_event():
    parent = EventSummary(
        id=1,
        slug="arise",
        title="Arise",
        uid="arise@events.example.org",
        start=london(2027, 7, 28, 10),
        timezone="Europe/London",
    )
    session = stored(
        "Opening rally",
        venues=[
            Venue(
                "Student Central",
                address="Malet Street",
                postcode="WC1E 7HY",
                latitude=51.5226,
                longitude=-0.1303,
            )
        ],
        speakers=[
            Person("John McDonnell", honorific="MP"),
            Person("Steve Turner", affiliation="Unite the Union"),
        ],
        links=[Link("https://example.org/book", LinkKind.TICKETS, "Tickets", "£10")],
        tags=["rally"],
        parent=parent,
        sequence=3,
        status=EventStatus.CANCELLED,
        recurrence="FREQ=WEEKLY;BYDAY=TU",
    )

    [vevent] = parse(render_ics([session], INFO, url_of)).walk("VEVENT")

    assert vevent.content_lines()[:-1] == [
        "BEGIN:VEVENT",
        "SUMMARY:Opening rally",
        "DTSTART;TZID=Europe/London:20270114T180000",
        "DTEND;TZID=Europe/London:20270114T200000",
        "DTSTAMP:20261101T000000Z",
        "UID:opening-rally@events.example.org",
        "SEQUENCE:3",
        "RRULE:FREQ=WEEKLY;BYDAY=TU",
        "CATEGORIES:rally",
        "CREATED:20261101T000000Z",
        "DESCRIPTION:CANCELLED.\\n\\nSpeakers: John McDonnell MP\\, Steve Turner (Unite the U"
        "nion)\\n\\nTickets (£10): https://example.org/book\\n\\nPart of Arise\\n\\nDetails: "
        "https://events.example.org/events/opening-rally",
        "GEO:51.5226;-0.1303",
        "LAST-MODIFIED:20261101T000000Z",
        "LOCATION:Student Central\\, Malet Street\\, WC1E 7HY",
        "RELATED-TO:arise@events.example.org",
        "STATUS:CANCELLED",
        "URL:https://events.example.org/events/opening-rally",
        "END:VEVENT",
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Party\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:evil",
        "Commas, semicolons; and \\ backslashes",
        "Ünïcödé 🎉 مرحبا 你好 " * 20,
        "<script>alert(1)</script>",
    ],
    ids=["injection", "separators", "long-non-ascii", "html"],
)
def test_hostile_text_round_trips_without_breaking_the_structure(title):
    body = render_ics([stored("x", description=title), stored(title)], INFO, url_of)

    calendar = parse(body)

    assert len(calendar.walk("VEVENT")) == 2
    assert str(calendar.walk("VEVENT")[1]["SUMMARY"]) == title.replace("\r\n", "\n")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    body.decode("utf-8")


def test_control_characters_are_dropped():
    [vevent] = parse(render_ics([stored("Bell\x07 and\x1b escape")], INFO, url_of)).walk("VEVENT")

    assert str(vevent["SUMMARY"]) == "Bell and escape"


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("A, B; C \\ D", b"A\\, B\\; C \\\\ D"),
        ("Line\none", b"Line\\none"),
        ("plain", b"plain"),
    ],
    ids=["separators", "newline", "plain"],
)
def test_calendar_name_is_escaped_as_text(name, written):
    info = dataclasses.replace(INFO, name=name, description=name)

    head = render_ics([stored()], info, url_of).split(b"BEGIN:VTIMEZONE")[0]
    lines = [line.split(b":", 1) for line in head.split(b"\r\n") if b":" in line]

    assert [value for key, value in lines if key in (b"NAME", b"X-WR-CALNAME", b"DESCRIPTION")] == [
        written
    ] * 3


def test_a_repeated_wall_time_is_written_in_utc():
    """01:30 on the night the clocks go back happens twice; TZID=Europe/London:01:30 is read
    as the first by some parsers and the second by others, so such an instant goes out in UTC."""
    first = datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    second = datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    events = [
        stored("First pass", start=first, end=first + timedelta(hours=2)),
        stored("Second pass", start=second, end=None),
        stored("After", start=datetime(2027, 10, 31, 3, 0, tzinfo=UTC), end=None),
    ]

    vevents = parse(render_ics(events, INFO, url_of)).walk("VEVENT")

    assert [(v["DTSTART"].to_ical(), v["DTSTART"].params.get("TZID")) for v in vevents] == [
        (b"20271031T003000Z", None),
        (b"20271031T013000Z", None),
        (b"20271031T030000", "Europe/London"),
    ]
    assert vevents[0]["DTEND"].to_ical() == b"20271031T023000Z"


def test_a_repeat_meeting_a_repeated_or_skipped_wall_time_moves_that_occurrence_to_utc():
    """Weekly at 01:30 in London from 14 March 2027: on 28 March 01:30 does not exist and on
    31 October it happens twice, so those two occurrences are overrides in UTC (the offset
    before the gap, the first pass), named by the rule's wall time; the COUNT becomes the
    UNTIL it comes to."""
    start = datetime(2027, 3, 14, 1, 30, tzinfo=UTC)
    series = stored(
        "Night shift",
        start=start,
        end=start + timedelta(hours=1),
        recurrence="FREQ=WEEKLY;COUNT=40",
    )

    master, *overrides = parse(render_ics([series], INFO, url_of)).walk("VEVENT")

    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20271212T013000Z"
    assert [
        (
            v["RECURRENCE-ID"].to_ical(),
            v["RECURRENCE-ID"].params.get("TZID"),
            v["DTSTART"].to_ical(),
            v["DTEND"].to_ical(),
        )
        for v in overrides
    ] == [
        (b"20270328T013000", "Europe/London", b"20270328T013000Z", b"20270328T023000Z"),
        (b"20271031T013000", "Europe/London", b"20271031T003000Z", b"20271031T013000Z"),
    ]
    assert [(str(v["UID"]), str(v["SUMMARY"])) for v in overrides] == [
        (series.uid, "Night shift")
    ] * 2


def test_a_repeat_clear_of_every_clock_change_has_no_overrides():
    start = datetime(2027, 3, 14, 19, 0, tzinfo=UTC)
    series = stored("Evening", start=start, end=start + timedelta(hours=2), recurrence="FREQ=DAILY")

    vevents = parse(render_ics([series], INFO, url_of)).walk("VEVENT")

    assert [(v["RRULE"].to_ical(), "RECURRENCE-ID" in v) for v in vevents] == [
        (b"FREQ=DAILY", False)
    ]


def test_an_event_a_calendar_cannot_carry_is_left_out_and_the_rest_served(caplog):
    """Year 9999 in Sydney and year 1 in New York overflow `datetime` in local time."""
    events = [
        stored("Fine"),
        stored(
            "Far future",
            start=datetime(9999, 12, 31, 20, tzinfo=UTC),
            end=None,
            timezone="Australia/Sydney",
        ),
        stored(
            "Long ago",
            start=datetime(1, 1, 1, 1, tzinfo=UTC),
            end=None,
            timezone="America/New_York",
        ),
    ]

    calendar = parse(render_ics(events, INFO, url_of))

    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["Fine"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert sum("Left event" in r.getMessage() for r in caplog.records) == 2


@pytest.mark.parametrize("years", [(1, 1), (9998, 9999), (1, 9999)])
def test_zones_are_built_for_any_span_of_years(years):
    body = assemble_ics(INFO, {"Europe/London", "Australia/Lord_Howe"}, *years, [])

    assert [str(tz["TZID"]) for tz in parse(body).walk("VTIMEZONE")] == [
        "Australia/Lord_Howe",
        "Europe/London",
    ]
