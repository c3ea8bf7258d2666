"""After signing in only a path on this site is followed, and a response that sets a cookie is
never one a shared cache may keep."""

from __future__ import annotations

import pytest

from events_app.web.edge import PrivateWhenSettingCookies, private_cache_control
from tests.conftest import PASSWORD
from tests.web.organiser_helpers import csrf_of

DASHBOARD = "/organiser/"


def log_in_to(client, raw_next: str):
    token = csrf_of(client.get("/login").get_data(as_text=True))
    return client.post(
        f"/login?next={raw_next}",
        data={"email": "org@example.org", "password": PASSWORD, "csrf_token": token},
    )


@pytest.mark.parametrize(
    "raw_next",
    [
        "//evil.example/",
        "/%09/evil.example",
        "%09//evil.example",
        "/%5Cevil.example",
        "%5C%5Cevil.example",
        "https://evil.example/",
        "HTTPS:evil.example",
        "javascript:alert(1)",
        "evil.example",
        "%20//evil.example",
        "/%E2%80%A8/evil.example",
    ],
)
def test_login_refuses_to_send_anyone_off_the_site(client, organiser, raw_next):
    response = log_in_to(client, raw_next)

    assert response.status_code == 302
    assert response.headers["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


@pytest.mark.parametrize("raw_next", ["/%0A/evil.example", "/x%0D%0ASet-Cookie:%20a=b", "/%00"])
def test_a_control_character_in_next_is_400_and_signs_no_one_in(client, organiser, raw_next):
    response = log_in_to(client, raw_next)

    assert response.status_code == 400
    assert "next must not contain control characters" in response.get_data(as_text=True)
    assert client.get(DASHBOARD).status_code == 302


@pytest.mark.parametrize(
    ("raw_next", "location"),
    [
        ("/events/film-night", "/events/film-night"),
        ("/organiser/events/3/edit", "/organiser/events/3/edit"),
        ("/search%3Fq%3Dcaf%C3%A9", "/search?q=caf%C3%A9"),
        ("/%252F%252Fevil.example", "/%2F%2Fevil.example"),
    ],
)
def test_login_follows_a_path_on_this_site(client, organiser, raw_next, location):
    response = log_in_to(client, raw_next)

    assert response.status_code == 302
    assert response.headers["Location"] == location


FEEDS = ["/events.ics", "/events.json", "/feed.json", "/api/v1/events", "/", "/past"]


@pytest.mark.parametrize("path", FEEDS)
def test_a_response_to_a_signed_in_organiser_is_not_shared_cache_material(signed_in, path):
    response = signed_in.get(path)

    assert response.status_code == 200
    if response.headers.getlist("Set-Cookie"):
        assert "public" not in response.headers.get("Cache-Control", "")
        assert "private" in response.headers["Cache-Control"]


def test_signing_in_sets_a_cookie_on_a_private_response(client, organiser):
    response = log_in_to(client, "/events.ics")

    assert response.headers.getlist("Set-Cookie")
    assert response.headers["Cache-Control"] == "no-store"


def run(app, status: str, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen = {}

    def downstream(_environ, start_response):
        start_response(status, headers)
        return [b""]

    def start_response(_status, sent, _exc_info=None):
        seen["headers"] = sent

    app(downstream)({}, start_response)
    return seen["headers"]


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("public, max-age=300", "private, max-age=300"),
        ("public, s-maxage=600, max-age=60", "private, max-age=60"),
        ("", "private"),
        ("no-store", "no-store"),
        ("private, max-age=5", "private, max-age=5"),
    ],
)
def test_a_cookie_makes_any_cache_control_private(sent, expected):
    assert private_cache_control(sent) == expected
    headers = run(
        PrivateWhenSettingCookies,
        "200 OK",
        [("Cache-Control", sent), ("Set-Cookie", "session=x")],
    )
    assert headers == [("Set-Cookie", "session=x"), ("Cache-Control", expected)]


def test_without_a_cookie_cache_control_is_left_alone():
    sent = [("Cache-Control", "public, max-age=300"), ("ETag", '"1"')]

    assert run(PrivateWhenSettingCookies, "200 OK", sent) == sent


def test_an_error_response_sets_no_cookie():
    headers = run(
        PrivateWhenSettingCookies,
        "500 INTERNAL SERVER ERROR",
        [("Content-Type", "text/html"), ("Set-Cookie", "session=new")],
    )

    assert headers == [("Content-Type", "text/html")]
