"""Schema migrations with Alembic, run by command (never implicitly at start-up)."""

from __future__ import annotations

import functools

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ..paths import resource_dir


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resource_dir("migrations")))
    config.attributes["url"] = url
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


@functools.cache
def code_heads() -> frozenset[str]:
    """The newest revisions this code knows; read once, as they cannot change while running
    (the readiness check asks on every probe)."""
    return frozenset(ScriptDirectory.from_config(alembic_config("")).get_heads())


def is_current(engine: Engine) -> bool:
    """Whether the database is at the newest revision this code knows."""
    with engine.connect() as connection:
        return current_heads(connection) == code_heads()


def needs_migrating(engine: Engine) -> bool:
    """Whether the database answers but its schema is missing or behind this code's: what a
    "no such table" error means when `events-app migrate` was never run. False when it
    cannot be reached at all, which is another matter."""
    try:
        with engine.connect() as connection:
            return current_heads(connection) != code_heads()
    except SQLAlchemyError:
        return False


def current_heads(connection: Connection) -> frozenset[str]:
    return frozenset(MigrationContext.configure(connection).get_current_heads())
