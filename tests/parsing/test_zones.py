"""The zone each event is set in, read from the text's own places and clocks."""

from datetime import date

import pytest

from events_app.parsing import draft_to_dict, parse_announcement


def zones_of(text: str, reference: date = date(2026, 3, 1)) -> list[tuple[str, str]]:
    """(start, zone) of every draft, in order: the whole reading, not one event of it."""
    drafts = parse_announcement(text, reference_date=reference, timezone="Europe/London").drafts
    return [(d["start"], d["timezone"]) for d in map(draft_to_dict, drafts)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PHOENIX (KPHX) — The river clean-up meets at 8 a.m. Saturday, March 14, by the "
            "boat ramp. Gloves are provided.",
            [("2026-03-14T08:00", "America/Phoenix")],
        ),
        (
            "SALT LAKE CITY — A winter craft market opens at 10 a.m. Saturday, March 7, in the "
            "old rail depot, with stalls and hot cider.",
            [("2026-03-07T10:00", "America/Denver")],
        ),
        (
            "The chili cook-off comes back to Oxford, Miss., on Saturday, April 18, from 11 "
            "a.m. to 3 p.m. on the courthouse lawn.",
            [("2026-04-18T11:00", "America/Chicago")],
        ),
        (
            "Our spring fiddle contest is in Bend, Ore., at 1 p.m. Sunday, April 26. Entry is $5.",
            [("2026-04-26T13:00", "America/Los_Angeles")],
        ),
    ],
    ids=["dateline-with-station", "dateline-of-three-words", "newspaper-state", "oregon-abbr"],
)
def test_newspaper_places_set_the_zone(text, expected):
    assert zones_of(text) == expected


def test_a_speakers_home_state_in_brackets_does_not_move_the_event():
    text = (
        "The number theory seminar of the Mathematics Department at Boston College meets on "
        "Fridays at 4 p.m.\n\n"
        "Friday, March 20: Lena Ortiz (Nebraska) | Primes in short intervals\n"
        "Friday, March 27: Omar Haddad (Princeton) | Modular forms for beginners\n"
    )
    assert zones_of(text) == [
        ("2026-03-20T16:00", "America/New_York"),
        ("2026-03-27T16:00", "America/New_York"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The church pancake breakfast is from 8 to 10 a.m. Saturday, March 14. Cost is $7.",
            [("2026-03-14T08:00", "America/New_York")],
        ),
        (
            "Pancake breakfast in Ballarat from 8am on Saturday 14 March. Cost is $7.",
            [("2026-03-14T08:00", "Australia/Melbourne")],
        ),
        (
            "Pancake breakfast from 8am on Saturday 14 March. Cost is NZ$7.",
            [("2026-03-14T08:00", "Europe/London")],
        ),
    ],
    ids=["dollars-alone", "dollars-and-a-place", "other-dollars"],
)
def test_a_dollar_price_is_the_weakest_sign_of_where(text, expected):
    assert zones_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Riverside Book Swap meets on Saturday 21 March 2026 at 10am by the bandstand.",
            [("2026-03-21T10:00", "Europe/London")],
        ),
        (
            "Our Riverside walk sets off from the church on Saturday 21 March 2026 at 10am; the "
            "Lakeside cafe serves lunch after.",
            [("2026-03-21T10:00", "Europe/London")],
        ),
        (
            "The spring fair is in Riverside, CA on Saturday, March 21 at 10 a.m.",
            [("2026-03-21T10:00", "America/Los_Angeles")],
        ),
    ],
    ids=["riverside-as-a-word", "two-word-like-names", "riverside-with-its-state"],
)
def test_a_place_name_that_is_also_a_word_does_not_move_the_event(text, expected):
    assert zones_of(text) == expected
