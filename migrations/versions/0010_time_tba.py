"""events.time_tba: a day whose time is not known yet, told apart from an all-day event

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 01:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, as 0008's, so SQLite keeps the table's AUTOINCREMENT.
    op.add_column(
        "events", sa.Column("time_tba", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    with op.batch_alter_table("events", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("time_tba")
