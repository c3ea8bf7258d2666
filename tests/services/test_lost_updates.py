"""Two editors save the same event at once: with the revision check one of them is told, and
the control run without it shows the lost update the check prevents."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from events_app import services
from events_app.store import repository
from events_app.store.db import make_engine, make_session_factory
from tests.builders import event
from tests.conftest import NOW


@pytest.fixture
def shared(database_url):
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    with factory() as session:
        [stored] = services.create_events(
            session, [event("Branch meeting")], now=NOW, uid_domain="example.org"
        )
    yield factory, stored
    engine.dispose()


def race(factory, event_id: int, *, check: bool) -> dict[str, object]:
    """Both editors read the event, then both save their own title at the same moment."""
    both_read = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def editor(title: str) -> None:
        with factory() as session:
            opened = repository.get_event_by_id(session, event_id)
            session.rollback()
            both_read.wait(timeout=10)
            try:
                services.update_event(
                    session,
                    event_id,
                    dataclasses.replace(opened, title=title),
                    now=NOW,
                    expected_revision=opened.revision if check else None,
                )
                outcome[title] = "saved"
            except services.ConflictError as conflict:
                outcome[title] = conflict.current.title

    threads = [threading.Thread(target=editor, args=(t,)) for t in ("Title A", "Title B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with factory() as session:
        outcome["stored"] = repository.get_event_by_id(session, event_id).title
    return outcome


def test_the_second_save_is_refused_and_shown_the_first(shared):
    factory, stored = shared

    outcome = race(factory, stored.id, check=True)

    winner = outcome["stored"]
    loser = "Title B" if winner == "Title A" else "Title A"
    assert outcome[winner] == "saved"
    assert outcome[loser] == winner


def test_control_without_the_check_loses_an_update(shared):
    factory, stored = shared

    outcome = race(factory, stored.id, check=False)

    assert outcome["Title A"] == outcome["Title B"] == "saved"
    assert outcome["stored"] in ("Title A", "Title B")


def test_a_stale_revision_is_refused_even_without_a_race(session):
    [stored] = services.create_events(
        session, [event("Branch meeting")], now=NOW, uid_domain="example.org"
    )
    services.update_event(
        session, stored.id, dataclasses.replace(stored, title="New title"), now=NOW
    )

    with pytest.raises(services.ConflictError) as refused:
        services.update_event(
            session,
            stored.id,
            dataclasses.replace(stored, title="Old edit"),
            now=NOW,
            expected_revision=stored.revision,
        )

    assert refused.value.current.title == "New title"


def test_a_save_for_an_event_with_another_uid_is_refused(session):
    [stored] = services.create_events(session, [event("Talk B")], now=NOW, uid_domain="example.org")

    with pytest.raises(services.NotFoundError):
        services.update_event(
            session,
            stored.id,
            dataclasses.replace(stored, title="Talk A, edited"),
            now=NOW,
            expected_revision=stored.revision,
            expected_uid="someone-else@example.org",
        )

    assert repository.get_event_by_id(session, stored.id).title == "Talk B"
