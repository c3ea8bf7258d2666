"""Two editors save the same event at once: with the revision check one of them is told, and
the control run without it shows the lost update the check prevents."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from events_app import services
from events_app.domain import EventEdit, EventStatus, Role
from events_app.store import accounts as account_store
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
                services.edit_event(
                    session,
                    event_id,
                    dataclasses.replace(EventEdit.of(opened), title=title),
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
    services.edit_event(
        session, stored.id, dataclasses.replace(EventEdit.of(stored), title="New title"), now=NOW
    )

    with pytest.raises(services.ConflictError) as refused:
        services.edit_event(
            session,
            stored.id,
            dataclasses.replace(EventEdit.of(stored), title="Old edit"),
            now=NOW,
            expected_revision=stored.revision,
        )

    assert refused.value.current.title == "New title"


def test_a_save_for_an_event_with_another_uid_is_refused(session):
    [stored] = services.create_events(session, [event("Talk B")], now=NOW, uid_domain="example.org")

    with pytest.raises(services.NotFoundError):
        services.edit_event(
            session,
            stored.id,
            dataclasses.replace(EventEdit.of(stored), title="Talk A, edited"),
            now=NOW,
            expected_revision=stored.revision,
            expected_uid="someone-else@example.org",
        )

    assert repository.get_event_by_id(session, stored.id).title == "Talk B"


def test_a_cancel_and_an_edit_at_once_one_is_refused(shared):
    """An organiser confirms a cancel while another saves an edit of the version both saw:
    the revision check, made under the row lock, lets exactly one through, and the event is
    either edited or cancelled, never cancelled as edited unseen."""
    factory, stored = shared
    both_read = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def act(name: str, use_case) -> None:
        with factory() as session:
            opened = repository.get_event_by_id(session, stored.id)
            session.rollback()
            both_read.wait(timeout=10)
            try:
                use_case(session, opened)
                outcome[name] = "done"
            except services.ConflictError:
                outcome[name] = "refused"

    def edit(session, opened) -> None:
        edit = dataclasses.replace(EventEdit.of(opened), title="Branch meeting, moved")
        services.edit_event(session, stored.id, edit, now=NOW, expected_revision=opened.revision)

    def cancel(session, opened) -> None:
        services.cancel(session, stored.id, now=NOW, expected_revision=opened.revision)

    threads = [
        threading.Thread(target=act, args=("edit", edit)),
        threading.Thread(target=act, args=("cancel", cancel)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with factory() as session:
        after = repository.get_event_by_id(session, stored.id)

    assert sorted(outcome.values()) == ["done", "refused"]
    expected = {
        "edit": ("Branch meeting, moved", EventStatus.CONFIRMED),
        "cancel": ("Branch meeting", EventStatus.CANCELLED),
    }
    winner = next(name for name, result in outcome.items() if result == "done")
    assert (after.title, after.status) == expected[winner]


@pytest.mark.parametrize("use_case", [services.cancel, services.publish, services.delete])
def test_a_button_pressed_on_an_older_version_is_refused(session, use_case):
    [stored] = services.create_events(
        session, [event("Branch meeting", published=False)], now=NOW, uid_domain="example.org"
    )
    edit = dataclasses.replace(EventEdit.of(stored), title="Branch meeting, moved")
    services.edit_event(session, stored.id, edit, now=NOW)

    with pytest.raises(services.ConflictError) as refused:
        use_case(session, stored.id, now=NOW, expected_revision=stored.revision)

    assert not session.in_transaction()
    assert refused.value.current.title == "Branch meeting, moved"
    after = repository.get_event_by_id(session, stored.id)
    assert (after.title, after.status, after.published) == (
        "Branch meeting, moved",
        EventStatus.CONFIRMED,
        False,
    )


def test_an_editor_who_may_not_change_the_event_finds_none(session):
    owner = account_store.add_user(session, "owner@example.org", "x", Role.ORGANISER, NOW)
    other = account_store.add_user(session, "other@example.org", "x", Role.ORGANISER, NOW)
    session.commit()
    [stored] = services.create_events(
        session, [event("Branch meeting", owner_id=owner.id)], now=NOW, uid_domain="example.org"
    )

    with pytest.raises(services.NotFoundError):
        services.cancel(session, stored.id, now=NOW, editor=other)

    assert repository.get_event_by_id(session, stored.id).status == EventStatus.CONFIRMED
