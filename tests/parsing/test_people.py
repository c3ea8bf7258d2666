"""Speakers and performers read from prose, layout and programme lines (parse_announcement).

Each case compares every draft's people whole: name, honorific and affiliation, in order.
"""

from datetime import date

import pytest

from events_app.parsing import parse_announcement

MEETING = (
    "Public meeting on bus services, Thursday 8 October 2026, 7pm, Kirkgate Hall, Leeds LS1 6BR."
)


def people_of(text: str) -> list[list[tuple[str, str, str]]]:
    drafts = parse_announcement(text, reference_date=date(2026, 9, 1)).drafts
    return [
        [(p.name, p.honorific, p.affiliation) for p in d.speakers + d.performers] for d in drafts
    ]


@pytest.mark.parametrize(
    ("sentence", "people"),
    [
        (
            "Rosa Pellegrini and Tomas Eriksen will address the meeting together with Priya "
            "Natarajan and Ben Okafor.",
            [
                ("Rosa Pellegrini", "", ""),
                ("Tomas Eriksen", "", ""),
                ("Priya Natarajan", "", ""),
                ("Ben Okafor", "", ""),
            ],
        ),
        (
            "Other speakers include Maeve Dunne, a midwife, and Colm Farrell, a bus driver.",
            [("Maeve Dunne", "", "a midwife"), ("Colm Farrell", "", "a bus driver")],
        ),
        (
            "The mayor will hear from local TD Aoife Brennan and journalist Declan Moriarty.",
            [("Aoife Brennan", "", ""), ("Declan Moriarty", "", "")],
        ),
        (
            "Hilary Stanton MP will speak, and campaigners Joe Pike and Nadia Rahman will "
            "answer questions.",
            [("Hilary Stanton", "MP", ""), ("Joe Pike", "", ""), ("Nadia Rahman", "", "")],
        ),
        (
            "The evening is chaired by Dr. Ines Moreau (Leeds Trades Council).",
            [("Ines Moreau", "Dr", "Leeds Trades Council")],
        ),
        ("Speakers from Unite the Union and the Green Party will attend.", []),
        (
            "The talk is given by Marcus T. Ellery Jr. of the Fenland Museum.",
            [("Marcus T. Ellery Jr", "", "the Fenland Museum")],
        ),
        (
            "Speakers include Helen Brack FLS FRGS and Owen Tait FRAS.",
            [("Helen Brack", "FLS", ""), ("Owen Tait", "FRAS", "")],
        ),
        (
            "Expect artists like Rill, Moth Parade and Sue Onslow playing at corners of the "
            "town like the Old Quay and Salt Steps.",
            [("Rill", "", ""), ("Moth Parade", "", ""), ("Sue Onslow", "", "")],
        ),
    ],
    ids=[
        "will-address-together-with",
        "appositive-list",
        "role-before",
        "verb-after-list",
        "chaired-affiliation",
        "organisations-are-not-people",
        "generation-suffix-is-the-name's",
        "fellowships-after-the-name",
        "a-line-up-ends-where-its-sentence-goes-on",
    ],
)
def test_speakers_named_in_prose(sentence, people):
    assert people_of(f"{MEETING} {sentence}") == [people]


def test_name_and_affiliation_on_the_line_under_the_title():
    text = (
        "Monday 12 October 2026, 7.30pm\n\n"
        "Rivers of the North: a history in maps\n\n"
        "Dr Hana Kowalczyk, University of Leeds\n\n"
        "An illustrated talk about how the rivers of Yorkshire were drawn and redrawn.\n"
    )

    assert people_of(text) == [[("Hana Kowalczyk", "Dr", "University of Leeds")]]


def test_each_programme_line_has_its_own_speaker():
    text = (
        "Autumn talks 2026, all at 7pm in the Quaker Meeting House, York\n\n"
        "3 November: Sailing round the Hebrides - Dr Iain Murray\n"
        "10 November: Bees in winter - Sally Thornton\n"
    )

    assert people_of(text) == [
        [("Iain Murray", "Dr", "")],
        [("Sally Thornton", "", "")],
    ]


def test_performers_in_a_line_up_are_kept_apart():
    text = (
        "Benefit gig, Saturday 14 November 2026, 8pm, at the Crown Inn, Hebden Bridge. "
        "The line-up features DJ Kestrel, Marnie Walsh and Toby Greenhalgh."
    )
    [draft] = parse_announcement(text, reference_date=date(2026, 9, 1)).drafts

    assert ([p.name for p in draft.speakers], [p.name for p in draft.performers]) == (
        [],
        ["DJ Kestrel", "Marnie Walsh", "Toby Greenhalgh"],
    )


def test_seminar_e_mail_speaker_on_a_line_over_the_affiliation():
    text = (
        "Topic:    Robotics Seminar\n"
        "Dates:    14-Oct-26\n"
        "Time:     3:30 PM\n\n"
        "                 Learning to Grasp Soft Objects\n\n"
        "                      Mirela Dancu\n"
        "                 Robotics Institute, Carnegie Mellon University\n\n"
        "             Wednesday, October 14, 2026\n"
        "             3:30 pm, 1305 Newell-Simon Hall\n\n"
        "We present a method for picking up soft things without squashing them.\n"
    )

    assert people_of(text) == [
        [("Mirela Dancu", "", "Robotics Institute, Carnegie Mellon University")]
    ]


def test_the_writers_byline_is_no_speaker():
    text = f"3 September 2026\n\nBy Priya Raman\n\n{MEETING} Tom Ives will speak."

    assert people_of(text) == [[("Tom Ives", "", "")]]


def test_a_speaker_named_again_by_surname_is_one_speaker():
    text = f"{MEETING} Dr Ian Hale will speak. Dr. Hale will talk about the old routes."

    assert people_of(text) == [[("Ian Hale", "Dr", "")]]


def test_the_programmes_convener_is_no_speaker():
    assert people_of(f"Convened by Ana Ruiz\n\n{MEETING} Tom Ives will speak.") == [
        [("Tom Ives", "", "")]
    ]


def test_the_person_a_talk_is_about_is_no_speaker():
    text = (
        "History society talks\n\n"
        "12 October 2026: The Life and Times of Mary Seacole - Dr Ann Lee\n"
        "19 October 2026: Rivers of the North - Tom Ives"
    )

    assert people_of(text) == [[("Ann Lee", "Dr", "")], [("Tom Ives", "", "")]]


def test_a_role_names_its_holder_in_brackets():
    text = f"{MEETING} Residents put questions to the panel, and a moderator (Ana Ruiz) keeps time."

    assert people_of(text) == [[("Ana Ruiz", "", "")]]
