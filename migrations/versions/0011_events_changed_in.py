"""events.changed_in: the data version of each event's last change

A worker that keeps a feed's index reads only the events stamped after the version it last
saw, instead of every event of the feed after each change.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 06:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, as 0008's and 0010's, so SQLite keeps the table's AUTOINCREMENT.
    op.add_column(
        "events", sa.Column("changed_in", sa.Integer(), nullable=False, server_default="0")
    )
    op.create_index("ix_events_changed_in", "events", ["changed_in"])


def downgrade() -> None:
    op.drop_index("ix_events_changed_in", table_name="events")
    with op.batch_alter_table("events", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("changed_in")
