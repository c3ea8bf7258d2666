"""Zone evidence: place and abbreviation text to IANA zones, and prose that names no zone."""

from __future__ import annotations

from datetime import date

import pytest

from events_app.lexicon.zones import (
    ZonedClock,
    ZoneMention,
    ZonePair,
    abbreviation_zones,
    pick_zone,
    text_zone,
    zone_mentions,
    zone_pairs,
)

PLACES = [
    # (text, zone)
    ("Quiz night upstairs at the Crown, 4 Mill Lane, Leeds LS1 4AB.", "Europe/London"),
    ("Open evening at the library, Pittsburgh, PA 15213, 6 to 8.", "America/New_York"),
    ("Bands all weekend in Austin, TX.", "America/Chicago"),
    ("Our chapter meets in Mobile, AL 36602 on Thursdays.", "America/Chicago"),
    ("Film club, 210 Main Street, Boise, ID 83702.", "America/Boise"),
    ("Harvest supper at the grange hall in Ledyard, CT.", "America/New_York"),
    ("Readings at a bookshop in Grand Rapids, Michigan.", "America/Detroit"),
    ("A walk along the river in Louisville, Kentucky.", "America/Kentucky/Louisville"),
    ("Volunteers meet at the food bank in Phoenix, Arizona.", "America/Phoenix"),
    ("Plant swap at the community centre, Halifax, NS B3H 4R2.", "America/Halifax"),
    ("Drop-in clinic, Toronto, ON M5V 2T6.", "America/Toronto"),
    ("Salmon festival on the quay in Vancouver, BC.", "America/Vancouver"),
    ("Choir practice in St. John's, Newfoundland.", "America/St_Johns"),
    ("Sea swim from the beach, Manly NSW 2095.", "Australia/Sydney"),
    ("Talk at the museum, Perth WA 6000.", "Australia/Perth"),
    ("Lecture at the Town Hall, Adelaide SA 5000.", "Australia/Adelaide"),
    ("Market day in Hobart, Tasmania.", "Australia/Hobart"),
    ("Birdwatching on Lord Howe Island.", "Australia/Lord_Howe"),
    ("Stargazing in the outback near Broken Hill.", "Australia/Broken_Hill"),
    ("A quiz in Wellington, New Zealand, for the hospice.", "Pacific/Auckland"),
    ("Poetry evening in Christchurch on Friday.", "Pacific/Auckland"),
    ("Book fair in Cape Town this weekend.", "Africa/Johannesburg"),
    ("Science week across Gauteng schools.", "Africa/Johannesburg"),
    ("Heritage walk in Bengaluru, Karnataka.", "Asia/Kolkata"),
    ("Hackathon in Mumbai on Saturday.", "Asia/Kolkata"),
    ("Coding club at the library in Singapore.", "Asia/Singapore"),
    ("Céilí in the parish hall, Naas, Co. Kildare, W91 R2C4.", "Europe/Dublin"),
    ("Open studios in Dublin 8 all weekend.", "Europe/Dublin"),
    ("Trad session in Cork city on Sunday.", "Europe/Dublin"),
    ("Film night in Birmingham, Alabama.", "America/Chicago"),
    ("Film night in Birmingham, near Wolverhampton.", "Europe/London"),
    ("The fair comes to Reading, Berkshire in June.", "Europe/London"),
    ("Street party in Perth, Scotland, PH1 5AB.", "Europe/London"),
    ("Concierto gratuito en Zaragoza el sábado.", "Europe/Madrid"),
    ("Vortrag in Berlin am Montag.", "Europe/Berlin"),
]


@pytest.mark.parametrize(("text", "zone"), PLACES, ids=[t[:32] for t, _ in PLACES])
def test_text_zone_from_places(text, zone):
    assert text_zone(text) == zone


CLOCKS = [
    ("Webinar at 11am ET.", "America/New_York"),
    ("Live at 8pm Eastern time.", "America/New_York"),
    ("Call at 10am Pacific Time.", "America/Los_Angeles"),
    ("Kick-off 3pm UK time.", "Europe/London"),
    ("Streamed at 7pm New York time.", "America/New_York"),
    ("Starts 19:00 CET.", "Europe/Paris"),
    ("Doors 7.30pm BST.", "Europe/London"),
    ("Starts at 6pm AEST.", "Australia/Sydney"),
    ("Panel at 9.30am ACST.", "Australia/Adelaide"),
    ("Meetup at 6pm SGT.", "Asia/Singapore"),
    ("Online at 11am NPT.", "Asia/Kathmandu"),
    ("Q&A at 7pm NZDT.", "Pacific/Auckland"),
    ("Webinar at 4pm SAST.", "Africa/Johannesburg"),
    ("Starts 7pm IST.", "Asia/Kolkata"),
    # The abbreviation fixes the clock; a place keeping that clock names the zone.
    ("Webinar 11am ET, hosted from Grand Rapids, MI.", "America/Detroit"),
    ("Talk at 7pm MST at the library in Phoenix, Arizona.", "America/Phoenix"),
    ("Talk at 7pm MST in Denver, Colorado.", "America/Denver"),
    ("Gig at 8pm IST in the Crane Lane, Cork.", "Europe/Dublin"),
    ("Online launch at 6.30pm IST from Bengaluru.", "Asia/Kolkata"),
    ("Briefing at 10am AEST, Brisbane QLD 4000.", "Australia/Brisbane"),
    # An abbreviation outranks places that keep another clock.
    ("Speakers from London and Leeds, streamed at 2pm EDT.", "America/New_York"),
]


