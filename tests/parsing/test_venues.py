"""Where each event is, read from the whole text: labels, listings and places said once."""

from datetime import date

import pytest

from events_app.parsing import draft_to_dict, parse_announcement


def venues_of(text: str, reference: date = date(2026, 3, 1)) -> list[tuple[str, list[tuple]]]:
    """(start, [(name, address, postcode)]) of every draft, in order."""
    drafts = parse_announcement(text, reference_date=reference, timezone="Europe/London").drafts
    return [
        (d["start"], [(v["name"], v["address"], v["postcode"]) for v in d["venues"]])
        for d in map(draft_to_dict, drafts)
    ]


def test_each_listing_entry_keeps_its_own_labelled_location():
    text = (
        "Things to do this week\n\n"
        "Spring plant swap\n\n"
        "Date and time: March 14 11am\n\n"
        "Location: Corner Allotments, 12 Orchard Lane, Leeds LS6 2QT\n\n"
        "Bring cuttings and take some home.\n\n"
        "Repair cafe\n\n"
        "Date and time: March 18 6pm\n\n"
        "Location: The Old Forge, 4 Kiln Street, Leeds LS7 1AB\n\n"
        "Volunteers mend toasters, lamps and jumpers.\n"
    )
    assert venues_of(text) == [
        ("2026-03-14T11:00", [("Corner Allotments", "12 Orchard Lane", "LS6 2QT")]),
        ("2026-03-18T18:00", [("The Old Forge", "4 Kiln Street", "LS7 1AB")]),
    ]


def test_a_place_said_once_is_every_listed_events_venue():
    text = (
        "Ramblers' talks for spring\n"
        "All our talks are held in the Garden Room, Wesley Chapel.\n"
        "Thursday 5 March, 7.30pm: Walking the Pennine Way\n"
        "Thursday 2 April, 7.30pm: Maps and compasses for beginners\n"
    )
    assert venues_of(text) == [
        ("2026-03-05T19:30", [("Garden Room, Wesley Chapel", None, None)]),
        ("2026-04-02T19:30", [("Garden Room, Wesley Chapel", None, None)]),
    ]


def test_an_events_own_place_outranks_the_place_said_once():
    text = (
        "The book group meets at Hollins Library.\n"
        "Monday 9 March, 6pm: a reading of short stories.\n"
        "Monday 16 March, 6pm: a picnic at Bramble Park.\n"
    )
    assert venues_of(text) == [
        ("2026-03-09T18:00", [("Hollins Library", None, None)]),
        ("2026-03-16T18:00", [("Bramble Park", None, None)]),
    ]


def test_a_numbered_theatre_keeps_its_number():
    text = (
        "The open lecture will be held in Theatre No. 2, Ashby Building on Friday 6 March at 1pm."
    )
    assert venues_of(text) == [
        ("2026-03-06T13:00", [("Theatre No. 2, Ashby Building", None, None)])
    ]


def test_a_seminars_room_in_its_abstract_is_its_venue():
    text = (
        "Topic: Robotics lunch talk\n"
        "Date: Thursday 12 March 2026\n"
        "Time: 12:00 PM\n"
        "\n"
        "Our speaker this week asks how small legged robots can climb stairs, with a short\n"
        "demonstration in 2210 Newell Hall after the talk.\n"
    )
    assert venues_of(text) == [("2026-03-12T12:00", [("2210 Newell Hall", None, None)])]


def test_the_venue_named_right_after_the_clock_times_of_an_address():
    text = (
        "Folk evening: Saturday 14 March 2026, 19:30 – 22:00 Marsh Lane Village Hall, Marsh "
        "Lane, Ringmer, Lewes BN8 5QY. Tickets £8."
    )
    assert venues_of(text) == [
        ("2026-03-14T19:30", [("Marsh Lane Village Hall", "Marsh Lane, Ringmer", "BN8 5QY")])
    ]


