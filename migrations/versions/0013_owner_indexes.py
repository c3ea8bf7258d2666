"""Indexes for an organiser's dashboard: their events by publication and start, and their drafts
by when they were stored

The dashboard's lists (drafts, upcoming, past, each a page and a count) and its batches of
drafts stored together read one owner's events; with these the database reads only those
rows, in order, instead of every event (bench/pages_bench.py prints the plans).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 16:00:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_events_owner_published_start": ["owner_id", "published", "start_utc"],
    "ix_events_owner_published_created": ["owner_id", "published", "created_at"],
}


def upgrade() -> None:
    # CREATE INDEX alone, no table rebuild: SQLite keeps the table's AUTOINCREMENT.
    for name, columns in INDEXES.items():
        op.create_index(name, "events", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="events")
