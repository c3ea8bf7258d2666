"""Engines and sessions: one place that knows how each database wants to be spoken to."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from .folding import register_sqlite


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for SQLite (WAL, foreign keys, a busy timeout) or PostgreSQL (pre-ping pool)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself so that _sqlite_begin_immediate can take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    register_sqlite(dbapi_connection)


def _sqlite_begin_immediate(connection: Any) -> None:
    """Writers take the lock at BEGIN, so they queue on the busy timeout instead of failing
    mid-transaction when a read lock cannot be upgraded; readers begin deferred and never wait."""
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


WRITE_OPTION = "events_app_write"
_WRITING = "events_app_writing"


def begin_write(session: Session) -> None:
    """Make the session's transaction a write one before the use case's first statement.

    On SQLite a transaction that only read so far (a request that looked the event up before
    saving it) is ended and a new one begins with the write lock (BEGIN IMMEDIATE), so the
    writer queues on the busy timeout: upgrading a read transaction fails at once with
    "database is locked" when another writer got in first. Nothing is lost by ending it, as
    nothing was written in it, and the use case reads again under the lock (a stale read is the
    revision check's business). A transaction that has written already keeps its lock and
    stays as it is, as does any transaction on PostgreSQL, where row locks do this work."""
    if session.in_transaction():
        if session.info.get(_WRITING) or not _is_sqlite(session):
            return
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("begin_write called after changes were made in the transaction")
        session.rollback()
    session.connection(execution_options={WRITE_OPTION: True})
    session.info[_WRITING] = True


@contextlib.contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """A use case's write transaction: begun as a write (begin_write), committed when the block
    ends, however it ends (a `return` part-way commits what was done so far), and rolled back
    when anything in it, or the commit itself, raises. No path leaves it open, holding
    SQLite's write lock or PostgreSQL's row locks until the session happens to close."""
    begin_write(session)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _note_flush(session: Session, _context: Any) -> None:
    session.info[_WRITING] = True


def _note_statement(state: Any) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WRITING] = True


def _forget_writing(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_WRITING, None)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that remember whether their transaction wrote (flushed, or ran an INSERT,
    UPDATE or DELETE): one that did holds SQLite's write lock, and begin_write keeps it."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    event.listen(factory, "after_flush", _note_flush)
    event.listen(factory, "do_orm_execute", _note_statement)
    event.listen(factory, "after_transaction_end", _forget_writing)
    return factory


class VersionProbe:
    """Reads the data version on one connection of its own (in autocommit, behind a lock), so
    that a request answered from a cache costs one tiny query and no ORM session."""

    QUERY = "SELECT version FROM data_version WHERE id = 1"

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._connection: Any = None

    def read(self) -> int:
        with self._lock:
            for attempt in (1, 2):
                try:
                    cursor = self._driver_connection().cursor()
                    cursor.execute(self.QUERY)
                    row = cursor.fetchone()
                    cursor.close()
                    return row[0] if row else 0
                except (self._engine.dialect.loaded_dbapi.Error, exc.DBAPIError) as error:
                    self._forget()
                    if attempt == 2:
                        if isinstance(error, exc.DBAPIError):
                            raise
                        raise exc.OperationalError(self.QUERY, None, error) from error
        return 0

    def _driver_connection(self) -> Any:
        if self._connection is None:
            self._connection = self._engine.raw_connection()
            if self._engine.dialect.name == "postgresql":
                self._connection.driver_connection.autocommit = True
        return self._connection.driver_connection

    def _forget(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.invalidate()

    def close(self) -> None:
        with self._lock:
            connection, self._connection = self._connection, None
            if connection is not None:
                connection.close()
