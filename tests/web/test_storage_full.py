"""A full disk: the organiser is told plainly, and no part of the event is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from events_app.domain import EventFilter
from events_app.store import repository
from events_app.web.errors import storage_full
from tests.web.organiser_helpers import csrf_of


@pytest.fixture
def database_url(sqlite_url):
    """These tests fill SQLite's file; PostgreSQL's disk_full is recognised by its code (below)."""
    return sqlite_url


@pytest.fixture
def full_disk(app, signed_in):
    """SQLite's max_page_count makes the database file unable to grow: exactly the error
    (SQLITE_FULL, "database or disk is full") that a full disk gives."""
    engine = app.extensions["events_db"].engine
    with engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()

    def limit(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    sqlalchemy_event.listen(engine, "connect", limit)
    engine.dispose()
    yield signed_in
    sqlalchemy_event.remove(engine, "connect", limit)


def test_a_full_disk_gives_a_clear_error_and_stores_nothing(full_disk, app_session):
    token = csrf_of(full_disk.get("/organiser/").get_data(as_text=True))
    fields = {
        "e0-title": "A long evening",
        "e0-start_date": "2027-03-12",
        "e0-start_time": "19:00",
        "e0-timezone": "Europe/London",
        "e0-venues": "\n".join(f"Hall {n}; {n} Long Street" for n in range(20)),  # VENUES_PER_EVENT
        "e0-description": "words " * 3000,
        "e0-include": "on",
        "count": "1",
        "action": "publish",
        "text": "announcement " * 2000,
        "csrf_token": token,
    }

    response = full_disk.post("/organiser/publish", data=fields)

    body = response.get_data(as_text=True)
    assert response.status_code == 507
    assert "storage is full, so nothing was saved" in body
    assert "sqlite" not in body.lower()
    app_session.rollback()
    assert repository.list_events(app_session, EventFilter(include_drafts=True)) == []
    assert repository.list_venues(app_session) == []


class DriverError(Exception):
    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("error", "full"),
    [
        (DriverError("could not extend file", sqlstate="53100"), True),
        (DriverError("database or disk is full"), True),
        (DriverError("[Errno 28] No space left on device"), True),
        (DriverError("connection refused", sqlstate="08001"), False),
        (DriverError("database is locked"), False),
    ],
)
def test_storage_full_is_told_apart_from_an_unreachable_database(error, full):
    assert storage_full(OperationalError("INSERT ...", {}, error)) is full


def test_a_write_that_breaks_a_constraint_is_a_409_not_a_500(app, signed_in, app_session):
    """Two saves racing for the same page address: the loser is told, nothing half-stored."""
    engine = app.extensions["events_db"].engine

    raced = []

    def duplicate_slug(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO events") and not raced:
            raced.append(statement)
            conn.exec_driver_sql(
                "INSERT INTO events (uid, slug, title, description, start_utc, timezone, all_day,"
                " status, published, organiser, online, sequence, revision,"
                " created_at, updated_at) VALUES ('racer@x', 'racing-2027-03-12', 'Racer', '',"
                " '2027-03-12 19:00:00.000000', 'UTC', 0, 'confirmed', 0, '', 0, 0, 0,"
                " '2027-01-01 00:00:00.000000', '2027-01-01 00:00:00.000000')"
            )

    token = csrf_of(signed_in.get("/organiser/").get_data(as_text=True))
    sqlalchemy_event.listen(engine, "before_cursor_execute", duplicate_slug)
    try:
        response = signed_in.post(
            "/organiser/publish",
            data={
                "e0-title": "Racing",
                "e0-start_date": "2027-03-12",
                "e0-start_time": "19:00",
                "e0-timezone": "Europe/London",
                "e0-include": "on",
                "count": "1",
                "action": "publish",
                "text": "",
                "csrf_token": token,
            },
        )
    finally:
        sqlalchemy_event.remove(engine, "before_cursor_execute", duplicate_slug)

    assert response.status_code == 409
    assert "Nothing was saved" in response.get_data(as_text=True)
    app_session.rollback()
    assert repository.list_events(app_session, EventFilter(include_drafts=True)) == []
