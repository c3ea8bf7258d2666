"""With the database out of reach, every route answers 503 with a plain message."""

import pytest

from events_app import create_app

UNREACHABLE = "postgresql://postgres@127.0.0.1:1/nothing"


@pytest.fixture
def offline_client():
    app = create_app({"DATABASE_URL": UNREACHABLE})
    yield app.test_client()
    app.extensions["events_db"].close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/events.ics",
        "/events.json",
        "/api/v1/events",
        "/feed.json",
        "/events/anything",
        "/past",
        "/search?q=x",
    ],
)
def test_every_route_that_needs_it_says_try_again_later(offline_client, path):
    response = offline_client.get(path)

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    body = response.get_data(as_text=True)
    assert "cannot be reached just now" in body
    assert "Traceback" not in body
    assert "psycopg" not in body and "sqlalchemy" not in body.lower()


def test_the_sign_in_form_needs_no_database(offline_client):
    response = offline_client.get("/login")

    assert response.status_code == 200
    assert 'name="password"' in response.get_data(as_text=True)
