"""Sentences as spans of the original text: where a full stop ends one and where it does not."""

import pytest

from events_app.parsing.text import split_sentences


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
