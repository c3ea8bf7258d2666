"""The data version goes up by exactly one for each use case that changes what feeds show:
every response cache keyed by it rebuilds once per change, not once per row the change
touched (an edit that also stamps a festival's sessions, a batch of events, a merge)."""

import dataclasses
from datetime import timedelta

import pytest

from events_app import services
from events_app.domain import EventEdit, EventFilter
from events_app.store import repository
from tests.builders import child_of, event, london, person, venue
from tests.conftest import NOW

LATER = NOW + timedelta(hours=1)


@pytest.fixture
def festival(session):
    """A festival with two sessions, at two venues, with a speaker."""
    return services.create_events(
        session,
        [
            event("Festival", venues=[venue("Conway Hall")], speakers=[person()]),
            event("Talk", start=london(2027, 1, 14, 19, 0), parent=child_of("Festival")),
            event("Panel", start=london(2027, 1, 14, 20, 0), parent=child_of("Festival")),
            event("Elsewhere", venues=[venue("Camden Town Hall")], published=False),
        ],
        now=NOW,
        uid_domain="example.org",
    )


def _retitle(session, stored):
    edit = dataclasses.replace(EventEdit.of(stored[0]), title="Winter festival")
    services.edit_event(session, stored[0].id, edit, now=LATER)


def _move(session, stored):
    edit = dataclasses.replace(EventEdit.of(stored[1]), venues=[venue("Bishopsgate Institute")])
    services.edit_event(session, stored[1].id, edit, now=LATER)


def _rename_venue(session, stored):
    hall = stored[0].venues[0]
    services.edit_venue(session, dataclasses.replace(hall, name="Conway Hall WC1"), now=LATER)


def _merge_venues(session, stored):
    services.merge_venues(session, stored[3].venues[0].id, stored[0].venues[0].id, now=LATER)


def _rename_person(session, stored):
    speaker = stored[0].speakers[0]
    services.edit_person(session, dataclasses.replace(speaker, name="O. Jones"), now=LATER)


def _add_batch(session, _stored):
    services.create_events(
        session,
        [event("Extra", start=london(2027, 2, day, 18, 0)) for day in (1, 2, 3)],
        now=LATER,
        uid_domain="example.org",
    )


USE_CASES = {
    "edit a festival's title (its sessions re-render too)": _retitle,
    "move a session to another venue": _move,
    "publish a draft": lambda session, stored: services.publish(session, stored[3].id, now=LATER),
    "cancel": lambda session, stored: services.cancel(session, stored[1].id, now=LATER),
    "delete a festival with its sessions": lambda session, stored: services.delete(
        session, stored[0].id, now=LATER, with_sessions=True
    ),
    "rename a venue": _rename_venue,
    "merge two venues": _merge_venues,
    "rename a speaker": _rename_person,
    "add three events in one batch": _add_batch,
}


@pytest.mark.parametrize("change", USE_CASES.values(), ids=USE_CASES.keys())
def test_each_change_raises_the_data_version_once(session, festival, change):
    before = repository.data_version(session)
    session.rollback()

    change(session, festival)

    assert repository.data_version(session) == before + 1


def test_changes_are_stamped_with_the_version_they_made(session, festival):
    """What a feed index reads back as changed since the old version: every event the edit
    touched (the festival and both its sessions), and the one new version."""
    before = repository.data_version(session)
    session.rollback()

    _retitle(session, festival)

    changes = repository.feed_changes(session, EventFilter(), before)
    assert (changes.version, sorted(changes.changed)) == (
        before + 1,
        sorted(e.id for e in festival[:3]),
    )
