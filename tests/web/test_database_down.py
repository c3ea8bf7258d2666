"""With the database out of reach, every route answers 503 with a plain message."""

import pytest
from sqlalchemy import make_url

from events_app import create_app
from tests.faults.tcp_proxy import TcpProxy

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


def test_the_first_request_after_the_database_returns_succeeds(postgresql_url):
    """PostgreSQL behind a forwarder that is cut and restored: 503 while it is away, then the
    pool's pre-ping replaces the dead connections and the next request is answered."""
    url = make_url(postgresql_url)
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432)).start()
    app = create_app(
        {"DATABASE_URL": url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)}
    )
    client = app.test_client()
    try:
        assert client.get("/").status_code == 200
        assert client.get("/events.ics").status_code == 200

        proxy.cut()
        down = [client.get(path) for path in ("/", "/events.ics", "/api/v1/events", "/readyz")]

        proxy.start()
        back = [client.get(path).status_code for path in ("/", "/events.ics", "/readyz")]
    finally:
        proxy.cut()
        app.extensions["events_db"].close()

    assert [r.status_code for r in down] == [503, 503, 503, 503]
    assert all(r.headers["Retry-After"] for r in down)
    assert back == [200, 200, 200]
