"""Two gunicorn servers on different ports, one database: the same feeds with the same ETags,
and an edit made through one is in the other's feed at once."""

from __future__ import annotations

import urllib.request

from events_app import accounts
from events_app.domain import Role
from events_app.store.db import make_engine, make_session_factory
from tests.conftest import NOW
from tests.faults.servers import Gunicorn, Organiser

PASSWORD = "correct horse battery"
SITE = "http://events.example.org"  # plain http: the test talks to gunicorn directly


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read(), response.headers["ETag"]


def test_two_servers_agree_and_see_each_others_edits(database_url):
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        accounts.create_user(session, "org@example.org", PASSWORD, Role.ORGANISER, NOW)
    engine.dispose()
    first, second = (Gunicorn(database_url, workers=1, base_url=SITE) for _ in range(2))
    try:
        Organiser(first.url, "org@example.org", PASSWORD).publish("Before the edit")
        before = [fetch(f"{server.url}/api/v1/events?when=all") for server in (first, second)]

        assert Organiser(first.url, "org@example.org", PASSWORD).publish("Made on one") == 302
        after = [fetch(f"{server.url}/api/v1/events?when=all") for server in (first, second)]
        ics = [fetch(f"{server.url}/events.ics") for server in (first, second)]
    finally:
        first.stop()
        second.stop()

    assert before[0][1] == before[1][1]
    assert after[0] == after[1]
    assert after[1][1] != before[1][1]
    assert b"Made on one" in after[1][0]
    assert ics[0][1] == ics[1][1] and b"SUMMARY:Made on one" in ics[1][0]
