"""ids are never reused: AUTOINCREMENT on SQLite for every table whose ids are referenced

Without AUTOINCREMENT SQLite hands the highest freed id to the next insert, so a deleted
event's id (kept in an open edit form, a cache key or a bookmark) could come to mean another
event. The tables are copied by batch mode, keeping every row and id; PostgreSQL's sequences
never hand an id out twice, so there is nothing to do there.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 21:50:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("users", "venues", "people", "events")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": False}
        ):
            pass
