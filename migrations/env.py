"""Alembic environment: the URL comes from the caller (events-app migrate) or DATABASE_URL."""

from alembic import context

from events_app.config import load_config
from events_app.store.db import make_engine
from events_app.store.tables import Base

config = context.config
url = config.attributes.get("url") or load_config()["DATABASE_URL"]


def run_migrations_offline() -> None:
    context.configure(
        url=url, target_metadata=Base.metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    if connection.dialect.name == "sqlite":
        # Batch migrations copy and drop tables; with foreign keys on, dropping `events` would
        # cascade-delete the rows of every table that refers to it. Turned off outside any
        # transaction (the engine's connections are in autocommit at the driver level).
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    if connection.dialect.name == "sqlite":
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
