from datetime import UTC, date, datetime

import icalendar
import pytest

from events_app.domain import EventStatus, EventSummary, Link, LinkKind, Person, Venue, slugify
from events_app.feeds.ics import PRODID, CalendarInfo, render_ics
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
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"
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

    assert str(vevent["UID"]) == "opening-rally@events.example.org"
    assert vevent["SEQUENCE"] == 3
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["LOCATION"]) == "Student Central, Malet Street, WC1E 7HY"
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (51.5226, -0.1303)
    assert str(vevent["RELATED-TO"]) == "arise@events.example.org"
    assert str(vevent["URL"]) == "https://events.example.org/events/opening-rally"
    assert vevent["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    assert vevent["CATEGORIES"].cats == ["rally"]
    description = str(vevent["DESCRIPTION"])
    assert "Speakers: John McDonnell MP, Steve Turner (Unite the Union)" in description
    assert "Tickets (£10): https://example.org/book" in description
    assert vevent.decoded("CREATED") == datetime(2026, 11, 1, tzinfo=UTC)
    assert vevent.decoded("LAST-MODIFIED") == datetime(2026, 11, 1, tzinfo=UTC)


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