@pytest.mark.parametrize(("text", "zone"), CLOCKS, ids=[t[:32] for t, _ in CLOCKS])
def test_text_zone_from_abbreviations_and_written_zones(text, zone):
    assert text_zone(text) == zone


NO_ZONE = [
    "I spent the afternoon reading a book in the bath.",
    "Reading Group meets on the first Monday of the month.",
    "Bring your Mobile phone and a charger.",
    "Victoria will chair the session and Austin will take notes.",
    "For details contact Jane Roe, MD or Sam Poe, PA.",
    "DOORS OPEN 7PM AT THE HALL, ET CETERA.",
    "We meet at 7pm. Bring cake and a friend.",
    "A talk by Professor Jules Lubbock on painting.",
    "Tickets from the box office; the set lasts an hour.",
    "",
]


@pytest.mark.parametrize("text", NO_ZONE, ids=[t[:32] or "empty" for t in NO_ZONE])
def test_text_zone_none_for_prose_without_a_place(text):
    assert text_zone(text) is None


def test_zone_mentions_of_an_address_with_a_clock_time():
    text = "Carnegie Library, Pittsburgh, PA 15213 at 6pm EST"
    assert zone_mentions(text) == [
        ZoneMention(18, 28, "America/New_York", "city", 0.9),
        ZoneMention(30, 32, "America/New_York", "state", 0.9),
        ZoneMention(33, 38, "America/New_York", "postcode", 0.95),
        ZoneMention(
            46,
            49,
            "America/New_York",
            "abbreviation",
            0.95,
            ("America/Detroit", "America/Toronto", "America/Indiana/Indianapolis"),
        ),
    ]


def test_zone_mentions_keep_both_readings_of_an_ambiguous_name():
    (perth,) = zone_mentions("Sunset drinks in Perth.")
    assert (perth.zone, perth.alternatives, perth.kind) == (
        "Australia/Perth",
        ("Europe/London",),
        "city",
    )


def test_pick_zone_reads_an_ambiguous_name_by_the_other_places():
    scottish = "Sunset drinks in Perth, then a ceilidh in Dundee and a walk in Stirling, Scotland."
    australian = "Sunset drinks in Perth, then a swim at Fremantle, Western Australia."
    assert (text_zone(scottish), text_zone(australian)) == ("Europe/London", "Australia/Perth")


def test_pick_zone_ist_reads_irish_beside_an_irish_place():
    irish = [
        ZoneMention(0, 3, "Asia/Kolkata", "abbreviation", 0.95, ("Europe/Dublin",)),
        ZoneMention(10, 14, "Europe/Dublin", "state", 0.6),
    ]
    indian = [irish[0], ZoneMention(10, 15, "Asia/Kolkata", "city", 0.6)]
    alone = irish[:1]
    assert [pick_zone(irish), pick_zone(indian), pick_zone(alone)] == [
        "Europe/Dublin",
        "Asia/Kolkata",
        "Asia/Kolkata",
    ]


def test_pick_zone_needs_enough_evidence():
    weak = [ZoneMention(0, 7, "America/Chicago", "city", 0.17)]
    assert (pick_zone(weak), pick_zone([]), pick_zone(weak * 2)) == (None, None, "America/Chicago")


def test_pick_zone_most_evidence_wins_between_places():
    text = "Speakers from Boston. The event: Seattle Central Library, Seattle, WA 98104, Seattle."
    assert text_zone(text) == "America/Los_Angeles"


@pytest.mark.parametrize(
    ("abbreviation", "zones"),
    [
        ("IST", ("Asia/Kolkata", "Europe/Dublin")),
        ("ist", ("Asia/Kolkata", "Europe/Dublin")),
        ("AST", ("America/Halifax", "Asia/Riyadh")),
        ("AWST", ("Australia/Perth",)),
        ("LHDT", ("Australia/Lord_Howe",)),
        ("XYZ", ()),
    ],
)
def test_abbreviation_zones(abbreviation, zones):
    assert abbreviation_zones(abbreviation) == zones


def test_zone_pairs_reads_one_moment_in_two_zones():
    text = "Join us online at 7pm BST (2pm EDT) for the launch."
    assert zone_pairs(text) == [
        ZonePair(
            ZonedClock(18, 25, 19, 0, "Europe/London"),
            ZonedClock(27, 34, 14, 0, "America/New_York"),
        )
    ]


@pytest.mark.parametrize(
    ("text", "day", "agrees"),
    [
        ("7pm BST (2pm EDT)", date(2026, 7, 1), True),
        # New York has changed its clocks (8 March 2026) and London not yet (29 March).
        ("7pm BST (2pm EDT)", date(2026, 3, 20), False),
        # Southern winter: Sydney +10, London +1.
        ("7pm AEST / 10am BST", date(2026, 7, 1), True),
        # Southern summer: Sydney +11, London +0, so the pair no longer holds.
        ("7pm AEST / 10am BST", date(2026, 1, 15), False),
        ("9.30pm IST or 4pm UK time", date(2026, 1, 15), True),
        ("11pm PT / 7am UK time", date(2026, 11, 10), True),
    ],
)
def test_zone_pair_agrees_on_a_day(text, day, agrees):
    (pair,) = zone_pairs(text)
    assert pair.agrees_on(day) is agrees


def test_zone_mentions_of_a_long_hostile_text_stay_few():
    hostile = "A" * 100_000 + " Reading " * 5_000 + "Leeds " * 3
    assert [m.zone for m in zone_mentions(hostile)] == ["Europe/London"] * 3
