"""Speakers, venues, links and online events, read through parse_announcement."""

from datetime import date

import pytest

from events_app.domain import Person
from events_app.parsing import draft_to_dict, parse_announcement

WHEN = "Tuesday 14 April 2026, 6pm"


def read_one(text: str) -> dict:
    [draft] = parse_announcement(text, reference_date=date(2026, 4, 1)).drafts
    return draft_to_dict(draft)


@pytest.mark.parametrize(
    ("sentence", "people"),
    [
        (
            "Speakers: Jane Smith (branch secretary) and Ahmed Khan.",
            [("Jane Smith", None, "branch secretary"), ("Ahmed Khan", None, None)],
        ),
        (
            "Participants include John McDonnell MP, Shami Chakrabarti, Steve Turner of Unite the "
            "Union and more.",
            [
                ("John McDonnell", "MP", None),
                ("Shami Chakrabarti", None, None),
                ("Steve Turner", None, "Unite the Union"),
            ],
        ),
        ("A talk by Dr. Maria Chen (Stanford).", [("Maria Chen", "Dr", "Stanford")]),
        (
            "Author Gary Younge in conversation with Afua Hirsch.",
            [("Gary Younge", None, None), ("Afua Hirsch", None, None)],
        ),
        ("Chaired by Professor Helen Walsh.", [("Helen Walsh", "Professor", None)]),
        ("Mayor Lisa Park will take questions.", [("Lisa Park", "Mayor", None)]),
        (
            "With Siân Berry and Tom Copley.",
            [("Siân Berry", None, None), ("Tom Copley", None, None)],
        ),
        ("Speakers include Cllr Bev Craig, and special guests.", [("Bev Craig", "Cllr", None)]),
        ("With music, debates and the traditional procession.", []),
        (
            "Priya Raman, a housing lawyer, will shed light on tenancy law.",
            [("Priya Raman", None, "a housing lawyer")],
        ),
        ("Harbour Trust Chief Executive Ann Lee will speak.", [("Ann Lee", None, None)]),
        (
            "Speakers: Green Party Leader Priya Raman and Tom Ives.",
            [("Priya Raman", None, None), ("Tom Ives", None, None)],
        ),
        (
            "Presented by Lantern Arts and Copper Sounds. Music from Ana Ruiz.",
            [("Ana Ruiz", None, None)],
        ),
        ("Organised by Harbour Friends. Ana Ruiz will speak.", [("Ana Ruiz", None, None)]),
    ],
    ids=[
        "colon-list",
        "include-list",
        "talk-by",
        "in-conversation",
        "chaired",
        "will-verb",
        "with-accents",
        "special-guests-are-nobody",
        "with-things-not-people",
        "role-between-name-and-verb",
        "capitalised-role-after-an-organisation",
        "listed-after-an-organisations-role",
        "credit-line-names-organisers",
        "organised-by",
    ],
)
def test_speakers(sentence, people):
    draft = read_one(f"Branch meeting: {WHEN}, Camden Town Hall, London WC1H 9JE. {sentence}")

    assert [(p["name"], p["honorific"], p["affiliation"]) for p in draft["speakers"]] == people


@pytest.mark.parametrize(
    ("place", "venue"),
    [
        (
            "Camden Town Hall, Judd Street, London WC1H 9JE",
            ("Camden Town Hall", "Judd Street", "WC1H 9JE", "London"),
        ),
        ("at Student Central, WC1E", ("Student Central", None, "WC1E", None)),
        ("outside Downing Street", ("Downing Street", None, None, None)),
        ("in Room 210, Gates Hall", ("Room 210, Gates Hall", None, None, None)),
        (
            "Lincoln Middle School, 1200 Main St, Springfield, IL 62701",
            ("Lincoln Middle School", "1200 Main St", "62701", "Springfield, IL"),
        ),
        (
            "The Albany, Douglas Way, Deptford, London SE8 4AG",
            ("The Albany", "Douglas Way, Deptford", "SE8 4AG", "London"),
        ),
    ],
    ids=["uk-address", "outward-postcode", "outside", "room-in-building", "us-address", "locality"],
)
def test_venues(place, venue):
    draft = read_one(f"Branch meeting, {WHEN}, {place}.")

    assert [(v["name"], v["address"], v["postcode"], v["city"]) for v in draft["venues"]] == [venue]


def test_two_venues_and_there():
    text = (
        "The rally is on Friday 17 April 2026 at 6.30pm at Student Central, WC1E, and then "
        "events take place there and at Unite House on Saturday 18 April 2026 from 10am."
    )

    drafts = [draft_to_dict(d) for d in parse_announcement(text).drafts]

    assert [[v["name"] for v in d["venues"]] for d in drafts] == [
        ["Student Central"],
        ["Student Central", "Unite House"],
    ]


