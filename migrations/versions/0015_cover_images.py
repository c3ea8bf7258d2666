"""images, and events.cover_digest: an event's cover image, stored once under its SHA-256

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 16:05:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "images",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest", name="pk_images"),
    )
    # SQLite cannot add a foreign key to a table in place; the batch copy keeps the events
    # table's AUTOINCREMENT (ids are never handed out twice).
    with op.batch_alter_table("events", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.add_column(sa.Column("cover_digest", sa.String(64), nullable=True))
        batch.create_foreign_key(
            "fk_events_cover_digest_images",
            "images",
            ["cover_digest"],
            ["digest"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_events_cover_digest", ["cover_digest"])


def downgrade() -> None:
    with op.batch_alter_table("events", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_index("ix_events_cover_digest")
        batch.drop_constraint("fk_events_cover_digest_images", type_="foreignkey")
        batch.drop_column("cover_digest")
    op.drop_table("images")
