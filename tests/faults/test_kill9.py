"""kill -9 of gunicorn during a stream of writes: every acknowledged write survives."""

from __future__ import annotations

import http.client
import threading
import time

from sqlalchemy import text

from events_app import accounts
from events_app.domain import EventFilter, Role
from events_app.store import repository
from events_app.store.db import make_engine, make_session_factory
from tests.conftest import NOW
from tests.faults.servers import Gunicorn, Organiser

PASSWORD = "correct horse battery"
WRITERS = 4


def test_acknowledged_writes_survive_kill_9(database_url):
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        accounts.create_user(session, "org@example.org", PASSWORD, Role.ORGANISER, NOW)
    server = Gunicorn(database_url)
    acknowledged: list[str] = []
    stop = threading.Event()

    def write(writer: int) -> None:
        browser = browsers[writer]
        n = 0
        while not stop.is_set():
            title = f"Write {writer}-{n}"
            try:
                if browser.publish(title) == 302:
                    acknowledged.append(title)
            except (OSError, http.client.HTTPException):
                return  # the server was killed mid-request: that write was never acknowledged
            n += 1

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    try:
        # Every writer signs in before the kill can come, so a refused connection
        # can only mean the server is gone, never a writer that never started.
        browsers = [Organiser(server.url, "org@example.org", PASSWORD) for _ in range(WRITERS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < 60 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        server.kill()

    engine.dispose()
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        stored = {
            e.title for e in repository.list_events(session, EventFilter(include_drafts=True))
        }
        if database_url.startswith("sqlite"):
            assert session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    engine.dispose()
    assert len(acknowledged) >= 60
    assert set(acknowledged) <= stored
