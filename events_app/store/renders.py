"""The render store: events' rendered feed pieces, kept in the database for every worker and
app server. A cold worker assembles a large feed from stored pieces instead of rendering
every event again; only what changed since is rendered, once, by whoever asks first."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from .db import WRITE_OPTION
from .tables import RenderedPieceRow

log = logging.getLogger(__name__)
# How long storing pieces may wait for SQLite's write lock: a reader's side errand must not
# queue behind an import; what is not stored now is rendered and stored by the next one.
SQLITE_STORE_WAIT_MS = 200

CHUNK = 500
REPLACED = ("uid", "revision", "renderer", "body")


@dataclass(frozen=True)
class PieceName:
    """What a rendered piece is of: never the row id alone, which can be handed out again."""

    event_id: int
    uid: str
    revision: int


def stored_pieces(
    session: Session, kind: str, renderer: str, names: Sequence[PieceName]
) -> dict[int, bytes]:
    """The stored pieces that are still good for these events, by event id.

    For many events (a cold worker's whole feed) every stored piece of the kind is read in one
    pass, which is several times quicker than asking for them by id a chunk at a time."""
    wanted = {name.event_id: name for name in names}
    columns = select(
        RenderedPieceRow.event_id,
        RenderedPieceRow.uid,
        RenderedPieceRow.revision,
        RenderedPieceRow.body,
    ).where(RenderedPieceRow.kind == kind, RenderedPieceRow.renderer == renderer)
    ids = list(wanted)
    if len(ids) > CHUNK:
        queries = [columns]
    else:
        queries = [columns.where(RenderedPieceRow.event_id.in_(ids))] if ids else []
    found: dict[int, bytes] = {}
    for query in queries:
        for event_id, uid, revision, body in session.connection().execute(query):
            name = wanted.get(event_id)
            if name is not None and (uid, revision) == (name.uid, name.revision):
                found[event_id] = body
    return found


def keep_pieces(
    engine: Engine, kind: str, renderer: str, pieces: Mapping[PieceName, bytes]
) -> None:
    """Store these pieces in a short transaction of their own, apart from the request's.

    Unlike the rest of the store this commits: the render store is a cache that readers fill
    as they go, and a failure to fill it (a locked or read-only database, an event deleted
    meanwhile) costs only a later render, so it is logged and never fails the request."""
    if not pieces:
        return
    sqlite_db = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if sqlite_db:
                connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_STORE_WAIT_MS}")
                connection.commit()
            try:
                with connection.execution_options(**{WRITE_OPTION: True}).begin():
                    store_pieces(connection, kind, renderer, pieces)
            finally:
                if sqlite_db:
                    connection.exec_driver_sql("PRAGMA busy_timeout=30000")
                    connection.commit()
    except SQLAlchemyError as exc:
        log.warning("Rendered pieces not stored (they will be rendered again): %s", exc)


def store_pieces(
    connection: Connection, kind: str, renderer: str, pieces: Mapping[PieceName, bytes]
) -> None:
    """Keep these pieces, replacing what was stored for the same events and kind."""
    rows = [
        {
            "event_id": name.event_id,
            "kind": kind,
            "uid": name.uid,
            "revision": name.revision,
            "renderer": renderer,
            "body": body,
        }
        for name, body in pieces.items()
    ]
    dialect = (
        connection.get_bind().dialect if isinstance(connection, Session) else connection.dialect
    )
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    for start in range(0, len(rows), CHUNK // 5):  # six values a row, within SQLite's limits
        statement = insert(RenderedPieceRow).values(rows[start : start + CHUNK // 5])
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["event_id", "kind"],
                set_={name: statement.excluded[name] for name in REPLACED},
            )
        )
