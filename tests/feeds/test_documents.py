import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events_app.domain import slugify
from events_app.feeds import SiteUrls
from events_app.feeds.documents import calendar_document, coverage_of, json_document, year_span
from events_app.feeds.ics import CalendarInfo, vevent_bytes
from tests.builders import event

INFO = CalendarInfo(
    name="Test Events",
    description="Everything listed",
    url="https://events.example.org/",
    source="https://events.example.org/events.ics",
    timezone="Europe/London",
)


def at(zone: str, *parts: int):
    start = datetime(*parts, tzinfo=UTC)
    title = f"In {zone} at {start:%Y-%m-%d %H:%M}"
    return event(
        title, start=start, end=None, timezone=zone, uid=f"{slugify(title)}@x", slug=slugify(title)
    )


@pytest.mark.parametrize(
    ("events", "span"),
    [
        ([], (0, 0)),
        ([at("Europe/London", 2027, 6, 1, 18)], (2027, 2027)),
        # New Year's Eve in London is already 2028 in Auckland; New Year's Day morning in
        # London is still 2026 in Los Angeles.
        ([at("Europe/London", 2027, 12, 31, 20), at("Pacific/Auckland", 2027, 3, 1)], (2027, 2028)),
        (
            [at("America/Los_Angeles", 2027, 6, 1), at("Europe/London", 2027, 1, 1, 2)],
            (2026, 2027),
        ),
        (
            [at("Australia/Lord_Howe", 2030, 7, 1), at("America/Sao_Paulo", 2026, 2, 1)],
            (2026, 2030),
        ),
    ],
)
def test_year_span_covers_every_local_year_of_the_events(events, span):
    true_years = [e.start.astimezone(ZoneInfo(e.timezone)).year for e in events]

    found = year_span(coverage_of(events))

    assert found[0] <= min(true_years, default=0) and found[1] >= max(true_years, default=0)
    assert found == span


def test_calendar_document_has_a_timezone_for_each_zone_and_every_piece():
    events = [at("Pacific/Auckland", 2027, 3, 1), at("Europe/London", 2027, 12, 31, 20)]
    vevents = [vevent_bytes(e, f"https://events.example.org/events/{e.slug}") for e in events]

    calendar = icalendar.Calendar.from_ical(calendar_document(INFO, coverage_of(events), vevents))

    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == [
        "Europe/London",
        "Pacific/Auckland",
    ]
    assert [str(v["UID"]) for v in calendar.walk("VEVENT")] == [e.uid for e in events]


def test_json_document_puts_the_events_last():
    urls = SiteUrls("https://events.example.org")

    body = json_document(urls, "Test Events", [b'{"id":"a"}', b'{"id":"b"}'])

    assert json.loads(body) == {
        "version": 1,
        "title": "Test Events",
        "home_page_url": "https://events.example.org/",
        "events": [{"id": "a"}, {"id": "b"}],
    }
    assert body.endswith(b'{"id":"b"}]}')
