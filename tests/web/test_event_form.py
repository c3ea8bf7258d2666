"""The organiser's form reads its date and time boxes through the one local-time model: what
the boxes say becomes instants, or a refusal naming the box, and a stored event's instants
become the boxes again (with the pass of a repeated hour)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from events_app.domain import Event, InvalidEventError
from events_app.web.forms import EventForm, event_from_form, form_from_event


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def form(zone: str = "Europe/London", **boxes: str) -> EventForm:
    return EventForm(title="Night bus", timezone=zone, **boxes)


@pytest.mark.parametrize(
    ("values", "read"),
    [
        (
            form(start_date="2026-07-03", start_time="19:00", end_time="21:00"),
            (utc(2026, 7, 3, 18), utc(2026, 7, 3, 20), False, False),
        ),
        (
            form(start_date="2026-07-03", start_time="22:00", end_time="01:00"),
            (utc(2026, 7, 3, 21), utc(2026, 7, 4, 0), False, False),
        ),
        (
            form(
                start_date="2026-07-03",
                start_time="22:00",
                end_date="2026-07-05",
                end_time="01:00",
            ),
            (utc(2026, 7, 3, 21), utc(2026, 7, 5, 0), False, False),
        ),
        (
            form("Australia/Sydney", start_date="2026-04-04", start_time="22:00", end_time="04:00"),
            (utc(2026, 4, 4, 11), utc(2026, 4, 4, 18), False, False),
        ),
        (
            form(start_date="2026-10-25", start_time="01:30", clock_pass="first"),
            (utc(2026, 10, 25, 0, 30), None, False, False),
        ),
        (
            form(
                "Pacific/Auckland", start_date="2026-04-05", start_time="02:30", clock_pass="second"
            ),
            (utc(2026, 4, 4, 14, 30), None, False, False),
        ),
        (
            form(
                start_date="2026-10-24", start_time="23:00", end_time="01:30", clock_pass="second"
            ),
            (utc(2026, 10, 24, 22), utc(2026, 10, 25, 1, 30), False, False),
        ),
        (
            form(start_date="2026-10-24", end_date="2026-10-25"),
            (utc(2026, 10, 23, 23), utc(2026, 10, 26, 0), True, True),
        ),
        (
            form("America/New_York", start_date="2026-12-31", all_day=True),
            (utc(2026, 12, 31, 5), utc(2027, 1, 1, 5), True, False),
        ),
    ],
)
def test_the_boxes_become_instants(values, read):
    event = event_from_form(values)

    assert (event.start, event.end, event.all_day, event.time_tba) == read


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            form(start_date="2026-07-03", start_time="19:00", end_time="18:00"),
            "The end (18:00) is before the start (19:00); for an event that runs overnight, "
            "give the end date too",
        ),
        (
            form("America/New_York", start_date="2026-03-08", start_time="02:30"),
            "Start: 02:30 on 8 March 2026 does not exist in America/New_York (the clocks go "
            "forward then)",
        ),
        (
            form(start_date="2026-03-29", start_time="00:30", end_time="01:30"),
            "End: 01:30 on 29 March 2026 does not exist in Europe/London (the clocks go "
            "forward then)",
        ),
        (
            form("Australia/Sydney", start_date="2026-04-05", start_time="02:30"),
            "Start: 02:30 on 5 April 2026 happens twice in Australia/Sydney (the clocks go "
            "back then): choose the first or the second in “Which pass”",
        ),
        (
            # overnight into the repeated hour: the end's own day is the one asked about
            form(start_date="2026-10-24", start_time="23:00", end_time="01:30"),
            "End: 01:30 on 25 October 2026 happens twice in Europe/London (the clocks go "
            "back then): choose the first or the second in “Which pass”",
        ),
    ],
)
def test_boxes_the_clock_cannot_read_are_refused_by_name(values, message):
    with pytest.raises(InvalidEventError) as refused:
        event_from_form(values)

    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("values", "asks"),
    [
        (form(start_date="2026-10-25", start_time="01:30"), True),
        (form(start_date="2026-10-24", start_time="23:00", end_time="01:30"), True),
        (form(start_date="2026-10-25", start_time="01:30", end_time="18:00"), True),
        (form(start_date="2026-10-25", start_time="03:00", end_time="01:30"), False),
        (form(start_date="2026-03-29", start_time="01:30"), False),
        (form(start_date="2026-10-25"), False),
        (form("Nowhere/Atlantis", start_date="2026-10-25", start_time="01:30"), False),
    ],
)
def test_the_form_asks_which_pass_only_for_a_repeated_hour(values, asks):
    assert values.repeated_hour is asks


def _boxes(shown: EventForm) -> tuple[str, str, str, str, str]:
    return (shown.start_date, shown.start_time, shown.end_date, shown.end_time, shown.clock_pass)


@pytest.mark.parametrize(
    ("event", "boxes"),
    [
        (
            Event("T", utc(2026, 10, 25, 1, 30), "Europe/London", utc(2026, 10, 25, 3)),
            ("2026-10-25", "01:30", "", "03:00", "second"),
        ),
        (
            Event("T", utc(2026, 10, 24, 22), "Europe/London", utc(2026, 10, 25, 0, 30)),
            ("2026-10-24", "23:00", "2026-10-25", "01:30", "first"),
        ),
        (
            Event("T", utc(2026, 7, 3, 7), "Pacific/Auckland", utc(2026, 7, 3, 9)),
            ("2026-07-03", "19:00", "", "21:00", ""),
        ),
        (
            Event("T", utc(2026, 10, 23, 23), "Europe/London", utc(2026, 10, 26), all_day=True),
            ("2026-10-24", "", "2026-10-25", "", ""),
        ),
    ],
)
def test_a_stored_event_fills_the_boxes_that_give_it_back(event, boxes):
    shown = form_from_event(event)
    again = event_from_form(shown)

    assert (_boxes(shown), again.start, again.end) == (boxes, event.start, event.end)
