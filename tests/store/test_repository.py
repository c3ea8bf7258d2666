from datetime import UTC, datetime, timedelta

import pytest

from events_app import listings, services
from events_app.domain import EventFilter, EventStatus, Link, LinkKind, slugify
from events_app.store import directory, repository
from tests.builders import child_of, event, london, person, venue
from tests.conftest import NOW


def store(session, *events):
    return services.create_events(session, list(events), now=NOW, uid_domain="example.org")


def test_saved_event_round_trips_every_field(session):
    original = event(
        "Climate jobs day school",
        description="Workshops & a rally;\nall welcome",
        start=london(2027, 5, 16, 10, 0),
        end=london(2027, 5, 16, 17, 0),
        venues=[
            venue(
                "Conway Hall",
                address="25 Red Lion Square",
                postcode="WC1R 4RL",
                city="London",
                latitude=51.5194,
                longitude=-0.1184,
            )
        ],
        speakers=[
            person("John McDonnell", honorific="MP"),
            person("Steve Turner", affiliation="Unite the Union"),
        ],
        organiser="Campaign against Climate Change",
        links=[Link("https://example.org/tickets", LinkKind.TICKETS, "Book", "£5")],
        tags=["Climate", "dayschool"],
        online=False,
        recurrence=None,
        source_text="Climate jobs day school, Saturday 16 May",
        status=EventStatus.TENTATIVE,
    )
    [saved] = store(session, original)

    loaded = repository.get_event(session, saved.slug)

    assert loaded is not None
    assert loaded.title == original.title
    assert loaded.description == original.description
    assert loaded.start == datetime(2027, 5, 16, 9, 0, tzinfo=UTC)
    assert loaded.end == datetime(2027, 5, 16, 16, 0, tzinfo=UTC)
    assert loaded.local_start.hour == 10
    assert loaded.timezone == "Europe/London"
    assert loaded.status == EventStatus.TENTATIVE
    assert [
        (v.name, v.address, v.postcode, v.city, v.latitude, v.longitude) for v in loaded.venues
    ] == [("Conway Hall", "25 Red Lion Square", "WC1R 4RL", "London", 51.5194, -0.1184)]
    assert [(p.name, p.honorific, p.affiliation) for p in loaded.speakers] == [
        ("John McDonnell", "MP", ""),
        ("Steve Turner", "", "Unite the Union"),
    ]
    assert loaded.organiser == "Campaign against Climate Change"
    assert loaded.links == [Link("https://example.org/tickets", LinkKind.TICKETS, "Book", "£5")]
    assert loaded.tags == ["climate", "dayschool"]
    assert loaded.source_text == original.source_text
    assert loaded.uid.endswith("@example.org")
    assert loaded.sequence == 0
    assert loaded.created_at == NOW


def test_venues_and_people_are_shared_between_events(session):
    first, second = store(
        session,
        event(
            "Rally",
            venues=[venue("Student Central", postcode="WC1E")],
            speakers=[person("Diane Abbott", honorific="MP")],
        ),
        event(
            "Day school",
            venues=[venue("student central", address="Malet Street")],
            speakers=[person("DIANE ABBOTT")],
        ),
    )

    assert first.venues[0].id == second.venues[0].id
    assert first.speakers[0].id == second.speakers[0].id
    shared = repository.get_venue(session, first.venues[0].slug)
    assert (shared.name, shared.postcode, shared.address) == ("Student Central", "WC1E", "")
    assert [(s.target_name, s.changes) for s in directory.list_suggestions(session, "venue")] == [
        ("Student Central", {"address": "Malet Street"})
    ]


def test_same_name_in_another_postcode_is_another_venue(session):
    first, second = store(
        session,
        event("A", venues=[venue("Friends Meeting House", postcode="NW1 2BJ")]),
        event("B", venues=[venue("Friends Meeting House", postcode="M2 5NS")]),
    )

    assert first.venues[0].id != second.venues[0].id
    assert second.venues[0].slug == "friends-meeting-house-2"


def test_slugs_stay_unique_for_the_same_title_and_day(session):
    first, second = store(session, event("Film night"), event("Film night"))

    assert first.slug == "film-night-2027-01-14"
    assert second.slug == "film-night-2027-01-14-2"


def test_long_titles_and_names_make_slugs_that_end_at_a_whole_word(session):
    [stored] = store(
        session,
        event(
            "Climate, housing and the future of work: a day school for trade unionists",
            venues=[
                venue(
                    "The Bishopsgate Institute Great Hall and the Library Reading Rooms of "
                    "Bishopsgate, London"
                )
            ],
        ),
    )

    assert stored.slug == "climate-housing-and-the-future-of-work-a-day-school-for-2027-01-14"
    assert stored.venues[0].slug == (
        "the-bishopsgate-institute-great-hall-and-the-library-reading-rooms-of"
    )


