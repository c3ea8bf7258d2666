"""Reading other calendars: fields, zones, all-day events, recurrences and their caps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from events_app.calendar_import import (
    MAX_OCCURRENCES,
    CalendarImportError,
    read_calendar,
)
from events_app.domain import DESCRIPTION_MAX, EventStatus, LinkKind

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


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=SECONDLY", "every second (FREQ=SECONDLY)"),
        ("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30", "every minute (FREQ=MINUTELY)"),
        ("FREQ=HOURLY;COUNT=5", "every hour (FREQ=HOURLY)"),
    ],
)
def test_a_rule_finer_than_daily_is_left_out_with_a_note(rule, words):
    data = ics(lines("UID:tick@x", "DTSTART:19000101T000000Z", f"RRULE:{rule}", "SUMMARY:Tick"))

    result = read(data)

    assert result.events == []
    assert result.warnings == [
        f"Left out “Tick”: it repeats {words}; rules that repeat more often than daily are "
        "not imported"
    ]


def test_a_daily_rule_is_capped_at_its_first_occurrences_in_the_year_with_a_note():
    data = ics(lines("UID:d@x", "DTSTART:19700101T090000Z", "RRULE:FREQ=DAILY", "SUMMARY:Daily"))

    result = read(data)

    assert [e.start for e in result.events] == [
        datetime(2026, 11, 29, 9, tzinfo=UTC) + timedelta(days=n) for n in range(MAX_OCCURRENCES)
    ]
    assert result.warnings == [
        f"“Daily” has more than {MAX_OCCURRENCES} occurrences in the next year: imported the "
        f"first {MAX_OCCURRENCES}"
    ]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTHDAY=30;BYMONTH=2",
        "FREQ=DAILY;BYYEARDAY=200;BYMONTH=1",
        "FREQ=WEEKLY;BYWEEKNO=60",
        "FREQ=YEARLY;COUNT=3;BYMONTHDAY=31;BYMONTH=4",
    ],
)
def test_a_rule_naming_no_real_date_is_left_out_with_a_note(rule):
    """dateutil would search for such a day until the year 9999 (tens of seconds)."""
    data = ics(lines("UID:n@x", "DTSTART:19000101T090000Z", f"RRULE:{rule}", "SUMMARY:Never"))

    result = read(data)

    assert result.events == []
    [note] = result.warnings
    assert note.startswith("Left out “Never”: its repeat rule names no date that exists (")


def test_a_rule_whose_filters_meet_rarely_is_still_expanded():
    """Day 31 of the year on a Monday: 31 January 2028, in the year after 1 June 2027."""
    rule = "FREQ=DAILY;BYYEARDAY=31;BYDAY=MO"
    data = ics(lines("UID:r@x", "DTSTART:20000101T090000Z", f"RRULE:{rule}", "SUMMARY:Rare"))

    result = read_calendar(
        data, now=datetime(2027, 6, 1, tzinfo=UTC), default_timezone="Europe/London"
    )

    assert (starts(result), result.warnings) == (["Mon 2028-01-31 09:00"], [])


# Rules whose parts never meet in ways the up-front checks do not work out: dateutil looks for
# their dates period by period until the year 9999 (tens of seconds for a daily rule).
NEVER_MEETING = [
    "FREQ=DAILY;BYDAY=WE;BYSETPOS=2",
    "FREQ=DAILY;BYWEEKNO=1;BYMONTH=7;WKST=SU",
    "FREQ=DAILY;BYDAY=SA;BYMONTHDAY=20,21,22;BYSETPOS=-2",
    "FREQ=DAILY;BYWEEKNO=-1;BYMONTH=3;WKST=TH",
]


@pytest.mark.parametrize("rule", NEVER_MEETING)
def test_a_rule_still_searching_when_the_budget_ends_refuses_the_import_naming_it(rule):
    data = ics(
        lines("UID:fine@x", "DTSTART:20261201T100000Z", "SUMMARY:Fine"),
        lines("UID:n@x", "DTSTART:20261201T090000Z", f"RRULE:{rule}", "SUMMARY:Never"),
    )

    with pytest.raises(CalendarImportError) as refused:
        read(data, budget_seconds=1)

    assert str(refused.value) == (
        "Nothing was imported: working out the dates of “Never” took longer than 1 seconds "
        f"(its repeat rule RRULE:{rule} may never meet a real date); remove or simplify that "
        "rule and import the calendar again"
    )


def test_a_calendar_that_reads_within_its_budget_is_not_cut_short():
    """The budget bounds the reading, not each series: several series share it."""
    series = [
        lines(f"UID:w{n}@x", "DTSTART:20261201T090000Z", "RRULE:FREQ=WEEKLY", f"SUMMARY:W{n}")
        for n in range(3)
    ]

    result = read(ics(*series), budget_seconds=5)

    assert [e.title for e in result.events] == sorted(["W0", "W1", "W2"] * 52)
    assert result.warnings == []


def test_an_import_over_its_time_budget_is_refused():
    data = ics(lines("UID:a@x", "DTSTART:20261201T100000Z", "SUMMARY:E"))

    with pytest.raises(CalendarImportError, match="took longer than 0 seconds"):
        read(data, budget_seconds=0)


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


def starts(result, zone=LONDON) -> list[str]:
    return [f"{e.start.astimezone(zone):%a %Y-%m-%d %H:%M}" for e in result.events]


def test_a_series_ending_at_a_utc_until_is_imported_in_full():
    data = ics(
        lines(
            "UID:w@x",
            "DTSTART;TZID=Europe/London:20261203T190000",
            "RRULE:FREQ=WEEKLY;UNTIL=20270107T190000Z",
            "SUMMARY:Thursday talks",
        )
    )

    result = read(data)

    assert starts(result) == [
        "Thu 2026-12-03 19:00",
        "Thu 2026-12-10 19:00",
        "Thu 2026-12-17 19:00",
        "Thu 2026-12-24 19:00",
        "Thu 2026-12-31 19:00",
        "Thu 2027-01-07 19:00",
    ]
    assert result.warnings == []


def test_of_two_versions_of_one_uid_the_higher_sequence_wins_with_a_note():
    data = ics(
        lines("UID:v@x", "SEQUENCE:3", "DTSTART:20261210T180000Z", "SUMMARY:Moved meeting"),
        lines("UID:v@x", "SEQUENCE:1", "DTSTART:20261209T180000Z", "SUMMARY:Meeting"),
        lines("UID:v@x", "DTSTART:20261208T180000Z", "SUMMARY:Meeting draft"),
    )

    result = read(data)

    assert [(e.uid, e.title, e.start.day) for e in result.events] == [("v@x", "Moved meeting", 10)]
    note = "“Moved meeting” is in the calendar more than once: kept the latest version"
    assert result.warnings == [f"{note} (SEQUENCE 3)"] * 2


def test_a_calendar_the_library_cannot_read_is_refused_in_one_line():
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n"
        b"BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nTZID:Europe/Berlin\r\n"
        b"BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\n"
        b"TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        b"BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;TZID=Europe/Paris:20261210T100000\r\n"
        b"SUMMARY:X\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )

    with pytest.raises(CalendarImportError) as refused:
        read(data)

    assert str(refused.value) == (
        "Not a valid iCalendar file: one of its time zones (VTIMEZONE) gives two names (TZID)"
    )


def test_a_line_after_the_end_of_the_calendar_is_tolerated():
    data = ics(lines("UID:a@x", "DTSTART:20261210T100000Z", "SUMMARY:Fine")) + b"\r\n%%EOF\r\n"

    assert [e.title for e in read(data).events] == ["Fine"]


@pytest.mark.parametrize(
    ("bad", "note"),
    [
        ("DTSTART:2019-13-40", "Left out “Bad”: its start (DTSTART) “2019-13-40” cannot be read"),
        ("RRULE:", "Left out “Bad”: its repeat rule (RRULE) says not how often"),
        (
            "RECURRENCE-ID:garbage",
            "Left out “Bad”: its date of the occurrence it changes (RECURRENCE-ID) “garbage” "
            "cannot be read",
        ),
    ],
    ids=["date", "empty-rrule", "recurrence-id"],
)
def test_an_event_whose_times_cannot_be_read_is_left_out_naming_it(bad, note):
    start = [] if bad.startswith("DTSTART") else ["DTSTART:20261211T100000Z"]
    data = ics(
        lines("UID:bad@x", *start, bad, "SUMMARY:Bad"),
        lines("UID:good@x", "DTSTART:20261210T100000Z", "SUMMARY:Good"),
    )

    result = read(data)

    assert [e.title for e in result.events] == ["Good"]
    assert result.warnings == [note]


@pytest.mark.parametrize(
    ("bad", "note"),
    [
        ("GEO:geo:51.5,-0.1", "“Kept”: ignored its GEO “geo:51.5,-0.1”, which cannot be read"),
        (
            "ATTACH;ENCODING=BASE64;VALUE=BINARY:!!not base64!!",
            "“Kept”: ignored its ATTACH “!!not base64!!”, which cannot be read",
        ),
    ],
    ids=["geo-uri", "attach"],
)
def test_a_property_the_listing_does_not_use_is_ignored_with_a_note(bad, note):
    data = ics(
        lines(
            "UID:k@x", "DTSTART:20261210T100000Z", "RRULE:FREQ=WEEKLY;COUNT=2", bad, "SUMMARY:Kept"
        )
    )

    result = read(data)

    assert starts(result) == ["Thu 2026-12-10 10:00", "Thu 2026-12-17 10:00"]
    assert result.warnings == [note]


SYDNEY_VTIMEZONE = lines(
    "BEGIN:VTIMEZONE",
    "TZID:Canberra\\, Melbourne\\, Sydney",
    "BEGIN:STANDARD",
    "DTSTART:16010101T030000",
    "TZOFFSETFROM:+1100",
    "TZOFFSETTO:+1000",
    "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:+1000",
    "TZOFFSETTO:+1100",
    "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
)
EASTERN_VTIMEZONE = lines(
    "BEGIN:VTIMEZONE",
    "TZID:(UTC-05:00) Eastern Time (US and Canada)",
    "BEGIN:STANDARD",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0400",
    "TZOFFSETTO:-0500",
    "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0400",
    "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
)


def with_zone(vtimezone: str, *events: str) -> bytes:
    body = ics(*events).decode()
    return body.replace("PRODID:-//T//EN\r\n", "PRODID:-//T//EN\r\n" + vtimezone).encode()


@pytest.mark.parametrize(
    ("vtimezone", "tzid", "zone", "local"),
    [
        (SYDNEY_VTIMEZONE, '"Canberra, Melbourne, Sydney"', "Australia/Sydney", "09:00"),
        (
            EASTERN_VTIMEZONE,
            '"(UTC-05:00) Eastern Time (US and Canada)"',
            "America/New_York",
            "09:00",
        ),
    ],
    ids=["sydney", "eastern"],
)
def test_a_windows_zone_is_honoured_and_stored_as_its_iana_zone(vtimezone, tzid, zone, local):
    data = with_zone(
        vtimezone,
        lines(
            "UID:s@x",
            f"DTSTART;TZID={tzid}:20270301T090000",
            f"DTEND;TZID={tzid}:20270301T093000",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=40",
            "SUMMARY:Stand-up",
        ),
    )

    result = read(data)
    there = ZoneInfo(zone)

    assert {e.timezone for e in result.events} == {zone}
    assert {f"{e.start.astimezone(there):%H:%M}" for e in result.events} == {local}
    assert {e.start.astimezone(there).weekday() for e in result.events} == {0, 1, 2, 3, 4}
    assert len(result.events) == 40


def test_all_day_occurrences_end_at_local_midnight_across_the_clock_change():
    data = ics(
        lines(
            "UID:ad@x",
            "DTSTART;VALUE=DATE:20270327",
            "DTEND;VALUE=DATE:20270329",
            "RRULE:FREQ=WEEKLY;COUNT=2",
            "SUMMARY:Weekend camp",
        )
    )

    events = read(data).events

    assert [(e.all_day, e.first_day, e.last_day) for e in events] == [
        (True, date(2027, 3, 27), date(2027, 3, 28)),
        (True, date(2027, 4, 3), date(2027, 4, 4)),
    ]
    assert [e.end.astimezone(LONDON) for e in events] == [
        datetime(2027, 3, 29, tzinfo=LONDON),
        datetime(2027, 4, 5, tzinfo=LONDON),
    ]


def test_rdates_without_a_rule_and_periods_give_their_occurrences():
    data = ics(
        lines(
            "UID:r@x",
            "DTSTART:20261210T180000Z",
            "DTEND:20261210T190000Z",
            "RDATE:20261217T180000Z,20261224T180000Z",
            "RDATE;VALUE=PERIOD:20270105T100000Z/20270105T160000Z",
            "SUMMARY:Readings",
        )
    )

    events = read(data).events

    assert [(e.start, e.end) for e in events] == [
        (datetime(2026, 12, d, 18, tzinfo=UTC), datetime(2026, 12, d, 19, tzinfo=UTC))
        for d in (10, 17, 24)
    ] + [(datetime(2027, 1, 5, 10, tzinfo=UTC), datetime(2027, 1, 5, 16, tzinfo=UTC))]


def test_an_override_without_its_master_is_kept():
    data = ics(
        lines(
            "UID:o@x",
            "RECURRENCE-ID:20261214T180000Z",
            "DTSTART:20261215T190000Z",
            "SUMMARY:Moved session",
        )
    )

    [event] = read(data).events

    assert (event.uid, event.title, event.start) == (
        "o@x/20261214T180000Z",
        "Moved session",
        datetime(2026, 12, 15, 19, tzinfo=UTC),
    )


def test_an_exdate_given_as_a_date_removes_that_day_of_a_timed_series():
    data = ics(
        lines(
            "UID:x@x",
            "DTSTART;TZID=Europe/London:20261207T180000",
            "RRULE:FREQ=DAILY;COUNT=3",
            "EXDATE;VALUE=DATE:20261208",
            "SUMMARY:Evening class",
        )
    )

    assert starts(read(data)) == ["Mon 2026-12-07 18:00", "Wed 2026-12-09 18:00"]


@pytest.mark.parametrize(
    "location", ["https://meet.example.org/j/123", "HTTP://video.example.org/room?id=9"]
)
def test_a_location_that_is_a_web_address_makes_the_event_online(location):
    data = ics(lines("UID:u@x", "DTSTART:20261210T180000Z", f"LOCATION:{location}", "SUMMARY:Call"))

    [event] = read(data).events

    assert (event.online, event.venues) == (True, [])
    assert [(link.url, link.kind) for link in event.links] == [(location, LinkKind.ONLINE)]


def test_a_description_cut_at_the_limit_says_so():
    data = ics(
        lines(
            "UID:c@x", "DTSTART:20261210T180000Z", "SUMMARY:Long", "DESCRIPTION:" + "word " * 5000
        )
    )

    [event] = read(data).events

    assert len(event.description) == DESCRIPTION_MAX
    assert event.description.endswith("[Cut short on import: the original is longer.]")


def test_categories_are_kept_once_each_in_order_as_tags_are_stored():
    data = ics(
        lines(
            "UID:t@x",
            "DTSTART:20261210T180000Z",
            "SUMMARY:T",
            "CATEGORIES:Music,politics,music",
            "CATEGORIES:Politics,Film",
        )
    )

    [event] = read(data).events

    assert event.tags == ["music", "politics", "film"]


@pytest.mark.parametrize(
    ("start", "note"),
    [
        (
            "DTSTART;TZID=Europe/London:20271031T013000",
            "“Night bus” starts at 2027-10-31 01:30, a time Europe/London shows twice that "
            "night: imported as 01:30 BST; check it",
        ),
        (
            "DTSTART;TZID=Europe/London:20270328T013000",
            "“Night bus” starts at 2027-03-28 01:30, a time Europe/London skips that night: "
            "imported as 02:30 BST; check it",
        ),
    ],
    ids=["repeated", "skipped"],
)
def test_a_wall_time_the_zone_repeats_or_skips_is_imported_with_a_warning(start, note):
    result = read(ics(lines("UID:n@x", start, "SUMMARY:Night bus")))

    assert len(result.events) == 1
    assert result.warnings == [note]


def test_a_google_calendar_zone_given_only_as_x_wr_timezone_is_used():
    body = ics(lines("UID:g@x", "DTSTART:20261210T150000Z", "SUMMARY:Google event")).decode()
    data = body.replace("VERSION:2.0\r\n", "VERSION:2.0\r\nX-WR-TIMEZONE:America/New_York\r\n")

    [event] = read(data.encode()).events

    assert (event.timezone, event.start) == (
        "America/New_York",
        datetime(2026, 12, 10, 15, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("zone", "times", "read_as"),
    [
        (
            "Australia/Sydney",
            ("DTSTART;VALUE=DATE:20261003", "DTEND;VALUE=DATE:20261005"),
            (datetime(2026, 10, 2, 14, tzinfo=UTC), datetime(2026, 10, 4, 13, tzinfo=UTC), True),
        ),
        (
            "Pacific/Auckland",
            ("DTSTART;VALUE=DATE:20270404",),
            (datetime(2027, 4, 3, 11, tzinfo=UTC), datetime(2027, 4, 4, 12, tzinfo=UTC), True),
        ),
        (
            "America/New_York",
            ("DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20261231"),
            (datetime(2026, 12, 31, 5, tzinfo=UTC), datetime(2027, 1, 1, 5, tzinfo=UTC), True),
        ),
        (
            "Australia/Sydney",
            ("DTSTART:20270403T220000", "DTEND:20270404T040000"),
            (datetime(2027, 4, 3, 11, tzinfo=UTC), datetime(2027, 4, 3, 18, tzinfo=UTC), False),
        ),
        (
            "Europe/London",
            ("DTSTART:20270327T220000", "DTEND:20270328T030000"),
            (datetime(2027, 3, 27, 22, tzinfo=UTC), datetime(2027, 3, 28, 2, tzinfo=UTC), False),
        ),
        (
            "Europe/London",
            ("DTSTART;TZID=Pacific/Auckland:20270101T000000", "DTEND:20261231T130000Z"),
            (datetime(2026, 12, 31, 11, tzinfo=UTC), datetime(2026, 12, 31, 13, tzinfo=UTC), False),
        ),
    ],
)
def test_dates_and_floating_times_are_read_on_the_zones_clock(zone, times, read_as):
    data = ics(lines("UID:z@x", *times, "SUMMARY:Across the change"))

    [event] = read_calendar(data, now=NOW, default_timezone=zone).events

    assert (event.start, event.end, event.all_day) == read_as


@pytest.mark.parametrize(
    ("start", "duration", "end_utc"),
    [
        # London's clocks go back at 02:00 BST on 25 October 2026: five exact hours from 23:00
        # BST (22:00 UTC) end at 03:00 UTC, which the clock reads as 03:00 GMT.
        ("DTSTART;TZID=Europe/London:20261024T230000", "PT5H", (2026, 10, 25, 3)),
        # They go forward at 01:00 GMT on 28 March 2027: 23:00 GMT plus five hours is 04:00 UTC.
        ("DTSTART;TZID=Europe/London:20270327T230000", "PT5H", (2027, 3, 28, 4)),
        # A day is a calendar day: 19:00 to 19:00 the next evening, 25 real hours that night.
        ("DTSTART;TZID=Europe/London:20261024T190000", "P1D", (2026, 10, 25, 19)),
        # Sydney's clocks go forward on 4 October 2026 at 02:00 AEST: P1DT2H from 20:00 AEST.
        ("DTSTART;TZID=Australia/Sydney:20261003T200000", "P1DT2H", (2026, 10, 4, 11)),
    ],
    ids=["hours-across-autumn", "hours-across-spring", "a-day-across-autumn", "sydney-spring"],
)
def test_a_durations_hours_are_exact_and_its_days_are_calendar_days(start, duration, end_utc):
    [event] = read(
        ics(lines("UID:night@x", start, f"DURATION:{duration}", "SUMMARY:All-nighter"))
    ).events

    assert event.end == datetime(*end_utc, tzinfo=UTC)
