"""Titles read from the layout: listing lines led by their date, headings above, the line
under a date. Each case compares every draft's title and start, so a title taken from the
wrong line (the one above, a list's heading, a status word) shows as a difference."""

from datetime import date

import pytest

from events_app.parsing import draft_to_dict, parse_announcement
from events_app.parsing.titles import clean_title, one_of_the_series

CASES = {
    "listing-line-title-glued-to-date": (
        "Spring talks 2027\n\n"
        "Thu. 4th Feb.The Lost Rivers of Leeds\nJo Marsh\n"
        "A walk along the culverts under the city.\n\n"
        "Thu. 11th Feb.Bees in the City\nAl Green\n"
        "What lives on the roofs of the town hall.\n",
        date(2027, 1, 5),
        [("The Lost Rivers of Leeds", "2027-02-04"), ("Bees in the City", "2027-02-11")],
    ),
    "colon-listing-with-speaker-after-dash": (
        "Talks 2027\n\n"
        "8 March: Why Bridges Fall, and Why They Stand - Dr Ann Lee (followed by tea)\n"
        "15 March: Tides - Prof. Raj Patel\n"
        "22 March: What is under the Moor? - Sam Oduya\n",
        date(2027, 1, 5),
        [
            ("Why Bridges Fall, and Why They Stand", "2027-03-08"),
            ("Tides", "2027-03-15"),
            ("What is under the Moor?", "2027-03-22"),
        ],
    ),
    "name-on-the-line-under-the-date-keeps-its-article": (
        "Society programme\n\n"
        "Monday 6 December 2027 7.30pm CANCELLED\nThe Winter Sky at Night\n\n"
        "Monday 10 January 2028 7.30pm\nRivers and Their Mills\n",
        None,
        [
            ("The Winter Sky at Night", "2027-12-06T19:30"),
            ("Rivers and Their Mills", "2028-01-10T19:30"),
        ],
    ),
    "series-heading-over-bare-dates": (
        "Branch meetings 2027\n\nWednesday February 3rdWednesday April 7th\nWednesday June 2nd\n",
        date(2027, 1, 5),
        [
            ("Branch meeting", "2027-02-03"),
            ("Branch meeting", "2027-04-07"),
            ("Branch meeting", "2027-06-02"),
        ],
    ),
    "heading-led-by-its-date": (
        "Friday 3 March 2028: Annual Harbour Lecture\n\n"
        "The harbour master looks back on fifty years of tides.\n\n"
        "Friday 3 March 2028 – 6.30pm\nDoors open at 6pm\n",
        None,
        [("Annual Harbour Lecture", "2028-03-03"), ("Annual Harbour Lecture", "2028-03-03T18:30")],
    ),
    "heading-over-a-byline": (
        "Winter lectures 2027\n\nThe Lost Art of Letter Writing\n\nby Dr Ann Lee\n\n"
        "Saturday 6 March: 2pm\n\nDr Lee looks at three centuries of post.\n",
        date(2027, 1, 5),
        [("The Lost Art of Letter Writing", "2027-03-06T14:00")],
    ),
    "the-event-a-reader-meant-to-attend": (
        "Were you hoping to attend the Lantern Society talk on Monday (8th November)? "
        "It has been moved.",
        date(2027, 11, 1),
        [("Lantern Society talk", "2027-11-08")],
    ),
    "table-row-under-a-title-column": (
        "Colloquium 2027\n\nDate | Speaker | Title |\n\n"
        "Mar. 5 | Ann Lee (Leeds) | Waves on a shallow shelf |\n\n"
        "Apr. 2 | Raj Patel (York) | Counting knots |\n",
        date(2027, 1, 10),
        [("Waves on a shallow shelf", "2027-03-05"), ("Counting knots", "2027-04-02")],
    ),
    "venue-and-address-under-the-date": (
        "Winter fun\n\nThe Ice Lantern Parade\n\nLanterns, drums and hot chocolate for all.\n\n"
        "Dec 12, 2027\n\nRiverside Arts Barn\n\n12 Mill Road, Hudson, NY 12534\n",
        None,
        [("The Ice Lantern Parade", "2027-12-12")],
    ),
    "name-dash-blurb": (
        "HARBOUR DISTRICT\n\nKite Festival - Bring your own kite! This Saturday from 10:00 a.m. "
        "to 4:00 p.m. the beach will be full of colour.\n",
        date(2027, 6, 2),
        [("Kite Festival", "2027-06-05T10:00")],
    ),
    "page-furniture-between-heading-and-date": (
        "Mill Pond Duck Race\n\nHide Ad\n\nSunday 6 June 2027, 2pm\n\n"
        "Ducks are a pound each, and the fastest wins a hamper.\n",
        date(2027, 5, 1),
        [("Mill Pond Duck Race", "2027-06-06T14:00")],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_titles_from_layout(name):
    text, reference, expected = CASES[name]

    result = parse_announcement(text, reference_date=reference, fallback_year=2026)

    got = [(d["title"], d["start"]) for d in map(draft_to_dict, result.drafts)]
    assert got == expected


@pytest.mark.parametrize(
    ("heading", "one"),
    [
        ("Trades Council Meetings 2013", "Trades Council Meeting"),
        ("Saturday Classes 2026/27", "Saturday Class"),
        ("Craft Workshops", "Craft Workshop"),
        ("Open Studios", "Open Studios"),  # no thing one attends at its end: as written
        ("Spring Series", "Spring Series"),
    ],
)
def test_one_event_of_a_series_is_titled_in_the_singular(heading, one):
    assert one_of_the_series(heading) == one


@pytest.mark.parametrize(
    ("stretch", "title"),
    [
        ("Quiz night at the", "Quiz night"),
        ("El coro canta el", "El coro canta"),
        ("Das Konzert beginnt dann am", "Das Konzert beginnt"),
        ("Le bal commence le", "Le bal commence"),
    ],
)
def test_a_stretch_cut_before_its_date_loses_its_dangling_words(stretch, title):
    assert clean_title(stretch) == title
