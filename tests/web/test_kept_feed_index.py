"""Each worker keeps a feed's index and reads only the events stamped since: every change made
through another app instance on the same database shows in its next answer."""

import dataclasses
from datetime import timedelta

import pytest

from events_app import create_app, services
from events_app.domain import EventEdit, EventFilter
from events_app.store import repository
from tests.builders import event
from tests.conftest import BASE_URL, NOW


@pytest.fixture
def other(database_url):
    """A second app server on the same database, which has served the feed once already."""
    app = create_app({"DATABASE_URL": database_url, "BASE_URL": BASE_URL, "CLOCK": lambda: NOW})
    yield app
    app.extensions["events_db"].close()


@pytest.fixture
def meetings(store_events):
    return store_events(
        *[event(f"Meeting {n}", start=NOW + timedelta(days=n)) for n in range(1, 4)]
    )


def _titles(app) -> list[str]:
    body = app.test_client().get("/events.ics").data.decode()
    return [line[8:] for line in body.split("\r\n") if line.startswith("SUMMARY:")]


def _edit(session, event_id: int, **changes) -> None:
    before = repository.get_event_by_id(session, event_id)
    services.edit_event(
        session,
        event_id,
        dataclasses.replace(EventEdit.of(before), **changes),
        now=NOW + timedelta(minutes=1),
    )


def test_an_edit_that_moves_an_event_is_seen_in_its_new_place(other, meetings, app_session):
    assert _titles(other) == ["Meeting 1", "Meeting 2", "Meeting 3"]

    moved = NOW + timedelta(days=5)
    _edit(app_session, meetings[0].id, title="Moved", start=moved, end=moved + timedelta(hours=2))

    assert _titles(other) == ["Meeting 2", "Meeting 3", "Moved"]


def test_a_new_event_and_a_deleted_one_are_seen(other, meetings, app_session, store_events):
    assert _titles(other) == ["Meeting 1", "Meeting 2", "Meeting 3"]

    store_events(event("Added", start=NOW + timedelta(days=2, hours=1)))
    assert _titles(other) == ["Meeting 1", "Meeting 2", "Added", "Meeting 3"]

    services.delete(app_session, meetings[1].id, now=NOW)
    assert _titles(other) == ["Meeting 1", "Added", "Meeting 3"]


def test_a_delete_and_an_addition_between_two_answers_are_both_seen(
    other, meetings, app_session, store_events
):
    assert _titles(other) == ["Meeting 1", "Meeting 2", "Meeting 3"]

    services.delete(app_session, meetings[0].id, now=NOW)
    store_events(event("Added", start=NOW + timedelta(days=4)))

    assert _titles(other) == ["Meeting 2", "Meeting 3", "Added"]


def test_an_event_leaving_a_filtered_feed_is_seen(other, meetings, app_session):
    client = other.test_client()
    search = "/events.ics?q=Meeting"
    assert client.get(search).data.count(b"SUMMARY:Meeting") == 3

    _edit(app_session, meetings[2].id, title="Social")

    body = client.get(search).data.decode()
    titles = [line[8:] for line in body.split("\r\n") if line.startswith("SUMMARY:")]
    assert titles == ["Meeting 1", "Meeting 2"]


def test_every_change_is_stamped_with_the_data_version_it_made(meetings, app_session):
    before = repository.data_version(app_session)

    _edit(app_session, meetings[1].id, title="Renamed")

    changes = repository.feed_changes(app_session, EventFilter(), before)
    assert (changes.version, sorted(changes.changed), changes.count) == (
        repository.data_version(app_session),
        [meetings[1].id],
        3,
    )
    assert changes.version > before
