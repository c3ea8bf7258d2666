"""The render store: feed pieces shared through the database by every worker and server."""

import dataclasses
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from events_app import create_app, services
from events_app.domain import EventEdit
from events_app.store import repository
from events_app.store.tables import RenderedPieceRow
from tests.builders import event
from tests.conftest import BASE_URL, NOW

ICS_MARK = b"X-FROM-THE-STORE:yes\r\n"


def _worker(database_url: str, base_url: str = BASE_URL):
    """Another process of the site: caches of its own, the same database."""
    return create_app(
        {
            "DATABASE_URL": database_url,
            "BASE_URL": base_url,
            "CLOCK": lambda: NOW,
            "SITE_NAME": "Test Events",
        }
    )


def _served(app, path: str) -> bytes:
    body = app.test_client().get(path).data
    app.extensions["events_db"].close()
    return body


@pytest.fixture
def meetings(store_events):
    return store_events(
        *[event(f"Meeting {n}", start=NOW + timedelta(days=n)) for n in range(1, 4)]
    )


def _stored(app_session, kind: str) -> list[RenderedPieceRow]:
    app_session.expire_all()
    query = select(RenderedPieceRow).where(RenderedPieceRow.kind == kind)
    return list(app_session.scalars(query.order_by(RenderedPieceRow.event_id)))


def test_a_cold_worker_assembles_the_feeds_from_stored_pieces(
    client, database_url, meetings, app_session
):
    client.get("/events.ics")
    client.get("/events.json")
    for piece in _stored(app_session, "ics"):
        piece.body += ICS_MARK
    app_session.commit()
    for piece in _stored(app_session, "json"):
        piece.body = b'{"from_the_store":true}'
    app_session.commit()

    ics = _served(_worker(database_url), "/events.ics")
    listed = json.loads(_served(_worker(database_url), "/events.json"))["events"]

    assert [p.uid for p in _stored(app_session, "ics")] == [e.uid for e in meetings]
    assert ics.count(ICS_MARK) == 3
    assert listed == [{"from_the_store": True}] * 3


def test_a_stored_piece_of_another_uid_or_revision_is_rendered_again(
    client, database_url, meetings, app_session
):
    first = client.get("/events.ics").data
    one, two, _ = _stored(app_session, "ics")
    one.uid, one.body = "someone-else@events.example.org", b"BEGIN:VEVENT\r\nEND:VEVENT\r\n"
    two.revision, two.body = two.revision - 1, b"BEGIN:VEVENT\r\nEND:VEVENT\r\n"
    app_session.commit()

    again = _served(_worker(database_url), "/events.ics")

    assert again == first
    assert [(p.uid, p.revision) for p in _stored(app_session, "ics")] == [
        (e.uid, e.revision) for e in meetings
    ]


def test_an_edit_reaches_a_worker_that_had_the_old_pieces(
    client, database_url, meetings, app_session
):
    client.get("/events.ics")
    other = _worker(database_url)
    assert other.test_client().get("/events.ics").data.count(b"SUMMARY:Meeting") == 3
    before = repository.get_event_by_id(app_session, meetings[1].id)

    services.edit_event(
        app_session,
        before.id,
        dataclasses.replace(EventEdit.of(before), title="Moved meeting"),
        now=NOW + timedelta(minutes=1),
    )

    titles = [
        line
        for line in other.test_client().get("/events.ics").data.split(b"\r\n")
        if line.startswith(b"SUMMARY:")
    ]
    assert titles == [b"SUMMARY:Meeting 1", b"SUMMARY:Moved meeting", b"SUMMARY:Meeting 3"]
    other.extensions["events_db"].close()


def test_a_deleted_event_takes_its_pieces_with_it(client, meetings, app_session):
    client.get("/events.ics")

    services.delete(app_session, meetings[0].id, now=NOW)

    assert [p.uid for p in _stored(app_session, "ics")] == [e.uid for e in meetings[1:]]


@pytest.mark.parametrize("path", ["/events.ics", "/events.json"])
def test_a_server_with_another_address_renders_its_own_pieces(client, database_url, meetings, path):
    client.get(path)

    served = _served(_worker(database_url, "https://mirror.example.net"), path)

    assert (BASE_URL.encode() in served, b"mirror.example.net/events/meeting-1-" in served) == (
        False,
        True,
    )
