"""SQLAlchemy tables. Row classes end in `Row` so they are never confused with the domain types."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC out, on SQLite (which keeps no zone) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC).replace(tzinfo=None) if _is_sqlite(dialect) else value

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return as_utc(value)


def as_utc(value: datetime | str | None) -> datetime | None:
    """A stored instant as an aware UTC datetime, from what the driver hands back: a naive
    datetime or its ISO text (SQLite keeps no zone), or an aware one (PostgreSQL)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _is_sqlite(dialect: object) -> bool:
    return getattr(dialect, "name", "") == "sqlite"


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# Ids that other rows, forms, URLs or caches refer to are never handed out twice: without
# AUTOINCREMENT, SQLite gives a deleted row's id to the next insert.
NEVER_REUSED = {"sqlite_autoincrement": True}


class VenueRow(Base):
    __tablename__ = "venues"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    match_key: Mapped[str] = mapped_column(String(300), index=True, default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    postcode: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)


class PersonRow(Base):
    __tablename__ = "people"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    match_key: Mapped[str] = mapped_column(String(300), index=True, default="")
    honorific: Mapped[str] = mapped_column(String(40), default="")
    affiliation: Mapped[str] = mapped_column(String(300), default="")


class EventVenueRow(Base):
    __tablename__ = "event_venues"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    venue_id: Mapped[int] = mapped_column(
        ForeignKey("venues.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    venue: Mapped[VenueRow] = relationship(lazy="joined")


class EventSpeakerRow(Base):
    __tablename__ = "event_speakers"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    person: Mapped[PersonRow] = relationship(lazy="joined")


class LinkRow(Base):
    __tablename__ = "event_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(String(2000))
    label: Mapped[str] = mapped_column(String(200), default="")
    price: Mapped[str] = mapped_column(String(200), default="")


class TagRow(Base):
    __tablename__ = "event_tags"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)


class SuggestionRow(Base):
    """A differing detail for a shared venue or person, waiting for an admin (see
    domain.Suggestion). `changes` is a JSON object of field names to values."""

    __tablename__ = "suggestions"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column(Integer, index=True)
    changes: Mapped[str] = mapped_column(Text)
    suggested_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class SourceRow(Base):
    """An announcement as it was pasted, stored once however many events were read from it
    (found again by its SHA-256)."""

    __tablename__ = "sources"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)


class ImageRow(Base):
    """A cover image's bytes, stored once under their SHA-256 however many events show it, in
    the database every app server shares (so any of them serves it). The body is read only
    when the image itself is asked for."""

    __tablename__ = "images"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class PublishKeyRow(Base):
    """A review form's one-time key, kept once its events are stored: the same form sent
    again (a second click, a retry after a lost response, eight tabs) stores nothing more."""

    __tablename__ = "publish_keys"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class DataVersionRow(Base):
    """One row whose number goes up in every transaction that changes what feeds show, so
    every app server can tell at once whether its rendered feeds are still current."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20), default="organiser")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SessionRow(Base):
    """A signed-in browser. The cookie carries the token; only its hash is stored, and deleting
    the row (logging out) ends the session even for a copy of the cookie."""

    __tablename__ = "user_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LoginFailureRow(Base):
    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_published_start", "published", "start_utc"),
        # An organiser's dashboard: their lists by start, their drafts by when they were stored.
        Index("ix_events_owner_published_start", "owner_id", "published", "start_utc"),
        Index("ix_events_owner_published_created", "owner_id", "published", "created_at"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    end_utc: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    timezone: Mapped[str] = mapped_column(String(64))
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)
    time_tba: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    status: Mapped[str] = mapped_column(String(20), default="confirmed")
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    organiser: Mapped[str] = mapped_column(String(300), default="")
    show_source: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    cover_digest: Mapped[str | None] = mapped_column(
        ForeignKey("images.digest", ondelete="SET NULL"), nullable=True, index=True
    )
    cover_alt: Mapped[str] = mapped_column(String(250), default="", server_default="")
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    attendance: Mapped[str | None] = mapped_column(String(10), nullable=True)
    recurrence: Mapped[str | None] = mapped_column(String(500), nullable=True)
    imported_as: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), nullable=True, index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), nullable=True, index=True
    )
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The data version of the last change: workers that keep a feed's index read only what
    # changed after the version they saw (see repository.feed_changes).
    changed_in: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)

    venue_links: Mapped[list[EventVenueRow]] = relationship(
        order_by=EventVenueRow.position, cascade="all, delete-orphan", lazy="selectin"
    )
    speaker_links: Mapped[list[EventSpeakerRow]] = relationship(
        order_by=EventSpeakerRow.position, cascade="all, delete-orphan", lazy="selectin"
    )
    links: Mapped[list[LinkRow]] = relationship(
        order_by=LinkRow.position, cascade="all, delete-orphan", lazy="selectin"
    )
    tags: Mapped[list[TagRow]] = relationship(
        order_by=TagRow.name, cascade="all, delete-orphan", lazy="selectin"
    )
    source: Mapped[SourceRow | None] = relationship(lazy="selectin")
    cover: Mapped[ImageRow | None] = relationship(lazy="selectin")
    parent: Mapped[EventRow | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[EventRow]] = relationship(
        back_populates="parent", order_by="EventRow.start_utc"
    )


class RenderedPieceRow(Base):
    """An event's rendered form in one feed format (its VEVENT, its JSON object), shared by
    every worker and app server, so none renders what another already has. A piece is good only
    for the UID, revision and renderer it was made by (the reader checks all three); a deleted
    event's pieces go with it."""

    __tablename__ = "rendered_pieces"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    uid: Mapped[str] = mapped_column(String(255))
    revision: Mapped[int] = mapped_column(Integer)
    renderer: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)
