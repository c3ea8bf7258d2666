"""Shared fixtures. Every database test runs on SQLite, and on PostgreSQL as well when
EVENTS_TEST_DATABASE_URL names a server (CI sets it; an unreachable server fails the run)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from events_app import create_app, services
from events_app.demo import DEMO_TAG, demo_events
from events_app.passwords import hash_password
from events_app.store.db import make_engine, make_session_factory
from events_app.store.migrate import upgrade

POSTGRES_URL = os.environ.get("EVENTS_TEST_DATABASE_URL", "")
# Apps the tests build without TESTING (and servers they start) need a real-looking secret:
# outside tests and debug mode the service refuses to start without one.
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789abcdef")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
BASE_URL = "https://events.example.org"
TABLES = (
    "event_tags",
    "event_links",
    "event_speakers",
    "event_venues",
    "events",
    "images",
    "venues",
    "people",
    "suggestions",
    "publish_keys",
    "sources",
    "user_sessions",
    "login_failures",
    "users",
)


def pytest_report_header() -> str:
    return f"databases: sqlite{', postgresql' if POSTGRES_URL else ' (postgresql not configured)'}"


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, made once and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "events.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_ready(worker_id: str) -> str:
    """The PostgreSQL database for this test process: the configured one, or with
    pytest-xdist one database per worker beside it, so workers never wipe each other's rows."""
    url = POSTGRES_URL if worker_id == "master" else _worker_database(POSTGRES_URL, worker_id)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    except Exception as exc:  # the run must fail, not skip, when CI's PostgreSQL is missing
        pytest.exit(f"EVENTS_TEST_DATABASE_URL is set but PostgreSQL is unreachable: {exc}", 3)
    finally:
        engine.dispose()
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """pytest-xdist's worker name ("gw0", ...), or "master" when the suite runs in one process."""
    return getattr(request.config, "workerinput", {}).get("workerid", "master")


def _worker_database(url: str, worker: str) -> str:
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = make_engine(url)
    try:
        for attempt in range(20):
            try:
                with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
                    exists = db.execute(
                        text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
                    ).first()
                    if not exists:
                        db.execute(text(f'CREATE DATABASE "{name}"'))
                break
            except OperationalError:  # another worker is copying the template at this moment
                if attempt == 19:
                    raise
                time.sleep(0.5)
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=_backends())
def database_url(request: pytest.FixtureRequest) -> str:
    """Each database test runs once per backend: SQLite always, PostgreSQL when configured."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "events.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def postgresql_url(request: pytest.FixtureRequest) -> str:
    """An emptied PostgreSQL database, for tests that need a real server (CI always has one)."""
    if not POSTGRES_URL:
        message = "needs PostgreSQL: set EVENTS_TEST_DATABASE_URL (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    url = request.getfixturevalue("postgres_ready")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def password_hash() -> str:
    """The hash of tests' shared password, computed once: fixtures store accounts with it, and
    signing in still checks the password against it with the real scrypt."""
    return hash_password(PASSWORD)


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    engine = make_engine(database_url)
    with make_session_factory(engine)() as db_session:
        yield db_session
    engine.dispose()


@pytest.fixture
def app(database_url: str):
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "BASE_URL": BASE_URL,
            "CLOCK": lambda: NOW,
            "TESTING": True,
            "SITE_NAME": "Test Events",
        }
    )
    yield app
    app.extensions["events_db"].close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def app_session(app) -> Iterator[Session]:
    """A session on the app's own database, for arranging data before a request."""
    with app.extensions["events_db"].sessions() as db_session:
        yield db_session


@pytest.fixture
def store_events(app_session: Session):
    """Store domain events through the service layer, as the organiser area will."""

    def store(*events):
        return services.create_events(
            app_session, list(events), now=NOW, uid_domain="events.example.org"
        )

    return store


@pytest.fixture
def demo(app_session: Session):
    return services.seed_demo(
        app_session, demo_events(), now=NOW, uid_domain="events.example.org", tag=DEMO_TAG
    )
