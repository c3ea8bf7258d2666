"""Sentences as spans of the original text: where a full stop ends one and where it does not."""

import pytest

from events_app.parsing.text import restore_breaks, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Supper from 4:30 to 6 p.m. Saturday, Oct. 24, at the hall. All welcome.",
            ["Supper from 4:30 to 6 p.m. Saturday, Oct. 24, at the hall.", "All welcome."],
        ),
        (
            "A webinar on Thursday, April 9, 1 p.m. Central. Register online.",
            ["A webinar on Thursday, April 9, 1 p.m. Central.", "Register online."],
        ),
        (
            "Doors open at 7 p.m. The band starts at eight.",
            ["Doors open at 7 p.m.", "The band starts at eight."],
        ),
        (
            "Talk by Dr. Ann Lee at St. Mary's Hall. Free entry.",
            ["Talk by Dr. Ann Lee at St. Mary's Hall.", "Free entry."],
        ),
    ],
    ids=["pm-before-weekday", "pm-before-zone", "pm-ends-sentence", "titles-and-saints"],
)
def test_sentences_split_where_a_reader_would(text, sentences):
    assert [s.text for s in split_sentences(text)] == sentences


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        (
            "The choir sings at noon.Tickets are free.",
            "The choir sings at noon.\nTickets are free.",
        ),
        (
            "Friday 3rd May - Leeds, The CellarSaturday 4th May - York, Grand Hall",
            "Friday 3rd May - Leeds, The Cellar\nSaturday 4th May - York, Grand Hall",
        ),
        (
            "Thursday 9 May - Hull, THE DOCKFriday 10 May - Bath",
            "Thursday 9 May - Hull, THE DOCK\nFriday 10 May - Bath",
        ),
        # left alone: initials, abbreviations, web addresses, names with inner capitals
        ("Dr. J.K. Oduya at St.Mary's, see www.example.org.", None),
        ("Ann MacLeod and Joe McQueen on YouTube, Friday.", None),
        # a day and month glued to the name after them lost a space, not a line
        ("3 MarchThe Story of Salt - Ann Lee", "3 March The Story of Salt - Ann Lee"),
    ],
    ids=[
        "full-stop",
        "weekday-after-a-word",
        "weekday-after-capitals",
        "abbreviations",
        "camel",
        "name-after-a-date",
    ],
)
def test_breaks_lost_when_a_page_was_copied_are_put_back(text, restored):
    new, breaks = restore_breaks(text)
    assert new == (restored or text)
    assert all(new[i] in " \n" for i in breaks)
    assert "".join(c for i, c in enumerate(new) if i not in set(breaks)) == text
