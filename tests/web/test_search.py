"""Search reads without accents or case and looks in tags too, alike on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.builders import event, london, venue
from tests.html_reader import texts, titles


def page_of(answer) -> str:
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


@pytest.fixture
def cafes(store_events):
    return store_events(
        event("Poetry at Café Rouge", start=london(2027, 1, 10, 19, 0)),
        event("CAFÉ SOCIETY QUIZ", start=london(2027, 1, 11, 19, 0)),
        event("Jazz night", start=london(2027, 1, 12, 19, 0), venues=[venue("Le Cafe Noir")]),
        event("Reading group", start=london(2027, 1, 13, 19, 0), tags=["ecología"]),
        event("Book swap", start=london(2027, 1, 14, 19, 0), description="Tea and cake."),
    )


@pytest.mark.parametrize("words", ["cafe", "CAFE", "café", "Cafè"])
def test_search_ignores_accents_and_case(client, cafes, words):
    page = page_of(client.get("/search", query_string={"q": words}))

    assert titles(page) == ["Jazz night", "CAFÉ SOCIETY QUIZ", "Poetry at Café Rouge"]


@pytest.mark.parametrize("words", ["ecologia", "Ecología"])
def test_search_finds_events_by_their_tags(client, cafes, words):
    page = page_of(client.get("/search", query_string={"q": words}))

    assert titles(page) == ["Reading group"]


def test_search_marks_what_it_matched_as_written(client, cafes):
    page = page_of(client.get("/search", query_string={"q": "cafe"}))

    assert texts(page, "mark") == ["Cafe", "CAFÉ", "Café"]


def test_a_search_word_matches_no_more_than_its_letters(client, cafes):
    page = page_of(client.get("/search", query_string={"q": "caf%"}))

    assert titles(page) == []
