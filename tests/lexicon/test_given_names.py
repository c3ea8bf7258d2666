"""The given-name lexicon read from the installed `names` package's census lists."""

import pytest

from events_app.lexicon.given_names import given_names, is_given_name


@pytest.mark.parametrize(
    ("word", "listed"),
    [
        ("Ruth", True),
        ("DAVID", True),
        ("angela", True),
        ("Golden", False),  # far down the female list: kept out, more often a word
        ("Tai", False),
        ("Tomasz", False),  # not in a United States census list: no evidence either way
        ("Hall", False),
    ],
)
def test_common_first_names_are_listed(word, listed):
    assert is_given_name(word) is listed


def test_the_lists_are_cut_to_their_commoner_names():
    assert 2500 < len(given_names()) < 3000
