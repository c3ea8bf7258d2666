"""What may be stored: days a calendar can carry, repeat rules in their canonical form, a
bounded set of tags; and the parser's drafts held to the same rules at the service boundary."""

import dataclasses
from datetime import UTC, date, datetime

import pytest

from events_app import services
from events_app.domain import (
    EventEdit,
    EventFilter,
    InvalidEntryError,
    InvalidEventError,
    InvalidPersonError,
    InvalidVenueError,
    Person,
    Venue,
)
from events_app.store import repository
from events_app.web.errors import status_of
from tests.builders import event, london
from tests.conftest import NOW


def store(session, *events):
    return services.create_events(session, list(events), now=NOW, uid_domain="example.org")


@pytest.mark.parametrize(
    "start",
    [
        datetime(9998, 6, 1, 18, 0, tzinfo=UTC),
        datetime(1, 1, 1, 18, 0, tzinfo=UTC),
        datetime(1899, 12, 31, 23, 0, tzinfo=UTC),
    ],
    ids=["year-9998", "year-1", "1899"],
)
def test_a_day_no_calendar_can_carry_is_refused_and_nothing_stored(session, start):
    with pytest.raises(InvalidEventError, match="between the years 1900 and 2200"):
        store(session, event("Far away", start=start, end=None))

    assert repository.list_events(session, EventFilter(include_drafts=True)) == []


def test_an_update_to_year_9999_is_refused(session):
    [stored] = store(session, event("Talk"))

    with pytest.raises(InvalidEventError, match="between the years 1900 and 2200"):
        services.edit_event(
            session,
            stored.id,
            EventEdit.of(event("Talk", start=datetime(9999, 1, 1, tzinfo=UTC), end=None)),
            now=NOW,
        )

    assert repository.get_event_by_id(session, stored.id).start == stored.start


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("freq=weekly;byday=tu", "FREQ=WEEKLY;BYDAY=TU"),
        ("RRULE:FREQ=MONTHLY;BYDAY=1SA", "FREQ=MONTHLY;BYDAY=1SA"),
        ("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5", "FREQ=WEEKLY;COUNT=5;BYDAY=MO,WE"),
        ("  FREQ=DAILY;UNTIL=20270301T000000Z ", "FREQ=DAILY;UNTIL=20270301T000000Z"),
        ("", None),
    ],
)
def test_repeat_rules_are_stored_in_canonical_form(session, written, stored):
    [saved] = store(session, event("Weekly", recurrence=written))

    assert repository.get_event_by_id(session, saved.id).recurrence == stored


@pytest.mark.parametrize(
    "rule", ["FREQ=FOO", "FREQ", "every week", "FREQ=YEARLY;BYMONTH=13", "FREQ=MINUTELY"]
)
def test_a_rule_that_does_not_check_out_is_refused(session, rule):
    with pytest.raises(InvalidEventError, match="Repeat rule"):
        store(session, event("Weekly", recurrence=rule))

    assert repository.list_events(session, EventFilter(include_drafts=True)) == []


@pytest.mark.parametrize("year", [1, 1899, 9998, 9999])
def test_the_parsers_drafts_on_impossible_days_are_left_out_with_a_warning(year):
    """A year the text leaves unwritten comes from the caller's fallback: one far away must not
    give a draft that publishing would store and the feeds could not render."""
    result = services.read_announcement(
        "Meeting on 1 January at 7pm at Conway Hall.",
        reference_date=None,
        timezone="Europe/London",
        fallback_year=year,
    )

    assert (result.drafts, result.warnings) == (
        [],
        ["“Meeting” left out: The date must be between the years 1900 and 2200"],
    )


def test_drafts_on_days_a_calendar_carries_are_kept():
    result = services.read_announcement(
        "Meeting on Thursday 14 January 2027 at 7pm at Conway Hall.",
        reference_date=date(2026, 12, 1),
        timezone="Europe/London",
        fallback_year=2026,
    )

    assert [(d.title, d.start) for d in result.drafts] == [
        ("Meeting", datetime(2027, 1, 14, 19, 0))
    ]


def test_an_impossible_reference_date_is_refused():
    with pytest.raises(InvalidEventError, match="The reference date must be between"):
        services.read_announcement(
            "Meeting on 1 March at 7pm.",
            reference_date=date(9999, 12, 31),
            timezone="Europe/London",
            fallback_year=2026,
        )


def test_tags_are_bounded_per_event(session):
    with pytest.raises(InvalidEventError, match="Too many tags: at most 20 per event"):
        store(session, event("Tagged", tags=[f"t{n}" for n in range(21)]))
    [saved] = store(session, event("Tagged", tags=[f"t{n:02}" for n in range(20)]))

    assert repository.get_event_by_id(session, saved.id).tags == [f"t{n:02}" for n in range(20)]


def test_a_london_evening_in_2200_is_still_a_day_a_calendar_carries(session):
    [saved] = store(session, event("Late", start=london(2200, 12, 31, 18, 0), end=None))

    assert repository.get_event_by_id(session, saved.id).start == datetime(
        2200, 12, 31, 18, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("entry", "edit", "error", "message"),
    [
        (
            Venue("", "1 Red Lion Square"),
            services.edit_venue,
            InvalidVenueError,
            "Every venue needs a name",
        ),
        (
            Venue("Hall", latitude=91.0),
            services.edit_venue,
            InvalidVenueError,
            "Latitude must be between -90 and 90",
        ),
        (
            Person("A" * 301),
            services.edit_person,
            InvalidPersonError,
            "Speaker name is too long: at most 300 characters",
        ),
    ],
)
def test_a_shared_venue_or_speaker_is_refused_with_its_own_error(
    session, entry, edit, error, message
):
    with pytest.raises(InvalidEntryError) as refused:
        edit(session, dataclasses.replace(entry, id=1), now=NOW)

    assert (type(refused.value), str(refused.value), status_of(refused.value)) == (
        error,
        message,
        422,
    )


def test_a_bad_venue_inside_an_event_makes_the_event_invalid(session):
    with pytest.raises(InvalidEventError) as refused:
        store(session, event("Talk", venues=[Venue("")]))

    assert (type(refused.value), str(refused.value)) == (
        InvalidEventError,
        "Every venue needs a name",
    )
    assert repository.list_events(session, EventFilter(include_drafts=True)) == []
