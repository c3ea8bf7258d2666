"""events.show_source: whether the organiser chose to show the pasted announcement on the
event's page (it is kept either way; until chosen it is not shown)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 15:45:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, as 0010's, so SQLite keeps the table's AUTOINCREMENT.
    op.add_column(
        "events", sa.Column("show_source", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    with op.batch_alter_table("events", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("show_source")
