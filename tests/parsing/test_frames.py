"""The evidence a dated reading gives for being an event to go to (parsing/frames.py)."""

from datetime import date, datetime

import pytest

from events_app.parsing import frames
from events_app.parsing.model import Draft
from events_app.parsing.text import split_sentences
from events_app.parsing.tokens import read_layout

TEXT = "The choir sings on 12 May 2027 at 7pm in St Anne's Church."


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (date(2027, 4, 1), ("bias", "time")),
        (date(2027, 5, 12), ("bias", "time")),
        (date(2027, 6, 1), ("bias", "time", "before_reference")),
        (None, ("bias", "time")),
    ],
    ids=["before", "on the day", "after: history", "no reference"],
)
def test_a_day_before_the_text_was_written_speaks_against_it(reference, expected):
    sentences = split_sentences(TEXT)
    facts = frames.text_facts(TEXT, sentences, reference)
    draft = Draft(title="Choir", start=datetime(2027, 5, 12, 19), timezone="Europe/London")
    at = TEXT.index("12 May 2027")

    features = frames.frame_features(
        TEXT, read_layout(TEXT), facts, sentences[0], (at, at + 11), draft, True
    )

    assert features == expected


@pytest.mark.parametrize(
    ("sentences", "reads_as_past"),
    [
        (["Ann scored early.", "Bo equalised.", "Cy replied.", "Di sealed it."], True),
        (
            [
                "Ann scored early.",
                "Bo equalised.",
                "Cy replied.",
                "Di sealed it.",
                "We will meet next week.",
            ],
            True,
        ),
        (["Ann scored early.", "Bo equalised.", "We will meet next week."], False),
        (["Ann scored early.", "Bo equalised."], False),
    ],
    ids=["report", "report looking ahead once", "mostly ahead", "too short to tell"],
)
def test_a_text_reads_as_a_report_when_past_tense_outweighs_the_future(sentences, reads_as_past):
    text = " ".join(sentences)

    assert frames.text_facts(text, split_sentences(text)).reads_as_past is reads_as_past
