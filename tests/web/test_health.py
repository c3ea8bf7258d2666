"""Health checks, request ids and the structured log lines that carry them."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest

from events_app import create_app
from events_app.store.migrate import upgrade
from tests.web.test_database_down import UNREACHABLE


def test_healthz_answers_whatever_the_host(client):
    response = client.get("/healthz", headers={"Host": "10.0.0.5:8000"})

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_checks_the_database_and_its_schema(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "database": "ok", "migrations": "current"}


def test_readyz_says_when_the_database_is_out_of_reach():
    app = create_app({"DATABASE_URL": UNREACHABLE})
    client = app.test_client()

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    assert response.get_json()["database"] == "unreachable"
    assert client.get("/healthz").status_code == 200
    app.extensions["events_db"].close()


def test_readyz_says_when_migrations_are_pending(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0002")
    app = create_app({"DATABASE_URL": url})

    response = app.test_client().get("/readyz")

    assert response.status_code == 503
    assert response.get_json()["migrations"] == "pending: run `events-app migrate`"
    app.extensions["events_db"].close()


def test_every_response_carries_a_request_id(client):
    first = client.get("/").headers["X-Request-ID"]
    second = client.get("/events.ics").headers["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.parametrize(
    ("sent", "echoed"),
    [("lb-1234.abc", True), ("x" * 200, False), ("bad id; a=b", False)],
)
def test_a_proxys_request_id_is_kept_when_sane(client, sent, echoed):
    returned = client.get("/healthz", headers={"X-Request-ID": sent}).headers["X-Request-ID"]

    assert (returned == sent) is echoed


def test_log_lines_are_json_with_the_request_id():
    app = create_app({"DATABASE_URL": UNREACHABLE})
    handler = next(
        h for h in logging.getLogger("events_app").handlers if getattr(h, "_events_app", False)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        response = app.test_client().get("/", headers={"X-Request-ID": "req-42"})
    finally:
        handler.setStream(previous)
        app.extensions["events_db"].close()

    [entry] = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert response.status_code == 503
    assert entry["request_id"] == "req-42"
    assert entry["level"] == "error"
    assert entry["message"].startswith("database unavailable")


def test_repeated_cached_answers_carry_one_request_id_each(client, demo):
    """The fast path hands out a stored response again and again: each answer must carry its
    own single X-Request-ID, never the ids of the answers before it."""
    answers = [client.get("/api/v1/events") for _ in range(5)]

    assert [len(a.headers.getlist("X-Request-ID")) for a in answers] == [1] * 5
    assert len({a.headers["X-Request-ID"] for a in answers}) == 5
    assert len({len(a.headers) for a in answers}) == 1
