"""A typed time zone is read in one place: IANA names in any letter case are taken, and
abbreviations, cities and anything else are refused with the zone most likely meant."""

from __future__ import annotations

import pytest

from events_app.domain import UnknownTimeZoneError
from events_app.zone_input import pickable_zones, read_zone, zone_city


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/London", "Europe/London"),
        ("europe/london", "Europe/London"),
        (" America/New_York ", "America/New_York"),
        ("america/new york", "America/New_York"),
        ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("Etc/GMT+5", "Etc/GMT+5"),
        ("GB", "GB"),
    ],
)
def test_a_zone_name_is_taken_in_its_own_spelling(typed, zone):
    assert read_zone(typed) == zone


ABBREVIATION = (
    "Unknown time zone: {!r}: an abbreviation is one side of the year's clock change; give "
    "the place's zone, such as {}"
)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("EST", ABBREVIATION.format("EST", "America/New_York")),
        ("pst", ABBREVIATION.format("pst", "America/Los_Angeles")),
        ("EST5EDT", ABBREVIATION.format("EST5EDT", "America/New_York")),
        ("GMT", ABBREVIATION.format("GMT", "Europe/London")),
        ("BST", ABBREVIATION.format("BST", "Europe/London")),
        ("AEST", ABBREVIATION.format("AEST", "Australia/Sydney")),
        ("New York", "Unknown time zone: 'New York': did you mean America/New_York?"),
        ("new york", "Unknown time zone: 'new york': did you mean America/New_York?"),
        ("Sydney", "Unknown time zone: 'Sydney': did you mean Australia/Sydney?"),
        ("são paulo", "Unknown time zone: 'são paulo': did you mean America/Sao_Paulo?"),
        (
            "Buenos Aires",
            "Unknown time zone: 'Buenos Aires': did you mean "
            "America/Argentina/Buenos_Aires or America/Buenos_Aires?",
        ),
        (
            "Mars/Olympus",
            "Unknown time zone: 'Mars/Olympus': give an IANA name such as Europe/London",
        ),
        ("localtime", "Unknown time zone: 'localtime': give an IANA name such as Europe/London"),
        ("", "Unknown time zone: '': give an IANA name such as Europe/London"),
    ],
)
def test_anything_else_is_refused_with_the_zone_meant(typed, message):
    with pytest.raises(UnknownTimeZoneError) as refused:
        read_zone(typed)

    assert str(refused.value) == message


def test_every_zone_a_picker_offers_is_taken_as_it_is():
    offered = pickable_zones()

    assert [read_zone(name) for name in offered] == list(offered)
    assert ("Europe/London" in offered, "EST" in offered, "localtime" in offered) == (
        True,
        False,
        False,
    )


@pytest.mark.parametrize(
    ("zone", "city"),
    [
        ("America/Argentina/Buenos_Aires", "Buenos Aires"),
        ("Europe/London", "London"),
        ("UTC", "UTC"),
    ],
)
def test_a_zone_is_named_after_its_city(zone, city):
    assert zone_city(zone) == city
