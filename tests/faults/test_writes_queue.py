"""A save that read first, while others write: it waits its turn on the lock and is either
stored or told of the conflict (409), never "database is locked" (503).

The editors are real threads on their own connections to one database file, as browsers'
requests are; SQLite's deferred transactions are what is under test, PostgreSQL runs the same
as the control."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import timedelta

from events_app import services
from events_app.domain import EventEdit
from events_app.store import repository
from events_app.store.db import make_engine, make_session_factory
from tests.builders import event
from tests.conftest import NOW

EDITORS = 8


def _run(threads: list[threading.Thread]) -> None:
    """Start the threads and wait for every one to finish: on a loaded machine the queue can
    be slow, and an assertion made while one still runs would report its unfinished work as
    lost."""
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
        assert not thread.is_alive(), "a thread was still waiting after ten minutes"


def test_eight_saves_of_one_event_queue_one_is_stored_seven_conflict(database_url):
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    with factory() as session:
        [stored] = services.create_events(session, [event("Rally")], now=NOW, uid_domain="x")
    all_read = threading.Barrier(EDITORS)
    outcomes: list[str] = []

    def editor(number: int) -> None:
        with factory() as session:
            opened = repository.get_event_by_id(session, stored.id)  # the read stays open
            all_read.wait(timeout=20)
            try:
                services.edit_event(
                    session,
                    stored.id,
                    dataclasses.replace(EventEdit.of(opened), title=f"Rally, edit {number}"),
                    now=NOW,
                    expected_revision=opened.revision,
                )
                outcomes.append("saved")
            except services.ConflictError:
                outcomes.append("conflict")
            except Exception as exc:  # every other outcome is reported by name
                outcomes.append(type(exc).__name__)

    _run([threading.Thread(target=editor, args=(n,)) for n in range(EDITORS)])
    with factory() as session:
        revision = repository.get_event_by_id(session, stored.id).revision
    engine.dispose()

    assert (sorted(outcomes), revision) == (["conflict"] * 7 + ["saved"], stored.revision + 1)


def test_a_save_that_read_first_waits_for_a_busy_writer(database_url):
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    with factory() as session:
        [stored] = services.create_events(session, [event("Rally")], now=NOW, uid_domain="x")
    stop = threading.Event()
    failures: list[str] = []
    saved = []

    def busy_writer() -> None:
        number = 0
        while not stop.is_set():
            with factory() as session:
                services.create_event(
                    session,
                    event(f"Other {number}", start=NOW + timedelta(days=1)),
                    now=NOW,
                    uid_domain="x",
                )
            number += 1
            # A writer that commits every few milliseconds, as a busy site's do. SQLite's
            # busy handler polls rather than queues, so a writer that never lets go at all
            # (no gap between its commit and its next BEGIN) starves the others on a loaded
            # machine whatever the timeout; that is not the case this test is about.
            time.sleep(0.002)

    def saver() -> None:
        for attempt in range(20):
            with factory() as session:
                current = repository.get_event_by_id(session, stored.id)
                time.sleep(0.005)  # the other writer commits while this read is open
                try:
                    services.cancel(session, stored.id, now=NOW) if attempt == 19 else (
                        services.edit_event(
                            session,
                            stored.id,
                            dataclasses.replace(EventEdit.of(current), title=f"Rally {attempt}"),
                            now=NOW,
                        )
                    )
                    saved.append(attempt)
                except Exception as exc:  # every failure is reported by name
                    failures.append(f"{type(exc).__name__}: {exc}"[:120])

    writer = threading.Thread(target=busy_writer)
    writer.start()
    _run([threading.Thread(target=saver)])
    stop.set()
    writer.join(timeout=60)
    engine.dispose()

    assert (failures, saved) == ([], list(range(20)))
