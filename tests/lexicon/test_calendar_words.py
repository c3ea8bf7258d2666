"""Calendar words: months, weekdays, relative days, ordinals, connectors and clock words."""

from __future__ import annotations

import pytest

from events_app.lexicon.calendar_words import (
    connector_role,
    fold,
    guess_language,
    is_hour_word,
    meridiem,
    month_names,
    month_number,
    ordinal_day,
    relative_day,
    weekday_number,
)

MONTHS = [
    ("January", None, 1),
    ("Sept.", None, 9),
    ("sept", None, 9),
    ("DEC", None, 12),
    ("enero", None, 1),
    ("Setiembre", None, 9),
    ("dic.", None, 12),
    ("février", None, 2),
    ("fevrier", None, 2),
    ("Févr.", None, 2),
    ("août", None, 8),
    ("juil.", None, 7),
    ("März", None, 3),
    ("Maerz", None, 3),
    ("Jänner", None, 1),
    ("Okt.", None, 10),
    ("luglio", None, 7),
    ("março", None, 3),
    ("maart", None, 3),
    ("mei", None, 5),
    # Abbreviations that are English words need their language named.
    ("ago", None, None),
    ("ago", ["es"], 8),
    ("set", None, None),
    ("set", ["it"], 9),
    ("out", None, None),
    ("out", ["pt"], 10),
    ("Monday", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("word", "languages", "number"), MONTHS)
def test_month_number(word, languages, number):
    assert month_number(word, languages) == number


WEEKDAYS = [
    ("Monday", None, 0),
    ("Tues", None, 1),
    ("Thurs.", None, 3),
    ("Sun", None, 6),
    ("miércoles", None, 2),
    ("Miercoles", None, 2),
    ("sábado", None, 5),
    ("vendredi", None, 4),
    ("Donnerstag", None, 3),
    ("Sonnabend", None, 5),
    ("Sa.", None, 5),
    ("giovedì", None, 3),
    ("terça-feira", None, 1),
    ("zondag", None, 6),
    # Other languages' short forms are names or words in English: only when asked for.
    ("Sam", None, None),
    ("sam.", ["fr"], 5),
    ("Mar", None, None),
    ("mar", ["es"], 1),
    # German two-letter forms count only with their dot.
    ("so", None, None),
    ("Do", ["de"], None),
    ("Do.", ["de"], 3),
]


@pytest.mark.parametrize(("word", "languages", "number"), WEEKDAYS)
def test_weekday_number(word, languages, number):
    assert weekday_number(word, languages) == number


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", (0, False)),
        ("Tonight", (0, True)),
        ("tomorrow  evening", (1, True)),
        ("mañana", (1, False)),
        ("esta noche", (0, True)),
        ("demain soir", (1, True)),
        ("aujourd’hui", (0, False)),
        ("heute Abend", (0, True)),
        ("übermorgen", (2, False)),
        ("vanavond", (0, True)),
        ("next week", None),
    ],
)
def test_relative_day(phrase, expected):
    assert relative_day(phrase) == expected


@pytest.mark.parametrize(
    ("token", "day"),
    [
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("11th", 11),
        ("21st", 21),
        ("22ND", 22),
        ("1er", 1),
        ("2e", 2),
        ("1re", 1),
        ("1.", 1),
        ("1º", 1),
        ("2ª", 2),
        ("3de", 3),
        ("17", 17),
        ("2st", None),
        ("11st", None),
        ("32nd", None),
        ("0", None),
        ("first", None),
    ],
)
def test_ordinal_day(token, day):
    assert ordinal_day(token) == day


@pytest.mark.parametrize(
    ("word", "languages", "role"),
    [
        ("until", None, "to"),
        ("–", None, "to"),
        ("from", None, "from"),
        ("&", None, "and"),
        ("hasta", None, "to"),
        ("jusqu’au", None, "to"),
        ("bis", None, "to"),
        ("und", None, "and"),
        ("de", ["es"], "from"),
        ("y", ["es"], "and"),
        ("tot", ["nl"], "to"),
        ("house", None, None),
    ],
)
def test_connector_role(word, languages, role):
    assert connector_role(word, languages) == role


@pytest.mark.parametrize(
    ("phrase", "half"),
    [
        ("pm", "pm"),
        ("P.M.", "pm"),
        ("a. m.", "am"),
        ("a.m.", "am"),
        ("de la tarde", "pm"),
        ("du soir", "pm"),
        ("abends", "pm"),
        ("de la mañana", "am"),
        ("Uhr", None),
    ],
)
def test_meridiem(phrase, half):
    assert meridiem(phrase) == half


@pytest.mark.parametrize(
    ("word", "expected"),
    [("h", True), ("Uhr", True), ("hrs", True), ("horas", True), ("o’clock", True), ("pm", False)],
)
def test_is_hour_word(word, expected):
    assert is_hour_word(word) is expected


def test_fold_removes_case_accents_and_the_trailing_dot():
    assert [fold(w) for w in ("Févr.", "MÄRZ", "Straße", "Sábado")] == [
        "fevr",
        "marz",
        "strasse",
        "sabado",
    ]


def test_month_names_of_one_language():
    assert month_names(("fr",)) == frozenset(
        "janvier janv fevrier fevr fev mars avril avr mai juin juillet juil aout septembre "
        "sept octobre oct novembre nov decembre dec".split()
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The talk will be held in the library and is free for all.", "en"),
        ("El concierto será el sábado en la plaza y es gratis para todos.", "es"),
        ("La conférence aura lieu le jeudi et est ouverte à tous les habitants.", "fr"),
        ("Der Vortrag findet am Montag statt und ist für alle offen.", "de"),
        ("Il concerto è sabato nella piazza e per tutti è gratis.", "it"),
        ("12:00", "en"),
    ],
)
def test_guess_language(text, language):
    assert guess_language(text) == language
