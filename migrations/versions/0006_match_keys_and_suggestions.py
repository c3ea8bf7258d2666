"""stored match keys for venues and people, and suggestions for the shared records

Venues and people are matched on a key computed in Python (case-folded, accents stripped:
domain.match_key) rather than SQL lower(), which differs between SQLite and PostgreSQL and
knows nothing of accents. Existing rows get their key here. A detail an organiser gives for a
shared record is kept as a suggestion for an admin instead of changing the record.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 22:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from events_app.domain import match_key

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYED = ("venues", "people")


def upgrade() -> None:
    bind = op.get_bind()
    for table in KEYED:
        # On SQLite a batch that rebuilds the table must say AUTOINCREMENT again (0004).
        with op.batch_alter_table(table, table_kwargs={"sqlite_autoincrement": True}) as batch:
            batch.add_column(
                sa.Column("match_key", sa.String(300), nullable=False, server_default="")
            )
        rows = bind.execute(sa.text(f"SELECT id, name FROM {table}")).all()
        for row_id, name in rows:
            bind.execute(
                sa.text(f"UPDATE {table} SET match_key = :key WHERE id = :id"),
                {"key": match_key(name), "id": row_id},
            )
        with op.batch_alter_table(table, table_kwargs={"sqlite_autoincrement": True}) as batch:
            batch.alter_column("match_key", server_default=None)
            batch.create_index(f"ix_{table}_match_key", ["match_key"])
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("suggested_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["suggested_by"],
            ["users.id"],
            name="fk_suggestions_suggested_by_users",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_suggestions"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_suggestions_target_id", "suggestions", ["target_id"])
    op.create_index("ix_suggestions_suggested_by", "suggestions", ["suggested_by"])


def downgrade() -> None:
    op.drop_index("ix_suggestions_suggested_by", "suggestions")
    op.drop_index("ix_suggestions_target_id", "suggestions")
    op.drop_table("suggestions")
    for table in KEYED:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_match_key")
            batch.drop_column("match_key")
