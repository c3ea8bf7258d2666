"""events.cover_alt: the organiser's description of the cover image, its text alternative on
the event's page (empty: the page uses the event's title)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 20:15:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, as 0012's, so SQLite keeps the table's AUTOINCREMENT.
    op.add_column(
        "events",
        sa.Column("cover_alt", sa.String(250), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("events", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("cover_alt")
