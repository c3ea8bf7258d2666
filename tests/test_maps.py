"""A venue's point read from the OpenStreetMap links an admin may paste, and the embed's address."""

from __future__ import annotations

import pytest

from events_app.domain import InvalidVenueError
from events_app.maps import coordinates_of_link, embed_url


@pytest.mark.parametrize(
    ("link", "point"),
    [
        ("https://www.openstreetmap.org/#map=18/51.51964/-0.11882", (51.51964, -0.11882)),
        ("https://www.openstreetmap.org/#map=9/-33.8688/151.2093&layers=N", (-33.8688, 151.2093)),
        (
            "https://www.openstreetmap.org/?mlat=51.5196&mlon=-0.1188#map=17/51.52000/-0.12000",
            (51.5196, -0.1188),
        ),
        ("https://openstreetmap.org/?mlat=40.7128&mlon=-74.0060", (40.7128, -74.006)),
        ("  https://www.osm.org/node/1#map=16/48.85660/2.35220  ", (48.8566, 2.3522)),
        ("http://www.openstreetmap.org/way/5#map=19/+0.5/-0", (0.5, 0.0)),
    ],
)
def test_a_link_gives_its_marker_or_the_centre_of_its_view(link, point):
    assert coordinates_of_link(link) == point


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("https://maps.example.com/#map=18/51.5/-0.1", "must be an openstreetmap.org address"),
        ("https://openstreetmap.org.evil.example/#map=18/51.5/-0.1", "openstreetmap.org address"),
        ("javascript:alert(1)//openstreetmap.org/#map=1/1/1", "openstreetmap.org address"),
        ("51.5, -0.1", "openstreetmap.org address"),
        ("https://www.openstreetmap.org/node/123", "names no point"),
        ("https://www.openstreetmap.org/#map=18/north/west", "names no point"),
        ("https://www.openstreetmap.org/?mlat=nan&mlon=inf", "names no point"),
        ("https://www.openstreetmap.org/#map=5/95.0/10.0", "off the map"),
        ("https://www.openstreetmap.org/?mlat=10&mlon=200", "off the map"),
    ],
)
def test_other_text_is_refused_with_the_reason(link, message):
    with pytest.raises(InvalidVenueError, match=message):
        coordinates_of_link(link)


def test_the_embed_shows_a_few_streets_around_a_marker():
    assert embed_url(51.5196, -0.1188) == (
        "https://www.openstreetmap.org/export/embed.html?"
        "bbox=-0.12280%2C51.51760%2C-0.11480%2C51.52160&layer=mapnik&marker=51.51960%2C-0.11880"
    )
