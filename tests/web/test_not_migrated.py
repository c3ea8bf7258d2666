"""A database that `events-app migrate` never ran on: every page, feed and the API say to run
it (503), instead of "cannot be reached", on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from events_app import create_app
from events_app.store.db import make_engine
from tests.conftest import BASE_URL, NOW, POSTGRES_URL
from tests.web.organiser_helpers import csrf_of

SAYS = "run `events-app migrate`, then try again."


def _empty_postgres(worker: str) -> str:
    """A PostgreSQL database beside the tests' own (one per test process), schema empty."""
    if not POSTGRES_URL:
        pytest.skip("needs PostgreSQL: set EVENTS_TEST_DATABASE_URL (.ci/run does)")
    url = make_url(POSTGRES_URL)
    url = url.set(database=f"{url.database}_unmigrated_{worker}").render_as_string(
        hide_password=False
    )
    admin = make_engine(POSTGRES_URL)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
        name = make_url(url).database
        if not db.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).first():
            db.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def unmigrated(request, tmp_path: Path, worker_id: str):
    url = f"sqlite:///{tmp_path / 'never-migrated.db'}" if request.param == "sqlite" else None
    app = create_app(
        {
            "DATABASE_URL": url or _empty_postgres(worker_id),
            "BASE_URL": BASE_URL,
            "CLOCK": lambda: NOW,
        }
    )
    yield app.test_client()
    app.extensions["events_db"].close()


@pytest.mark.parametrize(
    "path",
    ["/", "/events.ics", "/events.json", "/api/v1/events", "/events/anything", "/search?q=x"],
)
def test_every_route_says_to_run_migrate(unmigrated, path):
    response = unmigrated.get(path)

    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert SAYS in body
    assert "cannot be reached" not in body
    assert "Traceback" not in body and "sqlalchemy" not in body.lower()


def test_signing_in_says_to_run_migrate(unmigrated):
    token = csrf_of(unmigrated.get("/login").get_data(as_text=True))

    response = unmigrated.post(
        "/login", data={"email": "a@example.org", "password": "x" * 12, "csrf_token": token}
    )

    assert response.status_code == 503
    assert SAYS in response.get_data(as_text=True)
