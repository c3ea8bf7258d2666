"""Two admins demoting each other at the same moment, as two real transactions on two
connections that both reach the admin count before either writes (when nothing stops them):
one change wins, the other is refused, and an admin is left."""

from __future__ import annotations

import contextlib
import threading

import pytest
from sqlalchemy import event

from events_app import accounts
from events_app.domain import Role
from events_app.store import accounts as account_store
from events_app.store.db import make_engine, make_session_factory
from tests.conftest import NOW


@pytest.fixture
def engine(database_url):
    made = make_engine(database_url)
    yield made
    made.dispose()


def _admins(engine, count: int, password_hash: str) -> list[int]:
    with make_session_factory(engine)() as session:
        ids = [
            account_store.add_user(
                session, f"admin{i}@example.org", password_hash, Role.ADMIN, NOW
            ).id
            for i in range(count)
        ]
        session.commit()
    return ids


def _demote_at_once(engine, targets: list[int]) -> list[str]:
    """Each target demoted by its own thread and transaction. Each waits, after its first read
    of the users, until the other has read too (or 3 s have passed: a transaction that is
    kept waiting on a lock never gets there)."""
    barrier = threading.Barrier(len(targets), timeout=3)
    outcomes: list[str] = []
    waited: set[int] = set()

    def after_read(_conn, _cursor, statement, *_args):
        thread = threading.get_ident()
        if thread not in waited and statement.lstrip().upper().startswith("SELECT"):
            waited.add(thread)
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()

    def demote(target: int) -> None:
        with make_session_factory(engine)() as session:
            try:
                accounts.change_role(session, target, Role.ORGANISER)
                outcomes.append("changed")
            except accounts.AccountError as exc:
                outcomes.append(str(exc))

    event.listen(engine, "after_cursor_execute", after_read)
    threads = [threading.Thread(target=demote, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    event.remove(engine, "after_cursor_execute", after_read)
    return sorted(outcomes)


def _admin_count(engine) -> int:
    with make_session_factory(engine)() as session:
        return sum(user.is_admin for user in account_store.list_users(session))


def test_two_admins_demoting_each_other_at_once_leave_one_admin(engine, password_hash):
    first, second = _admins(engine, 2, password_hash)

    outcomes = _demote_at_once(engine, [first, second])

    assert outcomes == ["The last admin cannot stop being one", "changed"]
    assert _admin_count(engine) == 1


def test_control_two_of_three_admins_demoted_at_once_both_change(engine, password_hash):
    first, second, _third = _admins(engine, 3, password_hash)

    outcomes = _demote_at_once(engine, [first, second])

    assert outcomes == ["changed", "changed"]
    assert _admin_count(engine) == 1
