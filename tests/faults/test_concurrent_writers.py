"""Twenty writers at once on one SQLite file: no "database is locked", nothing lost.

The suite runs them for a few seconds; `bench/load_and_faults.py` runs the same for a minute."""

from __future__ import annotations

import multiprocessing
import time
from datetime import timedelta

from events_app import services
from events_app.domain import EventFilter
from events_app.store import repository
from events_app.store.db import make_engine, make_session_factory
from tests.builders import event
from tests.conftest import NOW

WRITERS = 20
SECONDS = 4.0


def writer(url: str, number: int, seconds: float, results) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    written, errors = 0, []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with factory() as session:
                services.create_event(
                    session,
                    event(f"Writer {number} event {written}", start=NOW + timedelta(days=1)),
                    now=NOW,
                    uid_domain="example.org",
                )
            written += 1
        except Exception as exc:  # every failure is counted and reported, whatever it is
            errors.append(f"{exc.__class__.__name__}: {exc}"[:200])
    engine.dispose()
    results.put((number, written, errors))


def test_twenty_writers_never_see_a_locked_database(sqlite_url):
    """SQLite's own locking is what is under test; PostgreSQL has row locks."""
    database_url = sqlite_url
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    processes = [
        context.Process(target=writer, args=(database_url, n, SECONDS, results))
        for n in range(WRITERS)
    ]
    for process in processes:
        process.start()
    reports = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=30)

    errors = [error for _n, _written, errs in reports for error in errs]
    written = sum(count for _n, count, _errs in reports)
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        stored = repository.count_events(session, EventFilter(include_drafts=True))
    engine.dispose()
    assert errors == []
    assert all(count > 0 for _n, count, _errs in reports)
    assert stored == written
