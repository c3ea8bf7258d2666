"""Maps where a venue's coordinates are known: the embed on event and venue pages, the one
policy widening that lets it in (on those pages only, cached or not), and an admin setting a
venue's point from an OpenStreetMap link or typed numbers."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from events_app.store import repository
from events_app.web.security import CONTENT_SECURITY_POLICY
from tests.builders import event, venue
from tests.conftest import NOW
from tests.web.organiser_helpers import csrf_of, sign_in

MAP_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-src 'self' https://www.openstreetmap.org; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HALL_EMBED = (
    "https://www.openstreetmap.org/export/embed.html?"
    "bbox=-0.12280%2C51.51760%2C-0.11480%2C51.52160&amp;layer=mapnik&amp;"
    "marker=51.51960%2C-0.11880"
)


@pytest.fixture
def mapped_and_not(store_events):
    return store_events(
        event(
            "Housing meeting",
            start=NOW + timedelta(days=2),
            venues=[venue("Conway Hall", latitude=51.5196, longitude=-0.1188)],
        ),
        event("Book launch", start=NOW + timedelta(days=3), venues=[venue("The Crown")]),
    )


def embeds(page: str) -> list[str]:
    return re.findall(r'<iframe src="([^"]+)" title="([^"]+)"', page)


@pytest.mark.parametrize(
    ("path", "frames", "policy"),
    [
        ("/events/{0}", [(HALL_EMBED, "Map of Conway Hall")], MAP_POLICY),
        ("/venues/conway-hall", [(HALL_EMBED, "Map of Conway Hall")], MAP_POLICY),
        ("/events/{1}", [], CONTENT_SECURITY_POLICY),
        ("/venues/the-crown", [], CONTENT_SECURITY_POLICY),
        ("/", [], CONTENT_SECURITY_POLICY),
    ],
)
def test_only_a_page_with_a_map_lets_openstreetmap_in(client, mapped_and_not, path, frames, policy):
    path = path.format(*(e.slug for e in mapped_and_not))
    first = client.get(path)
    again = client.get(path)  # from the response cache, and then from the fast path

    assert [first.status_code, again.status_code] == [200, 200]
    assert embeds(first.get_data(as_text=True)) == frames
    assert [first.headers["Content-Security-Policy"], again.headers["Content-Security-Policy"]] == [
        policy,
        policy,
    ]


def test_the_policy_follows_the_page_for_a_signed_in_visitor(client, mapped_and_not, organiser):
    sign_in(client)

    mapped = client.get(f"/events/{mapped_and_not[0].slug}")
    plain = client.get(f"/events/{mapped_and_not[1].slug}")

    assert [
        mapped.headers["Content-Security-Policy"],
        plain.headers["Content-Security-Policy"],
    ] == [
        MAP_POLICY,
        CONTENT_SECURITY_POLICY,
    ]


@pytest.fixture
def as_admin(client, admin):
    assert sign_in(client, "admin@example.org").status_code == 302
    return client


def save_venue(client, app_session, name: str, fields: dict[str, str]):
    app_session.rollback()
    venue_id = next(v.id for v in repository.list_venues(app_session) if v.name == name)
    token = csrf_of(client.get(f"/organiser/venues/{venue_id}").get_data(as_text=True))
    response = client.post(
        f"/organiser/venues/{venue_id}", data={"name": name, **fields, "csrf_token": token}
    )
    app_session.rollback()
    found = repository.get_venue(app_session, "the-crown")
    return response, (found.latitude, found.longitude)


@pytest.mark.parametrize(
    ("fields", "point"),
    [
        (
            {"osm_link": "https://www.openstreetmap.org/#map=19/51.53857/-0.10259"},
            (51.53857, -0.10259),
        ),
        (
            {
                "latitude": "1",
                "longitude": "2",
                "osm_link": "https://www.openstreetmap.org/?mlat=51.5386&mlon=-0.1026#map=15/51/0",
            },
            (51.5386, -0.1026),
        ),
        ({"latitude": "51.5386", "longitude": "-0.1026"}, (51.5386, -0.1026)),
    ],
)
def test_an_admin_places_a_venue_by_link_or_numbers(
    as_admin, mapped_and_not, app_session, fields, point
):
    response, stored = save_venue(as_admin, app_session, "The Crown", fields)
    page = as_admin.get("/venues/the-crown")

    assert response.status_code == 302
    assert stored == point
    assert [title for _, title in embeds(page.get_data(as_text=True))] == ["Map of The Crown"]
    assert page.headers["Content-Security-Policy"] == MAP_POLICY


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"osm_link": "https://maps.example.com/#map=18/51.5/-0.1"},
            "must be an openstreetmap.org",
        ),
        ({"osm_link": "https://www.openstreetmap.org/node/42"}, "names no point"),
        ({"osm_link": "https://www.openstreetmap.org/#map=3/91/0"}, "off the map"),
        ({"latitude": "51.5"}, "Give both the latitude and the longitude, or neither"),
        ({"latitude": "51.5", "longitude": "east"}, "Longitude must be a number"),
    ],
)
def test_a_bad_point_is_refused_and_nothing_changes(
    as_admin, mapped_and_not, app_session, fields, message
):
    version = repository.data_version(app_session)

    response, stored = save_venue(as_admin, app_session, "The Crown", fields)

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert stored == (None, None)
    assert repository.data_version(app_session) == version
