"""Every use case ends its write transaction, however it ends: committed when it finishes,
rolled back when it fails, never left open holding SQLite's write lock or PostgreSQL's row locks
for whatever the session does next."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from events_app import services
from events_app.demo import DEMO_TAG, demo_events
from events_app.domain import EventFilter
from events_app.store import repository
from events_app.store.db import make_engine, make_session_factory, transaction
from tests.builders import event
from tests.conftest import NOW


def titles_seen_elsewhere(database_url: str) -> list[str]:
    """The titles stored, as a session of another connection sees them."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as other:
            criteria = EventFilter(include_drafts=True)
            return sorted(e.title for e in repository.list_events(other, criteria))
    finally:
        engine.dispose()


def test_a_transaction_commits_when_its_block_ends(session: Session, database_url: str):
    with transaction(session):
        repository.save_event(session, event("Kept", uid="kept@x"), now=NOW)

    assert not session.in_transaction()
    assert titles_seen_elsewhere(database_url) == ["Kept"]


def test_a_transaction_rolls_back_when_its_block_raises(session: Session, database_url: str):
    with pytest.raises(RuntimeError, match="half way"), transaction(session):
        repository.save_event(session, event("Dropped", uid="dropped@x"), now=NOW)
        raise RuntimeError("half way")

    assert not session.in_transaction()
    assert titles_seen_elsewhere(database_url) == []


def test_seeding_the_demo_again_ends_its_transaction(session: Session, database_url: str):
    services.seed_demo(session, demo_events(), now=NOW, uid_domain="x", tag=DEMO_TAG)

    again = services.seed_demo(session, demo_events(), now=NOW, uid_domain="x", tag=DEMO_TAG)

    assert again == []
    assert not session.in_transaction()
    assert titles_seen_elsewhere(database_url) == [
        "Arise — A Festival of Labour’s Left Ideas",
        "Opening rally for Arise",
        "Session on Latin America",
    ]


def test_deleting_a_missing_event_ends_its_transaction(session: Session):
    with pytest.raises(services.NotFoundError):
        services.delete(session, 12345, now=NOW)

    assert not session.in_transaction()


@pytest.mark.parametrize("change", [services.cancel, services.publish])
def test_changing_a_missing_event_ends_its_transaction(session: Session, change):
    with pytest.raises(services.NotFoundError):
        change(session, 12345, now=NOW)

    assert not session.in_transaction()
