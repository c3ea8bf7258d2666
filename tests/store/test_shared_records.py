"""Venues and people are shared by every event that names them: what one organiser's event
says of them never changes what another's shows; it waits as a suggestion for an admin. And
the public only sees the ones that a published event names."""

from __future__ import annotations

import pytest

from events_app import accounts, listings, services
from events_app.domain import Role
from events_app.store import directory, repository
from tests.builders import event, person, venue
from tests.conftest import NOW, PASSWORD


def store(session, *events):
    return services.create_events(session, list(events), now=NOW, uid_domain="example.org")


@pytest.fixture
def two_organisers(session):
    first = accounts.create_user(session, "first@example.org", PASSWORD, Role.ORGANISER, NOW)
    second = accounts.create_user(session, "second@example.org", PASSWORD, Role.ORGANISER, NOW)
    return first, second


@pytest.mark.parametrize("published", [False, True], ids=["draft", "published"])
def test_another_organisers_event_does_not_rewrite_a_shared_venue_or_person(
    session, two_organisers, published
):
    first, second = two_organisers
    [theirs] = store(
        session,
        event(
            "Rally",
            owner_id=first.id,
            venues=[venue("Student Central", postcode="WC1E")],
            speakers=[person("Alice Example", affiliation="UCL")],
        ),
    )
    store(
        session,
        event(
            "Scam",
            owner_id=second.id,
            published=published,
            venues=[
                venue("Student Central", address="666 Attacker Road", postcode="WC1E 7HY", city="X")
            ],
            speakers=[person("Alice Example", honorific="MP", affiliation="Uni of X")],
        ),
    )

    after = repository.get_event_by_id(session, theirs.id)
    assert (after.venues, after.speakers, after.sequence, after.revision) == (
        theirs.venues,
        theirs.speakers,
        theirs.sequence,
        theirs.revision,
    )
    assert [(s.target_name, s.changes, s.suggested_by) for s in _all_suggestions(session)] == [
        (
            "Student Central",
            {"address": "666 Attacker Road", "city": "X", "postcode": "WC1E 7HY"},
            "second@example.org",
        ),
        ("Alice Example", {"affiliation": "Uni of X", "honorific": "MP"}, "second@example.org"),
    ]


def _all_suggestions(session):
    return directory.list_suggestions(session, "venue") + directory.list_suggestions(
        session, "person"
    )


def test_an_accepted_suggestion_changes_the_record_and_raises_sequence(session, two_organisers):
    first, second = two_organisers
    [theirs] = store(session, event("Rally", owner_id=first.id, venues=[venue("Conway Hall")]))
    store(
        session,
        event(
            "Talk",
            owner_id=second.id,
            published=False,
            venues=[venue("Conway Hall", address="25 Red Lion Square")],
        ),
    )
    [waiting] = directory.list_suggestions(session, "venue")

    services.accept_suggestion(session, "venue", waiting.id, now=NOW)

    after = repository.get_event_by_id(session, theirs.id)
    assert (
        after.venues[0].address,
        after.sequence,
        directory.list_suggestions(session, "venue"),
    ) == (
        "25 Red Lion Square",
        theirs.sequence + 1,
        [],
    )


def test_a_rejected_suggestion_changes_nothing(session, two_organisers):
    first, second = two_organisers
    [theirs] = store(session, event("Rally", owner_id=first.id, speakers=[person("Ann Lee")]))
    store(session, event("Talk", owner_id=second.id, speakers=[person("ann lee", honorific="Dr")]))
    [waiting] = directory.list_suggestions(session, "person")

    services.reject_suggestion(session, "person", waiting.id)

    after = repository.get_event_by_id(session, theirs.id)
    assert (after.speakers, directory.list_suggestions(session, "person")) == (
        theirs.speakers,
        [],
    )


def test_one_person_however_their_name_is_cased_or_accented(session):
    spellings = [
        "José Müller-Østergaard",
        "JOSÉ MÜLLER-ØSTERGAARD",
        "jose muller ostergaard",
        "José  Müller Østergaard",
    ]
    stored = store(
        session, *[event(f"Talk {n}", speakers=[person(name)]) for n, name in enumerate(spellings)]
    )

    assert {(e.speakers[0].id, e.speakers[0].slug) for e in stored} == {
        (stored[0].speakers[0].id, "jose-muller-ostergaard")
    }


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Κέντρο Πολιτισμού", "κεντρο-πολιτισμου"),
        ("文化会馆", "文化会馆"),
        ("Дом культуры", "дом-культуры"),
    ],
)
def test_a_name_without_latin_letters_gets_a_readable_slug(session, name, slug):
    [saved] = store(session, event("Concert", venues=[venue(name)]))

    assert (saved.venues[0].slug, repository.get_venue(session, slug).name) == (slug, name)


def test_venues_and_speakers_named_only_in_drafts_or_deleted_events_stay_private(session):
    [draft] = store(
        session,
        event(
            "Secret",
            published=False,
            venues=[venue("Hidden Room", address="1 Quiet Lane")],
            speakers=[person("Quiet Speaker")],
        ),
    )
    [gone] = store(
        session, event("Gone", venues=[venue("Old Hall")], speakers=[person("Old Speaker")])
    )
    [public] = store(
        session, event("Open", venues=[venue("Open Hall")], speakers=[person("Open Speaker")])
    )
    services.delete(session, gone.id, now=NOW)

    venues = [repository.get_venue(session, e.venues[0].slug) for e in (draft, gone, public)]
    people = [repository.get_person(session, e.speakers[0].slug) for e in (draft, gone, public)]
    options = listings.facet_options(session, NOW)
    assert (venues, people) == ([None, None, public.venues[0]], [None, None, public.speakers[0]])
    assert (
        options.venues,
        options.speakers,
        [v.name for v in repository.list_venues(session)],
    ) == (
        [("open-hall", "Open Hall")],
        [("open-speaker", "Open Speaker")],
        ["Open Hall"],
    )


def test_a_venue_only_drafts_name_takes_the_details_of_the_first_published_event(
    session, two_organisers
):
    """A draft naming a place first must not fix the address that later published events show:
    until a published event names the record, it is no one's public word."""
    first, second = two_organisers
    store(
        session,
        event(
            "Planning",
            owner_id=first.id,
            published=False,
            venues=[venue("Riverside Hall", address="666 Attacker Road")],
            speakers=[person("Ben Example", affiliation="Nowhere Ltd")],
        ),
    )
    [published] = store(
        session,
        event(
            "Concert",
            owner_id=second.id,
            venues=[venue("Riverside Hall", address="1 Quay Street")],
            speakers=[person("Ben Example", affiliation="City Orchestra")],
        ),
    )
    later = event(
        "Recital",
        owner_id=first.id,
        venues=[venue("Riverside Hall", address="666 Attacker Road")],
        speakers=[person("Ben Example", affiliation="Nowhere Ltd")],
    )
    store(session, later)

    shown = repository.get_event_by_id(session, published.id)
    assert (
        [(v.name, v.address) for v in shown.venues],
        [(p.name, p.affiliation) for p in shown.speakers],
        [s.changes for s in directory.list_suggestions(session, "venue")],
    ) == (
        [("Riverside Hall", "1 Quay Street")],
        [("Ben Example", "City Orchestra")],
        [{"address": "666 Attacker Road"}],
    )