def test_a_single_word_longer_than_a_slug_is_cut_at_the_limit():
    assert slugify("Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", 20) == (
        "llanfairpwllgwyngyll"
    )
    assert slugify("Film night at the Rio", 14) == "film-night-at"


def test_sessions_link_to_their_festival(session):
    festival, rally = store(
        session,
        event("Arise festival", start=london(2027, 7, 28, 10, 0)),
        event(
            "Opening rally",
            start=london(2027, 7, 27, 18, 30),
            end=None,
            parent=child_of("Arise festival"),
        ),
    )

    loaded_festival = repository.get_event(session, festival.slug)
    loaded_rally = repository.get_event(session, rally.slug)

    assert [s.title for s in loaded_festival.sessions] == ["Opening rally"]
    assert loaded_rally.parent.title == "Arise festival"
    assert loaded_rally.parent.uid == festival.uid


def test_drafts_are_hidden_unless_asked_for(session):
    [draft] = store(session, event("Draft meeting", published=False))

    assert repository.get_event(session, draft.slug) is None
    assert repository.get_event(session, draft.slug, include_drafts=True).title == "Draft meeting"
    assert repository.list_events(session, EventFilter()) == []


@pytest.fixture
def listed(session):
    return store(
        session,
        event(
            "Housing rights webinar",
            description="Renters reform explained",
            start=london(2027, 2, 3, 19, 30),
            end=None,
            online=True,
            tags=["housing"],
        ),
        event(
            "Branch meeting",
            venues=[venue("Camden Town Hall")],
            speakers=[person("Jane Smith")],
            start=london(2027, 3, 1, 18),
            end=None,
        ),
        event(
            "Book launch",
            venues=[venue("Housmans Bookshop")],
            speakers=[person("Gary Younge")],
            start=london(2027, 4, 1, 18, 30),
            end=None,
            tags=["books"],
        ),
    )


@pytest.mark.parametrize(
    ("criteria", "titles"),
    [
        (EventFilter(), ["Housing rights webinar", "Branch meeting", "Book launch"]),
        (EventFilter(venue="camden-town-hall"), ["Branch meeting"]),
        (EventFilter(speaker="gary-younge"), ["Book launch"]),
        (EventFilter(tag="Housing"), ["Housing rights webinar"]),
        (EventFilter(text="renters"), ["Housing rights webinar"]),
        (EventFilter(text="housmans"), ["Book launch"]),
        (EventFilter(text="jane"), ["Branch meeting"]),
        (EventFilter(text="book younge"), ["Book launch"]),
        (EventFilter(text="book smith"), []),
        (EventFilter(text="%"), []),
        (EventFilter(text="_"), []),
        (EventFilter(ends_after=london(2027, 3, 1, 0)), ["Branch meeting", "Book launch"]),
        (
            EventFilter(starts_before=london(2027, 3, 2, 0)),
            ["Housing rights webinar", "Branch meeting"],
        ),
    ],
    ids=[
        "all",
        "venue",
        "speaker",
        "tag",
        "description",
        "venue-name",
        "speaker-name",
        "two-words",
        "words-must-all-match",
        "percent-is-literal",
        "underscore-is-literal",
        "ends-after",
        "starts-before",
    ],
)
def test_list_events_filters(session, listed, criteria, titles):
    assert [e.title for e in repository.list_events(session, criteria)] == titles
    assert repository.count_events(session, criteria) == len(titles)


def test_upcoming_and_past_split_at_now(session):
    store(
        session,
        event("Yesterday", start=NOW - timedelta(days=1), end=None),
        event("Running now", start=NOW - timedelta(hours=1), end=NOW + timedelta(hours=1)),
        event("Tomorrow", start=NOW + timedelta(days=1), end=None),
    )

    upcoming = listings.upcoming(session, EventFilter(), NOW)
    past = listings.past(session, EventFilter(), NOW)

    assert [e.title for e in upcoming] == ["Running now", "Tomorrow"]
    assert [e.title for e in past] == ["Yesterday"]


def test_delete_removes_the_event_and_its_links(session):
    [saved] = store(
        session,
        event(
            links=[Link("https://example.org", LinkKind.EVENT_PAGE)], tags=["x"], venues=[venue()]
        ),
    )

    services.delete(session, saved.id, now=NOW)

    assert repository.get_event_by_id(session, saved.id) is None
    assert directory.get_venue_by_id(session, saved.venues[0].id) == saved.venues[0]
    assert repository.get_venue(session, saved.venues[0].slug) is None
    with pytest.raises(services.NotFoundError):
        services.delete(session, saved.id, now=NOW)
