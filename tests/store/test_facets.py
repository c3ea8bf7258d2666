"""Facet menus list a bounded number of the most used entries, by name."""

from events_app import services
from events_app.store import repository
from events_app.store.repository import FACET_ENTRIES, FACET_TAGS
from tests.builders import event, venue
from tests.conftest import NOW


def test_facet_menus_are_bounded_to_the_most_used(session):
    events = [
        event(f"Talk {n}", tags=["common", *(f"t{n}-{k:02}" for k in range(19))]) for n in range(4)
    ]
    events += [event(f"At {n}", venues=[venue(f"Hall {n:03}")]) for n in range(FACET_ENTRIES + 5)]
    events.append(event("Again", venues=[venue("Hall 104")]))
    services.create_events(session, events, now=NOW, uid_domain="example.org")

    options = repository.facet_options(session)

    once = [f"t{n}-{k:02}" for n in range(3) for k in range(19)][: FACET_TAGS - 1]
    assert options.tags == sorted(["common", *once])
    halls = [f"Hall {n:03}" for n in range(FACET_ENTRIES - 1)] + ["Hall 104"]
    assert options.venues == [(name.lower().replace(" ", "-"), name) for name in halls]