def test_online_event_with_join_link_and_no_venue():
    draft = read_one(
        f"Webinar: Housing rights. {WHEN} on Zoom. Register at https://example.org/housing."
    )

    assert (draft["online"], draft["venues"], draft["url"]) == (
        True,
        [],
        "https://example.org/housing",
    )
    assert draft["links"] == [
        {"url": "https://example.org/housing", "kind": "tickets", "price": None}
    ]


def test_ticket_prices_are_kept():
    draft = read_one(
        f"Gig, {WHEN}, The Fleece, Bristol BS2 8LN. Tickets £12 advance / £15 on the door."
    )

    assert draft["price"] == "Tickets £12 advance / £15 on the door"


def test_every_field_keeps_its_span():
    text = f"Branch meeting, {WHEN}, Camden Town Hall, London WC1H 9JE. Speakers: Jane Smith."

    draft = read_one(text)

    spans = draft["spans"]
    for name, expected in [
        ("title", "Branch meeting"),
        ("start", "Tuesday 14 April 2026"),
        ("time", "6pm"),
        ("speaker.0", "Jane Smith"),
    ]:
        assert text[spans[name]["start"] : spans[name]["end"]] == expected
        assert 0 < spans[name]["confidence"] <= 1
    assert text[spans["venue.0"]["start"] : spans["venue.0"]["end"]].startswith("Camden Town Hall")


def test_known_venues_are_recognised_without_an_address():
    text = "Quiz night, Tuesday 14 April 2026 from 8pm, upstairs at the red lion. Teams of six."

    [unknown] = parse_announcement(text, reference_date=date(2026, 4, 1)).drafts
    [known] = parse_announcement(
        text, reference_date=date(2026, 4, 1), known_venues=["Red Lion", "Conway Hall"]
    ).drafts

    assert unknown.venues == []
    assert [v.name for v in known.venues] == ["Red Lion"]
    assert text[known.spans["venue.0"].start : known.spans["venue.0"].end] == "red lion"


def test_handles_and_email_addresses_are_kept():
    draft = read_one(
        f"Book club, {WHEN}, Housmans Bookshop, London N1 9DX. Follow @housmans or "
        "write to books@housmans.example."
    )

    assert draft["contacts"] == ["@housmans", "books@housmans.example"]


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ("Speakers: Jane Doe PhD and Sam Roy.", ["Jane Doe PhD", "Sam Roy"]),
        ("Speakers: Jane Doe, Ph.D., and Dr Omar Said.", ["Jane Doe PhD", "Dr Omar Said"]),
        ("Speakers: Ann Lee MP and Prof. Tom Hart.", ["Ann Lee MP", "Professor Tom Hart"]),
        (
            "Speakers: Rhun ap Iorwerth MS and Cllr Bev Craig.",
            ["Rhun ap Iorwerth MS", "Cllr Bev Craig"],
        ),
    ],
)
def test_honorifics_show_on_their_side_of_the_name(sentence, shown):
    """The parser and the domain read one list of post-nominals (events_app.lexicon.people)."""
    [draft] = parse_announcement(
        f"Book talk, {WHEN}. {sentence}", reference_date=date(2026, 4, 1)
    ).drafts

    people = [Person(p.name, p.honorific, p.affiliation) for p in draft.speakers]

    assert [p.display_name() for p in people] == shown


@pytest.mark.parametrize(
    ("text", "speakers", "performers"),
    [
        (
            "Folk night at the Ship Inn, Friday 15 May 2026, 8pm, featuring Ada Crane and Rob Ives",
            [],
            ["Ada Crane", "Rob Ives"],
        ),
        (
            "Book talk at the Ship Inn, Friday 15 May 2026, 8pm, with Ada Crane and Rob Ives.",
            ["Ada Crane", "Rob Ives"],
            [],
        ),
    ],
)
def test_performers_are_kept_apart_from_speakers(text, speakers, performers):
    event = read_one(text)

    assert ([p["name"] for p in event["speakers"]], [p["name"] for p in event["performers"]]) == (
        speakers,
        performers,
    )


def test_a_name_inside_the_venues_name_is_not_a_speaker():
    event = read_one("Friday 15 May 2026 - Leeds, The Fleece Bar")

    assert ([v["name"] for v in event["venues"]], event["speakers"]) == (["The Fleece Bar"], [])


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("This event has been cancelled.", "cancelled"),
        ("It is postponed because of the strike.", "postponed"),
        ("The date is subject to change.", "tentative"),
        ("All welcome.", None),
    ],
)
def test_status_is_read_from_the_events_sentences(sentence, status):
    assert read_one(f"Quiz night at the Ship Inn, {WHEN}. {sentence}")["status"] == status


def test_a_join_link_on_a_video_service_is_the_online_link():
    event = read_one(f"Webinar on tenants' rights, {WHEN}. Details: https://us02web.zoom.us/j/123")

    assert (event["online"], [(x["url"], x["kind"]) for x in event["links"]]) == (
        True,
        [("https://us02web.zoom.us/j/123", "online")],
    )
