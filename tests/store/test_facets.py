"""Facet menus list a bounded number of the most used entries, by name."""

from datetime import timedelta

from events_app import listings, services
from events_app.store.repository import FACET_ENTRIES, FACET_TAGS, FacetOptions
from tests.builders import event, london, person, venue
from tests.conftest import NOW


def test_facet_menus_are_bounded_to_the_most_used(session):
    events = [
        event(f"Talk {n}", tags=["common", *(f"t{n}-{k:02}" for k in range(19))]) for n in range(4)
    ]
    events += [event(f"At {n}", venues=[venue(f"Hall {n:03}")]) for n in range(FACET_ENTRIES + 5)]
    events.append(event("Again", venues=[venue("Hall 104")]))
    services.create_events(session, events, now=NOW, uid_domain="example.org")

    options = listings.facet_options(session, NOW)

    once = [f"t{n}-{k:02}" for n in range(3) for k in range(19)][: FACET_TAGS - 1]
    assert options.tags == sorted(["common", *once])
    halls = [f"Hall {n:03}" for n in range(FACET_ENTRIES - 1)] + ["Hall 104"]
    assert options.venues == [(name.lower().replace(" ", "-"), name) for name in halls]


def test_facet_menus_offer_only_what_upcoming_events_name(session):
    """A venue, speaker or tag that only past events (or drafts) name is not offered: the
    visitor filtering the upcoming listing would find nothing there."""
    services.create_events(
        session,
        [
            event(
                "Last year's rally",
                start=london(2025, 11, 1, 18, 0),
                venues=[venue("Old Hall")],
                speakers=[person("Past Speaker")],
                tags=["history"],
            ),
            event(
                "Still on",
                start=NOW - timedelta(hours=1),
                venues=[venue("Busy Hall")],
                tags=["ongoing"],
            ),
            event(
                "Next month",
                venues=[venue("Conway Hall")],
                speakers=[person("Owen Jones")],
                tags=["climate"],
            ),
            event("Unpublished", published=False, venues=[venue("Draft Room")], tags=["secret"]),
        ],
        now=NOW,
        uid_domain="example.org",
    )

    options = listings.facet_options(session, NOW)

    assert options == FacetOptions(
        venues=[("busy-hall", "Busy Hall"), ("conway-hall", "Conway Hall")],
        speakers=[("owen-jones", "Owen Jones")],
        tags=["climate", "ongoing"],
    )