def test_a_year_before_a_building_is_not_its_room_number():
    text = "Craft fair, Saturday 21 March 2026\n\nPriory Community Centre hosts it, from 10am."
    # the time said just after joins it; the centre that hosts it is the venue, not '2026 ...'
    assert venues_of(text) == [("2026-03-21T10:00", [("Priory Community Centre", None, None)])]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "Tuesday, March 10\n4:00 pm\nGHC 6115\n",
            [("2026-03-10T16:00", [("GHC 6115", None, None)])],
        ),
        (
            "Tuesday, March 10\nDoyle Hall A18, 4:00 pm\n",
            [("2026-03-10T16:00", [("Doyle Hall A18", None, None)])],
        ),
        (
            "Reading group * Tuesday 10 March * 4:00-5:00 pm * 318 Margaret\n",
            [("2026-03-10T16:00", [("318 Margaret", None, None)])],
        ),
        ("Tuesday, March 10, 4:00 pm\nAs heard on Radio 4\n", [("2026-03-10T16:00", [])]),
        ("Tuesday, March 10, 4:00 pm\nTrenton, NJ 08608\n", [("2026-03-10T16:00", [])]),
        (
            "Tuesday, March 10, 4:00 pm\nNina Okafor\n\nCarver Hall 210\n",
            [("2026-03-10T16:00", [("Carver Hall 210", None, None)])],
        ),
    ],
    ids=[
        "code-on-its-own-line",
        "hall-and-lettered-room",
        "cell-of-a-starred-line",
        "radio",
        "zip",
        "a-name-on-the-line-above-is-not-the-buildings",
    ],
)
def test_a_buildings_short_name_beside_a_room_number(block, expected):
    assert venues_of("Seminar announcement\n\n" + block, date(2026, 3, 1)) == expected


def test_a_listing_line_names_its_venue_between_dashes():
    text = (
        "Come and see the plans for the new cycle path:\n"
        "- Upper Marsh – Quaker Meeting House - Friday 13 March 6pm to 8pm\n"
        "- Lowfield- Lowfield Village Hall-Saturday 14 March 10am to 12pm\n"
    )
    assert venues_of(text) == [
        ("2026-03-13T18:00", [("Quaker Meeting House", None, None)]),
        ("2026-03-14T10:00", [("Lowfield Village Hall", None, None)]),
    ]


def test_a_hyphenated_place_name_is_not_cut_at_its_hyphens():
    text = "Poetry evening, Friday 13 March 2026, 7pm, Stratford-upon-Avon Town Hall."
    assert venues_of(text) == [
        ("2026-03-13T19:00", [("Stratford-upon-Avon Town Hall", None, None)])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "El concierto será el sábado 9 de mayo de 2026 a las 20:30 en el Teatro Principal.",
            [("2026-05-09T20:30", [("Teatro Principal", None, None)])],
        ),
    ],
    ids=["spanish-en-el"],
)
def test_a_place_after_another_languages_preposition(text, expected):
    assert venues_of(text, date(2026, 4, 1)) == expected


def test_a_place_that_hosts_the_event_is_its_venue():
    text = (
        "Seed swap - bring your spare seeds! This Saturday, April 11, from 10 a.m. to noon the "
        "Maple Grove Community Center will be hosting a free swap for gardeners."
    )
    assert venues_of(text, date(2026, 4, 6)) == [
        ("2026-04-11T10:00", [("Maple Grove Community Center", None, None)])
    ]


@pytest.mark.parametrize(
    "joined",
    [False, True],
    ids=["one-stop-a-line", "stops-run-together-as-copied-from-a-page"],
)
def test_a_tours_stops_each_name_the_place_after_the_town(joined):
    stops = [
        "Friday 7th March - Leeds, The Cellar",
        "Saturday 8th March - York, Grand Hall",
        "Friday 14th March - Hull, The Dock",
    ]
    text = "The Lantern Quartet on tour, spring 2026\n" + ("" if joined else "\n").join(stops)

    assert venues_of(text) == [
        ("2026-03-07", [("The Cellar", None, None)]),
        ("2026-03-08", [("Grand Hall", None, None)]),
        ("2026-03-14", [("The Dock", None, None)]),
    ]


def test_a_listed_item_under_its_date_names_its_place_after_the_comma():
    text = (
        "What's on this weekend\n"
        "Saturday, March 7\n"
        "- The Quiet Sparrows, Pike Street Warehouse\n"
        "- Open mic night, Rusty Anchor\n"
        "Sunday, March 8\n"
        "- Brass in the Park, Leeds\n"
    )

    assert venues_of(text) == [
        ("2026-03-07", [("Pike Street Warehouse", None, None)]),
        ("2026-03-07", [("Rusty Anchor", None, None)]),
        ("2026-03-08", []),
    ]


def test_a_room_of_the_building_written_in_lower_case_is_the_venue():
    text = "The seed swap is on Saturday, March 14 from 10am to noon in the upstairs meeting room."

    assert venues_of(text) == [("2026-03-14T10:00", [("upstairs meeting room", None, None)])]
