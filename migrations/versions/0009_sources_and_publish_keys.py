"""announcements stored once per paste, and one-time keys that make publishing idempotent

Every event read from one paste used to carry its own copy of the text (a 50-event paste of
1 MB stored 50 MB); the text now lives once in `sources`, found by its SHA-256, and events
point at it. Existing copies are folded together here, every event keeping its text.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 22:30:00

"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A batch that rebuilds `events` on SQLite must say AUTOINCREMENT again (0004).
EVENTS_TABLE = {"sqlite_autoincrement": True}


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("digest", name="uq_sources_digest"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "publish_keys",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name="fk_publish_keys_owner_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("key", name="pk_publish_keys"),
    )
    op.create_index("ix_publish_keys_owner_id", "publish_keys", ["owner_id"])
    with op.batch_alter_table("events", table_kwargs=EVENTS_TABLE) as batch:
        batch.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch.create_index("ix_events_source_id", ["source_id"])
        batch.create_foreign_key(
            "fk_events_source_id_sources", "sources", ["source_id"], ["id"], ondelete="SET NULL"
        )
    bind = op.get_bind()
    texts = bind.execute(
        sa.text("SELECT DISTINCT source_text FROM events WHERE source_text <> ''")
    ).scalars()
    for text in list(texts):
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        bind.execute(
            sa.text("INSERT INTO sources (digest, text) VALUES (:digest, :text)"),
            {"digest": digest, "text": text},
        )
        bind.execute(
            sa.text(
                "UPDATE events SET source_id = (SELECT id FROM sources WHERE digest = :digest) "
                "WHERE source_text = :text"
            ),
            {"digest": digest, "text": text},
        )
    with op.batch_alter_table("events", table_kwargs=EVENTS_TABLE) as batch:
        batch.drop_column("source_text")


def downgrade() -> None:
    with op.batch_alter_table("events", table_kwargs=EVENTS_TABLE) as batch:
        batch.add_column(sa.Column("source_text", sa.Text(), nullable=False, server_default=""))
    op.execute(
        "UPDATE events SET source_text = (SELECT text FROM sources WHERE sources.id = "
        "events.source_id) WHERE source_id IS NOT NULL"
    )
    with op.batch_alter_table("events", table_kwargs=EVENTS_TABLE) as batch:
        batch.drop_constraint("fk_events_source_id_sources", type_="foreignkey")
        batch.drop_index("ix_events_source_id")
        batch.drop_column("source_id")
    op.drop_index("ix_publish_keys_owner_id", "publish_keys")
    op.drop_table("publish_keys")
    op.drop_table("sources")
