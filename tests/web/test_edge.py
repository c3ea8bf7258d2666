"""The edge of the service: host names, proxies, and the JSON parse endpoint's content type."""

from __future__ import annotations

import pytest
from flask import request

from events_app import create_app
from tests.conftest import BASE_URL, NOW
from tests.web.organiser_helpers import SEED_PARAGRAPH, csrf_of


@pytest.mark.parametrize(
    "host", ["events.example.org", "events.example.org:443", "localhost:5000", "127.0.0.1", "[::1]"]
)
def test_the_sites_own_names_are_served(client, host):
    assert client.get("/", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "path", ["/", "/events.ics", "/api/v1/events", "/login", "/static/style.css"]
)
def test_another_host_name_is_refused_everywhere(client, path):
    response = client.get(path, headers={"Host": "attacker.example"})

    assert response.status_code == 400
    assert b"does not answer to that host name" in response.data


def test_absolute_links_come_from_base_url_not_the_request(client, demo):
    page = client.get("/", headers={"Host": "127.0.0.1:5000"}).get_data(as_text=True)

    assert "webcal://events.example.org/events.ics" in page
    assert "127.0.0.1" not in page


@pytest.fixture
def make_app(database_url):
    made = []

    def make(**settings):
        app = create_app(
            {"DATABASE_URL": database_url, "BASE_URL": BASE_URL, "CLOCK": lambda: NOW, **settings}
        )
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["events_db"].close()


def test_allowed_hosts_adds_names(make_app):
    client = make_app(ALLOWED_HOSTS="events.internal, www.example.org").test_client()

    assert client.get("/", headers={"Host": "www.example.org"}).status_code == 200
    assert client.get("/", headers={"Host": "events.internal:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "other.example.org"}).status_code == 400


def remote_address_seen(app, forwarded_for: str) -> str:
    seen = []
    app.before_request(lambda: seen.append(request.remote_addr))
    app.test_client().get(
        "/", headers={"X-Forwarded-For": forwarded_for}, environ_base={"REMOTE_ADDR": "10.0.0.2"}
    )
    return seen[0]


def test_forwarded_headers_are_ignored_unless_proxies_are_configured(make_app):
    assert remote_address_seen(make_app(), "203.0.113.9") == "10.0.0.2"
    assert remote_address_seen(make_app(TRUSTED_PROXIES=1), "203.0.113.9") == "203.0.113.9"


def test_parse_api_reads_an_announcement_for_a_signed_in_organiser(signed_in):
    response = signed_in.post(
        "/api/v1/parse", json={"text": SEED_PARAGRAPH, "reference_date": "2018-07-20"}
    )

    document = response.get_json()
    assert response.status_code == 200
    assert any(e["title"].startswith("Arise") for e in document["events"])
    assert {"Student Central", "Unite House"} <= {
        v["name"] for e in document["events"] for v in e["venues"]
    }


def test_parse_api_needs_signing_in(client):
    response = client.post("/api/v1/parse", json={"text": SEED_PARAGRAPH})

    assert response.status_code == 401
    assert "Sign in" in response.get_json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"text": SEED_PARAGRAPH, "timezone": "Nowhere/Land"}, 400, "Unknown time zone"),
        ({"text": SEED_PARAGRAPH, "reference_date": "2018-02-30"}, 400, "reference_date must be"),
        ({"text": "x\n" * 10_001}, 422, "at most 10,000 lines"),
        ({"text": 5}, 400, "JSON object"),
    ],
)
def test_parse_api_explains_bad_bodies(signed_in, body, status, message):
    response = signed_in.post("/api/v1/parse", json=body)

    assert response.status_code == status
    assert message in response.get_json()["error"]["message"]


def test_parse_api_needs_no_form_token_but_forms_still_do(signed_in):
    token = csrf_of(signed_in.get("/organiser/new").get_data(as_text=True))

    assert signed_in.post("/api/v1/parse", json={"text": SEED_PARAGRAPH}).status_code == 200
    assert signed_in.post("/organiser/new", data={"text": SEED_PARAGRAPH}).status_code == 400
    assert (
        signed_in.post(
            "/organiser/new", data={"text": SEED_PARAGRAPH, "csrf_token": token}
        ).status_code
        == 200
    )
