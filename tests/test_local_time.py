"""The one local-time model (domain.LocalWhen): wall times in an IANA zone to UTC instants,
with the overnight rule and the clocks' changes, in both hemispheres and across years.

Expected instants are worked out from each zone's published offsets (London GMT/BST, New York
EST/EDT, Sydney AEST/AEDT, Auckland NZST/NZDT), not from the code under test."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from events_app.domain import (
    ClockChange,
    EndBeforeStartError,
    Event,
    LocalWhen,
    UnclearWallTimeError,
    clock_change,
)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def wall(*parts: int) -> datetime:
    return datetime(*parts)


@pytest.mark.parametrize(
    ("when", "instants"),
    [
        # summer and winter in each hemisphere: the offset of the day, not of today
        (
            LocalWhen(date(2026, 7, 3), "Europe/London", time(19), None, time(21)),
            (utc(2026, 7, 3, 18), utc(2026, 7, 3, 20)),
        ),
        (
            LocalWhen(date(2026, 12, 3), "Europe/London", time(19), None, time(21)),
            (utc(2026, 12, 3, 19), utc(2026, 12, 3, 21)),
        ),
        (
            LocalWhen(date(2026, 7, 3), "America/New_York", time(19), None, time(21)),
            (utc(2026, 7, 3, 23), utc(2026, 7, 4, 1)),
        ),
        (
            LocalWhen(date(2027, 1, 15), "America/New_York", time(19), None, time(21)),
            (utc(2027, 1, 16, 0), utc(2027, 1, 16, 2)),
        ),
        (
            LocalWhen(date(2027, 1, 15), "Australia/Sydney", time(19), None, time(21)),
            (utc(2027, 1, 15, 8), utc(2027, 1, 15, 10)),
        ),
        (
            LocalWhen(date(2026, 7, 3), "Australia/Sydney", time(19), None, time(21)),
            (utc(2026, 7, 3, 9), utc(2026, 7, 3, 11)),
        ),
        (
            LocalWhen(date(2027, 1, 15), "Pacific/Auckland", time(19), None, time(21)),
            (utc(2027, 1, 15, 6), utc(2027, 1, 15, 8)),
        ),
        (
            LocalWhen(date(2026, 7, 3), "Pacific/Auckland", time(19), None, time(21)),
            (utc(2026, 7, 3, 7), utc(2026, 7, 3, 9)),
        ),
        # across the year: New Year's Eve, overnight
        (
            LocalWhen(date(2026, 12, 31), "Pacific/Auckland", time(22), None, time(1)),
            (utc(2026, 12, 31, 9), utc(2026, 12, 31, 12)),
        ),
        (
            LocalWhen(date(2026, 12, 31), "Europe/London", time(21), None, time(2)),
            (utc(2026, 12, 31, 21), utc(2027, 1, 1, 2)),
        ),
        (
            LocalWhen(date(2026, 12, 31), "America/New_York", time(22), None, time(1)),
            (utc(2027, 1, 1, 3), utc(2027, 1, 1, 6)),
        ),
        (
            LocalWhen(date(2026, 12, 30), "Australia/Sydney", time(10), date(2027, 1, 2), time(16)),
            (utc(2026, 12, 29, 23), utc(2027, 1, 2, 5)),
        ),
        # overnight through the night the clocks change: the wall clock says when it ends
        (
            LocalWhen(date(2026, 10, 24), "Europe/London", time(22), None, time(3)),
            (utc(2026, 10, 24, 21), utc(2026, 10, 25, 3)),
        ),
        (
            LocalWhen(date(2026, 3, 28), "Europe/London", time(22), None, time(3)),
            (utc(2026, 3, 28, 22), utc(2026, 3, 29, 2)),
        ),
        (
            LocalWhen(date(2026, 10, 31), "America/New_York", time(22), None, time(4)),
            (utc(2026, 11, 1, 2), utc(2026, 11, 1, 9)),
        ),
        (
            LocalWhen(date(2026, 10, 3), "Australia/Sydney", time(22), None, time(4)),
            (utc(2026, 10, 3, 12), utc(2026, 10, 3, 17)),
        ),
        (
            LocalWhen(date(2026, 4, 4), "Australia/Sydney", time(22), None, time(4)),
            (utc(2026, 4, 4, 11), utc(2026, 4, 4, 18)),
        ),
        (
            LocalWhen(date(2026, 9, 26), "Pacific/Auckland", time(22), None, time(4)),
            (utc(2026, 9, 26, 10), utc(2026, 9, 26, 15)),
        ),
        (
            LocalWhen(date(2026, 4, 4), "Pacific/Auckland", time(22), None, time(4)),
            (utc(2026, 4, 4, 9), utc(2026, 4, 4, 16)),
        ),
        # a day without a time: midnight to the midnight after its last day, on the zone's
        # clock, however long the clocks make those days
        (
            LocalWhen(date(2026, 10, 24), "Europe/London", end_day=date(2026, 10, 25)),
            (utc(2026, 10, 23, 23), utc(2026, 10, 26, 0)),
        ),
        (
            LocalWhen(date(2026, 10, 4), "Australia/Sydney"),
            (utc(2026, 10, 3, 14), utc(2026, 10, 4, 13)),
        ),
        (
            LocalWhen(date(2026, 4, 5), "Pacific/Auckland"),
            (utc(2026, 4, 4, 11), utc(2026, 4, 5, 12)),
        ),
        (
            LocalWhen(date(2026, 12, 31), "America/New_York", end_day=date(2027, 1, 1)),
            (utc(2026, 12, 31, 5), utc(2027, 1, 2, 5)),
        ),
        # no end time: no end instant
        (
            LocalWhen(date(2026, 7, 3), "Pacific/Auckland", time(19)),
            (utc(2026, 7, 3, 7), None),
        ),
    ],
    ids=lambda v: f"{v.zone}-{v.day}-{v.start}-{v.end}" if isinstance(v, LocalWhen) else "",
)
def test_local_times_become_the_instants_of_their_zone(when, instants):
    assert when.instants() == instants


@pytest.mark.parametrize(
    ("zone", "at", "change"),
    [
        ("Europe/London", wall(2026, 3, 29, 1, 30), ClockChange.SKIPPED),
        ("Europe/London", wall(2026, 10, 25, 1, 30), ClockChange.REPEATED),
        ("Europe/London", wall(2026, 10, 25, 2, 0), ClockChange.NONE),
        ("America/New_York", wall(2026, 3, 8, 2, 30), ClockChange.SKIPPED),
        ("America/New_York", wall(2026, 11, 1, 1, 30), ClockChange.REPEATED),
        ("Australia/Sydney", wall(2026, 10, 4, 2, 30), ClockChange.SKIPPED),
        ("Australia/Sydney", wall(2026, 4, 5, 2, 30), ClockChange.REPEATED),
        ("Pacific/Auckland", wall(2026, 9, 27, 2, 30), ClockChange.SKIPPED),
        ("Pacific/Auckland", wall(2026, 4, 5, 2, 30), ClockChange.REPEATED),
        ("Pacific/Auckland", wall(2026, 4, 5, 3, 0), ClockChange.NONE),
        ("UTC", wall(2026, 3, 29, 1, 30), ClockChange.NONE),
    ],
)
def test_the_clock_change_at_a_wall_time(zone, at, change):
    assert clock_change(at, zone) is change


@pytest.mark.parametrize(
    ("zone", "day", "clock", "read_as_written"),
    [
        ("Europe/London", date(2026, 3, 29), time(1, 30), utc(2026, 3, 29, 1, 30)),
        ("America/New_York", date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7, 30)),
        ("Australia/Sydney", date(2026, 10, 4), time(2, 30), utc(2026, 10, 3, 16, 30)),
        ("Pacific/Auckland", date(2026, 9, 27), time(2, 30), utc(2026, 9, 26, 14, 30)),
    ],
)
def test_a_skipped_time_is_refused_strictly_and_read_as_written_otherwise(
    zone, day, clock, read_as_written
):
    when = LocalWhen(day, zone, clock, fold=0)

    with pytest.raises(UnclearWallTimeError) as refused:
        when.instants()

    found = refused.value
    assert (found.label, found.wall, found.zone, found.change) == (
        "Start",
        datetime.combine(day, clock),
        zone,
        ClockChange.SKIPPED,
    )
    assert when.instants(strict=False) == (read_as_written, None)


@pytest.mark.parametrize(
    ("zone", "day", "clock", "first", "second"),
    [
        (
            "Europe/London",
            date(2026, 10, 25),
            time(1, 30),
            utc(2026, 10, 25, 0, 30),
            utc(2026, 10, 25, 1, 30),
        ),
        (
            "America/New_York",
            date(2026, 11, 1),
            time(1, 30),
            utc(2026, 11, 1, 5, 30),
            utc(2026, 11, 1, 6, 30),
        ),
        (
            "Australia/Sydney",
            date(2026, 4, 5),
            time(2, 30),
            utc(2026, 4, 4, 15, 30),
            utc(2026, 4, 4, 16, 30),
        ),
        (
            "Pacific/Auckland",
            date(2026, 4, 5),
            time(2, 30),
            utc(2026, 4, 4, 13, 30),
            utc(2026, 4, 4, 14, 30),
        ),
    ],
)
def test_a_repeated_time_needs_its_pass(zone, day, clock, first, second):
    unsaid = LocalWhen(day, zone, clock)

    with pytest.raises(UnclearWallTimeError) as refused:
        unsaid.instants()

    assert (refused.value.label, refused.value.change) == ("Start", ClockChange.REPEATED)
    assert [
        LocalWhen(day, zone, clock, fold=0).instants(),
        LocalWhen(day, zone, clock, fold=1).instants(),
        unsaid.instants(strict=False),
    ] == [(first, None), (second, None), (first, None)]


def test_an_unclear_end_is_named_as_the_end():
    overnight_into_the_repeat = LocalWhen(
        date(2026, 10, 24), "Europe/London", time(23), None, time(1, 30)
    )

    with pytest.raises(UnclearWallTimeError) as refused:
        overnight_into_the_repeat.instants()

    assert (refused.value.label, refused.value.wall, refused.value.change) == (
        "End",
        wall(2026, 10, 25, 1, 30),
        ClockChange.REPEATED,
    )
    assert str(refused.value) == (
        "01:30 on 25 October 2026 happens twice in Europe/London (the clocks go back then)"
    )


@pytest.mark.parametrize(
    ("start", "end_day", "end", "end_wall"),
    [
        (time(20), None, time(1), wall(2026, 7, 4, 1)),
        (time(20), None, time(5, 59), wall(2026, 7, 4, 5, 59)),
        (time(1), None, time(1), wall(2026, 7, 4, 1)),
        (time(19), None, time(21), wall(2026, 7, 3, 21)),
        (time(19), date(2026, 7, 3), time(18), wall(2026, 7, 3, 18)),  # given: left to check
        (time(19), date(2026, 7, 5), time(18), wall(2026, 7, 5, 18)),
        (time(19), None, None, None),
    ],
)
def test_the_overnight_rule(start, end_day, end, end_wall):
    assert LocalWhen(date(2026, 7, 3), "Europe/London", start, end_day, end).end_wall == end_wall


@pytest.mark.parametrize(
    ("start", "end"), [(time(19), time(18)), (time(22), time(6)), (time(19), time(19))]
)
def test_an_end_before_the_start_that_no_night_explains_is_refused(start, end):
    when = LocalWhen(date(2026, 7, 3), "Europe/London", start, None, end)

    with pytest.raises(EndBeforeStartError) as refused:
        when.instants()

    assert (refused.value.start, refused.value.end) == (start, end)
    assert when.clock_changes() == []


@pytest.mark.parametrize(
    ("start", "end", "when", "values"),
    [
        (
            date(2026, 7, 3),
            None,
            LocalWhen(date(2026, 7, 3), "Europe/London"),
            (date(2026, 7, 3), None),
        ),
        (
            date(2026, 7, 3),
            date(2026, 7, 5),
            LocalWhen(date(2026, 7, 3), "Europe/London", end_day=date(2026, 7, 5)),
            (date(2026, 7, 3), date(2026, 7, 5)),
        ),
        (
            wall(2026, 7, 3, 20),
            wall(2026, 7, 4, 1),
            LocalWhen(date(2026, 7, 3), "Europe/London", time(20), date(2026, 7, 4), time(1)),
            (wall(2026, 7, 3, 20), wall(2026, 7, 4, 1)),
        ),
        (
            wall(2026, 7, 3, 20),
            None,
            LocalWhen(date(2026, 7, 3), "Europe/London", time(20)),
            (wall(2026, 7, 3, 20), None),
        ),
    ],
)
def test_draft_values_read_and_given_back(start, end, when, values):
    read = LocalWhen.of(start, end, "Europe/London")

    assert (read, read.as_values()) == (when, values)


def _event(start: datetime, end: datetime | None, zone: str, all_day: bool = False) -> Event:
    return Event(title="T", start=start, end=end, timezone=zone, all_day=all_day)


@pytest.mark.parametrize(
    ("event", "when"),
    [
        (
            _event(utc(2026, 10, 25, 0, 30), None, "Europe/London"),
            LocalWhen(date(2026, 10, 25), "Europe/London", time(1, 30), fold=0),
        ),
        (
            _event(utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 3), "Europe/London"),
            LocalWhen(
                date(2026, 10, 25), "Europe/London", time(1, 30), date(2026, 10, 25), time(3), 1
            ),
        ),
        (
            _event(utc(2026, 4, 4, 16, 30), None, "Australia/Sydney"),
            LocalWhen(date(2026, 4, 5), "Australia/Sydney", time(2, 30), fold=1),
        ),
        (
            _event(utc(2026, 7, 3, 7), utc(2026, 7, 3, 13), "Pacific/Auckland"),
            LocalWhen(date(2026, 7, 3), "Pacific/Auckland", time(19), date(2026, 7, 4), time(1)),
        ),
        (
            _event(utc(2026, 10, 23, 23), utc(2026, 10, 26, 0), "Europe/London", all_day=True),
            LocalWhen(date(2026, 10, 24), "Europe/London", end_day=date(2026, 10, 25)),
        ),
        (
            _event(utc(2026, 10, 3, 14), utc(2026, 10, 4, 13), "Australia/Sydney", all_day=True),
            LocalWhen(date(2026, 10, 4), "Australia/Sydney"),
        ),
    ],
)
def test_a_stored_event_reads_back_as_its_local_time(event, when):
    assert event.local_when == when
    assert event.local_when.instants() == (event.start, event.end)
