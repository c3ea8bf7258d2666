"""Storing an imported calendar: re-imports that change nothing, UIDs that belong to their
importer, and a re-import racing an edit of the same event (PostgreSQL, real threads)."""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, datetime

import pytest

from events_app import services
from events_app.calendar_import import read_calendar
from events_app.domain import EventEdit, EventFilter, Person, Role
from events_app.store import accounts as account_store
from events_app.store import repository
from events_app.store.db import make_engine, make_session_factory
from tests.conftest import NOW


def calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n{body}END:VCALENDAR\r\n".encode()


def vevent(uid: str, title: str, start: str = "20261210T180000Z", extra: str = "") -> str:
    return f"UID:{uid}\r\nSUMMARY:{title}\r\nDTSTART:{start}\r\n{extra}"


def events_of(data: bytes):
    return read_calendar(data, now=NOW, default_timezone="Europe/London").events


def user(session, email: str, role: Role = Role.ORGANISER):
    made = account_store.add_user(session, email, "x", role, NOW)
    session.commit()
    return made


def everything(session):
    session.rollback()
    return repository.list_events(session, EventFilter(include_drafts=True))


def test_an_unchanged_calendar_changes_nothing_when_imported_again(session):
    owner = user(session, "a@example.org")
    first = calendar(
        vevent("c@x", "Choir", extra="CATEGORIES:Music,Politics\r\n"),
        vevent("w@x", "Weekly", extra="RRULE:FREQ=WEEKLY;COUNT=3\r\n"),
    )
    reordered = first.replace(b"CATEGORIES:Music,Politics", b"CATEGORIES:politics,MUSIC")
    services.import_events(session, events_of(first), owner=owner, now=NOW)
    before = {e.uid: (e.sequence, e.revision) for e in everything(session)}

    summary = services.import_events(session, events_of(reordered), owner=owner, now=NOW)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 4)
    assert {e.uid: (e.sequence, e.revision) for e in everything(session)} == before


def test_a_uid_imported_by_someone_else_first_is_not_theirs_everywhere(session):
    first, second = user(session, "a@example.org"), user(session, "b@example.org")
    services.import_events(
        session, events_of(calendar(vevent("u@x", "Secret draft title"))), owner=first, now=NOW
    )

    summary = services.import_events(
        session, events_of(calendar(vevent("u@x", "My own meeting"))), owner=second, now=NOW
    )

    assert (summary.created, summary.updated, summary.refused) == (1, 0, [])
    assert "Secret" not in summary.describe()
    assert sorted((e.owner_id, e.uid, e.title) for e in everything(session)) == [
        (first.id, "u@x", "Secret draft title"),
        (second.id, f"u@x/organiser-{second.id}", "My own meeting"),
    ]
    again = services.import_events(
        session, events_of(calendar(vevent("u@x", "My own meeting"))), owner=second, now=NOW
    )
    assert (again.created, again.unchanged) == (0, 1)


def test_a_re_import_racing_an_edit_builds_on_the_edit(postgresql_url, monkeypatch):
    """The import reads the event, the editor saves a speaker, then the import writes: it must
    lock and read the row again, keeping the speaker and raising SEQUENCE a second time."""
    engine = make_engine(postgresql_url)
    factory = make_session_factory(engine)
    with factory() as session:
        owner = user(session, "a@example.org")
        services.import_events(
            session, events_of(calendar(vevent("r@x", "Rally"))), owner=owner, now=NOW
        )
        [stored] = everything(session)
    import_read, edit_saved = threading.Event(), threading.Event()
    real_events_by_uid = repository.events_by_uid

    def read_then_wait(session, uids):
        found = real_events_by_uid(session, uids)
        import_read.set()
        assert edit_saved.wait(timeout=20)
        return found

    monkeypatch.setattr(repository, "events_by_uid", read_then_wait)
    outcome: dict[str, object] = {}

    def editor() -> None:
        with factory() as session:
            opened = repository.get_event_by_id(session, stored.id)
            session.rollback()
            assert import_read.wait(timeout=20)
            services.edit_event(
                session,
                stored.id,
                dataclasses.replace(EventEdit.of(opened), speakers=[Person("Ana Speaker")]),
                now=NOW,
                expected_revision=opened.revision,
            )
            outcome["editor"] = "saved"
            edit_saved.set()

    def importer() -> None:
        moved = calendar(vevent("r@x", "Rally", start="20261211T180000Z"))
        with factory() as session:
            outcome["import"] = services.import_events(
                session, events_of(moved), owner=owner, now=NOW
            ).updated

    threads = [threading.Thread(target=editor), threading.Thread(target=importer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with factory() as session:
        [after] = everything(session)
    engine.dispose()

    assert outcome == {"editor": "saved", "import": 1}
    assert (after.start, [p.name for p in after.speakers], after.sequence) == (
        datetime(2026, 12, 11, 18, tzinfo=UTC),
        ["Ana Speaker"],
        stored.sequence + 2,
    )


@pytest.fixture(autouse=True)
def _no_stray_threads():
    """Every thread a test starts has finished when it ends (threads other tests or the test
    process keep, such as pytest-xdist's, are not this test's)."""
    before = set(threading.enumerate())
    yield
    assert [t for t in threading.enumerate() if t not in before and t.is_alive()] == []


def test_a_re_import_keeps_the_organisers_own_edits_and_says_so(session):
    owner = user(session, "a@example.org")
    services.import_events(
        session,
        events_of(calendar(vevent("e@x", "Rally", extra="LOCATION:Hall\r\n"))),
        owner=owner,
        now=NOW,
    )
    [imported] = everything(session)
    services.edit_event(
        session,
        imported.id,
        dataclasses.replace(EventEdit.of(imported), title="Rally (now with music)"),
        now=NOW,
    )

    moved = calendar(vevent("e@x", "Rally!", start="20261211T180000Z", extra="LOCATION:Square\r\n"))
    summary = services.import_events(session, events_of(moved), owner=owner, now=NOW)

    [after] = everything(session)
    assert (after.title, after.start, [v.name for v in after.venues]) == (
        "Rally (now with music)",
        datetime(2026, 12, 11, 18, tzinfo=UTC),
        ["Square"],
    )
    assert summary.notes == [
        "“Rally (now with music)”: kept your changes to its title; the calendar gives "
        "something else now"
    ]
    again = services.import_events(session, events_of(moved), owner=owner, now=NOW)
    assert (again.updated, again.unchanged, again.notes) == (0, 1, summary.notes)
