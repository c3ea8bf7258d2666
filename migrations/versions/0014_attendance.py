"""events.attendance: in person, online or hybrid, as the organiser chose

Empty for the events stored before: their online flag and venues say it (online with a venue
is hybrid), as domain.attendance_of reads them.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 16:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, as 0008's and 0010's, so SQLite keeps the table's AUTOINCREMENT.
    op.add_column("events", sa.Column("attendance", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("attendance")
