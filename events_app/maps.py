"""Where a venue is on OpenStreetMap: its point read from a link an admin pastes, and the
address of the embeddable map the venue and event pages frame. Standard library only."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

from .domain import InvalidVenueError

EMBED_ORIGIN = "https://www.openstreetmap.org"
OSM_HOSTS = ("openstreetmap.org", "osm.org")
# How much of the map around the point the embed shows: a few streets each way.
EMBED_HALF_WIDTH, EMBED_HALF_HEIGHT = 0.004, 0.002
NUMBER = r"[+-]?[0-9]{1,3}(?:\.[0-9]{1,15})?"
MAP_FRAGMENT = re.compile(rf"map=[0-9]{{1,2}}/({NUMBER})/({NUMBER})")


def coordinates_of_link(link: str) -> tuple[float, float]:
    """The (latitude, longitude) an openstreetmap.org link points at: its marker
    (`?mlat=..&mlon=..`) when it has one, else the centre of the view it shows
    (`#map=zoom/lat/lon`). InvalidVenueError says what is wrong with any other text."""
    parts = urlsplit(link.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not any(
        host == name or host.endswith(f".{name}") for name in OSM_HOSTS
    ):
        raise InvalidVenueError(
            "The map link must be an openstreetmap.org address, such as "
            "https://www.openstreetmap.org/#map=18/51.51964/-0.11882"
        )
    query = parse_qs(parts.query)
    marker = (query.get("mlat", [""])[0], query.get("mlon", [""])[0])
    if all(re.fullmatch(NUMBER, value) for value in marker):
        return _point(*marker)
    found = MAP_FRAGMENT.search(parts.fragment)
    if found is None:
        raise InvalidVenueError(
            "The map link names no point: on openstreetmap.org, centre the map on the venue "
            "(or right-click it and choose “Show address”) and copy the address bar"
        )
    return _point(found.group(1), found.group(2))


def _point(latitude: str, longitude: str) -> tuple[float, float]:
    lat, lon = float(latitude), float(longitude)
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise InvalidVenueError(
            "The map link's point is off the map: latitude must be between -90 and 90, "
            "longitude between -180 and 180"
        )
    return lat, lon


def embed_url(latitude: float, longitude: float) -> str:
    """OpenStreetMap's embeddable map around the point, with a marker on it."""
    box = (
        longitude - EMBED_HALF_WIDTH,
        latitude - EMBED_HALF_HEIGHT,
        longitude + EMBED_HALF_WIDTH,
        latitude + EMBED_HALF_HEIGHT,
    )
    query = {
        "bbox": ",".join(f"{value:.5f}" for value in box),
        "layer": "mapnik",
        "marker": f"{latitude:.5f},{longitude:.5f}",
    }
    return f"{EMBED_ORIGIN}/export/embed.html?{urlencode(query)}"
