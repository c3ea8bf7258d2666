"""Reading and writing events, venues and people. Every function takes the Session first and none
commits: the caller (services, or a test) owns the transaction."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import (
    Select,
    String,
    delete,
    func,
    inspect,
    or_,
    select,
    true,
    type_coerce,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from ..domain import (
    Attendance,
    Event,
    EventFilter,
    EventStatus,
    EventSummary,
    Link,
    LinkKind,
    Person,
    Picture,
    Venue,
    match_key,
    search_folded,
    slugify,
)
from .folding import folded
from .tables import (
    DataVersionRow,
    EventRow,
    EventSpeakerRow,
    EventVenueRow,
    ImageRow,
    LinkRow,
    PersonRow,
    PublishKeyRow,
    SourceRow,
    SuggestionRow,
    TagRow,
    VenueRow,
    as_utc,
)

_SUMMARY_LOAD = (selectinload(EventRow.parent),)
_FULL_LOAD = (selectinload(EventRow.parent), selectinload(EventRow.children))


def get_event(session: Session, slug: str, *, include_drafts: bool = False) -> Event | None:
    query = select(EventRow).where(EventRow.slug == slug).options(*_FULL_LOAD)
    if not include_drafts:
        query = query.where(EventRow.published.is_(True))
    row = session.scalars(query).first()
    return to_event(row, include_drafts=include_drafts) if row else None


def lock_event(session: Session, event_id: int) -> int | None:
    """The event's revision, with its row locked until the transaction ends (PostgreSQL's
    SELECT ... FOR UPDATE; SQLite's write transactions already hold the whole database)."""
    return session.scalar(
        select(EventRow.revision).where(EventRow.id == event_id).with_for_update()
    )


def get_event_by_id(session: Session, event_id: int) -> Event | None:
    row = session.get(EventRow, event_id, options=_FULL_LOAD)
    return to_event(row, include_drafts=True) if row else None


def events_by_uid(session: Session, uids: Sequence[str]) -> dict[str, Event]:
    found: dict[str, Event] = {}
    for start in range(0, len(uids), 500):
        query = select(EventRow).where(EventRow.uid.in_(uids[start : start + 500]))
        for row in session.scalars(query.options(*_FULL_LOAD)):
            found[row.uid] = to_event(row, include_drafts=True)
    return found


def list_events(
    session: Session,
    criteria: EventFilter,
    *,
    newest_first: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Event]:
    query = _filtered(select(EventRow), criteria).options(*_SUMMARY_LOAD)
    order = EventRow.start_utc.desc() if newest_first else EventRow.start_utc.asc()
    query = query.order_by(order, EventRow.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [to_event(row) for row in session.scalars(query)]


class FeedEntry(NamedTuple):
    """Enough of an event to decide whether its rendered form is still current: the id (never
    handed out twice), the UID and the revision name what was rendered. A named tuple, made
    straight from the row: a 10,000-event feed reads its index after every change, and a
    frozen dataclass's constructor was most of that read's time."""

    id: int
    uid: str
    revision: int


@dataclass(frozen=True)
class FeedIndex:
    """The events a feed shows, in order, and what its document needs of them beyond their
    pieces: the zones they use, the span of time they cover and their newest change."""

    entries: list[FeedEntry]
    zones: frozenset[str]
    earliest: datetime | None
    latest: datetime | None
    newest: datetime | None


_RAW = (
    type_coerce(EventRow.start_utc, String),
    type_coerce(func.coalesce(EventRow.end_utc, EventRow.start_utc), String),
    type_coerce(EventRow.updated_at, String),
)
# What a feed's index keeps of each event: id, uid, revision, zone, start, end, last change.
_INDEX_COLUMNS = (EventRow.id, EventRow.uid, EventRow.revision, EventRow.timezone, *_RAW)


def feed_index(session: Session, criteria: EventFilter, *, limit: int) -> FeedIndex:
    return index_of(feed_rows(session, criteria, limit=limit))


def feed_rows(session: Session, criteria: EventFilter, *, limit: int) -> list[tuple]:
    """The index rows of a feed's events, soonest first: one light query, and no datetime made
    per row (the instants are read as the driver gives them, ordered alike on either database),
    which keeps a 10,000-event feed's index a few times cheaper to read."""
    query = _filtered(select(*_INDEX_COLUMNS), criteria).order_by(EventRow.start_utc, EventRow.id)
    return [tuple(row) for row in session.connection().execute(query.limit(limit))]


def index_of(rows: Sequence[tuple]) -> FeedIndex:
    """A feed's index from its rows (as feed_rows gives them, in order); only the three
    extremes are converted to datetimes."""
    return FeedIndex(
        entries=[FeedEntry(row[0], row[1], row[2]) for row in rows],
        zones=frozenset(row[3] for row in rows),
        earliest=as_utc(min((row[4] for row in rows), default=None)),
        latest=as_utc(max((row[5] for row in rows), default=None)),
        newest=as_utc(max((row[6] for row in rows), default=None)),
    )


def row_order(row: tuple) -> tuple:
    """Where an index row sorts, as feed_rows orders them: by start, then id."""
    return (row[4], row[0])


@dataclass(frozen=True)
class FeedChanges:
    """What changed in a feed since a data version, read in one statement (so one snapshot on
    either database): the version now, how many events the feed has now, and each event
    stamped after the old version with its index row, or None where it is not in the feed."""

    version: int
    count: int
    changed: dict[int, tuple | None]


def feed_changes(session: Session, criteria: EventFilter, since: int) -> FeedChanges:
    """The events stamped (events.changed_in) after `since`. A deleted event leaves no row:
    the count tells the caller that its index has one too many and must be read again."""
    matches = _filtered(select(EventRow.id), criteria).whereclause
    in_feed = matches if matches is not None else true()
    count = _filtered(select(func.count()).select_from(EventRow), criteria).scalar_subquery()
    query = (
        select(DataVersionRow.version, count, in_feed, *_INDEX_COLUMNS)
        .select_from(DataVersionRow)
        .outerjoin(EventRow, EventRow.changed_in > since)
        .where(DataVersionRow.id == 1)
    )
    rows = session.connection().execute(query).all()
    changed = {row[3]: tuple(row[3:]) if row[2] else None for row in rows if row[3] is not None}
    return FeedChanges(rows[0][0], rows[0][1], changed)


def events_by_ids(session: Session, ids: Sequence[int]) -> dict[int, Event]:
    found: dict[int, Event] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(EventRow).where(EventRow.id.in_(chunk)).options(*_SUMMARY_LOAD)
        found.update((row.id, to_event(row)) for row in session.scalars(query))
    return found


def count_events(session: Session, criteria: EventFilter) -> int:
    query = _filtered(select(func.count()).select_from(EventRow), criteria)
    return session.scalar(query) or 0


def _filtered(query: Select, criteria: EventFilter) -> Select:
    if criteria.only_drafts:
        query = query.where(EventRow.published.is_(False))
    elif not criteria.include_drafts:
        query = query.where(EventRow.published.is_(True))
    if criteria.owner_id is not None:
        query = query.where(EventRow.owner_id == criteria.owner_id)
    last_moment = func.coalesce(EventRow.end_utc, EventRow.start_utc)
    if criteria.ends_after is not None:
        query = query.where(last_moment >= criteria.ends_after)
    if criteria.ends_before is not None:
        query = query.where(last_moment < criteria.ends_before)
    if criteria.starts_before is not None:
        query = query.where(EventRow.start_utc < criteria.starts_before)
    if criteria.venue:
        venue_events = select(EventVenueRow.event_id).join(VenueRow)
        query = query.where(EventRow.id.in_(venue_events.where(VenueRow.slug == criteria.venue)))
    if criteria.speaker:
        spoken = select(EventSpeakerRow.event_id).join(PersonRow)
        query = query.where(EventRow.id.in_(spoken.where(PersonRow.slug == criteria.speaker)))
    if criteria.tag:
        tagged = select(TagRow.event_id).where(TagRow.name == criteria.tag.lower())
        query = query.where(EventRow.id.in_(tagged))
    if criteria.series:
        parent = select(EventRow.id).where(EventRow.slug == criteria.series).scalar_subquery()
        query = query.where(or_(EventRow.parent_id == parent, EventRow.id == parent))
    for word in criteria.words():
        query = query.where(_mentions(word))
    return query


def _mentions(word: str):
    """True where the word occurs in the title, description, a venue, a speaker or a tag, read
    without accents or case ("cafe" finds "Café Rouge" and "CAFÉ")."""
    wanted = search_folded(word)

    def has(column):
        return folded(column).contains(wanted, autoescape=True)

    at_venue = (
        select(EventVenueRow.event_id)
        .join(VenueRow)
        .where(or_(has(VenueRow.name), has(VenueRow.address), has(VenueRow.city)))
    )
    by_speaker = select(EventSpeakerRow.event_id).join(PersonRow).where(has(PersonRow.name))
    tagged = select(TagRow.event_id).where(has(TagRow.name))
    return or_(
        has(EventRow.title),
        has(EventRow.description),
        EventRow.id.in_(at_venue),
        EventRow.id.in_(by_speaker),
        EventRow.id.in_(tagged),
    )


def save_event(session: Session, event: Event, *, now: datetime) -> Event:
    """Insert the event, or update the row with its id; venues and people are found or created.

    The caller decides the sequence number: this only stores what it is given.
    """
    row = session.get(EventRow, event.id) if event.id is not None else None
    if row is not None and row.title != event.title:
        _touch(session, select(EventRow.id).where(EventRow.parent_id == row.id), now=now)
    if row is None:
        row = EventRow(
            uid=event.uid,
            slug=event.slug or _new_slug(session, event),
            created_at=event.created_at or now,
        )
        session.add(row)
    elif event.published and not row.published and row.slug.startswith(DRAFT_SLUG):
        row.slug = _new_slug(session, event)
    _copy_fields(row, event)
    if event.source_text:
        row.source = find_or_create_source(session, event.source_text)
    row.updated_at = now
    row.revision = (row.revision or 0) + 1
    _replace_venues(session, row, event, now)
    _replace_speakers(session, row, event, now)
    row.links = [
        LinkRow(position=i, kind=link.kind.value, url=link.url, label=link.label, price=link.price)
        for i, link in enumerate(event.links)
    ]
    row.tags = [TagRow(name=tag) for tag in dict.fromkeys(t.lower() for t in event.tags if t)]
    row.changed_in = bump_data_version(session)
    session.flush()
    session.refresh(row)
    return to_event(row, include_drafts=True)


def store_image(session: Session, picture: Picture, body: bytes) -> None:
    """Keep an image's bytes under its digest, once: the same picture uploaded again, here or
    on another app server at the same moment, adds nothing (INSERT ... ON CONFLICT DO
    NOTHING, which SQLite and PostgreSQL both have)."""
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgres_insert
    session.execute(
        insert(ImageRow)
        .values(
            digest=picture.digest,
            width=picture.width,
            height=picture.height,
            body=body,
            created_at=datetime.now(UTC),
        )
        .on_conflict_do_nothing(index_elements=["digest"])
    )


def image_body(session: Session, digest: str) -> bytes | None:
    return session.scalar(select(ImageRow.body).where(ImageRow.digest == digest))


def find_or_create_source(session: Session, text: str) -> SourceRow:
    """The stored copy of this announcement; a batch of events from one paste shares it."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    row = session.scalars(select(SourceRow).where(SourceRow.digest == digest)).first()
    if row is None:
        row = SourceRow(digest=digest, text=text)
        session.add(row)
        session.flush()
    return row


def claim_publish_key(session: Session, key: str, owner_id: int | None, now: datetime) -> bool:
    """Record a review form's one-time key; False when it was used already. Under concurrent
    use on PostgreSQL the second insert waits for the first and fails on the primary key,
    which the caller takes as False too."""
    if session.get(PublishKeyRow, key) is not None:
        return False
    session.add(PublishKeyRow(key=key, owner_id=owner_id, created_at=now))
    session.flush()
    return True


def publish_key_used(session: Session, key: str) -> bool:
    return session.get(PublishKeyRow, key) is not None


DRAFT_SLUG = "draft-"


def _new_slug(session: Session, event: Event) -> str:
    """A published event's address comes from its title and day, `-2` and on when taken. A
    draft's is random until it is published: one made from its title would tell others, by the
    `-2` theirs then gets, that someone has a draft of that title on that day."""
    if not event.published:
        return f"{DRAFT_SLUG}{secrets.token_hex(8)}"
    return unique_slug(session, EventRow, _event_slug_base(event))


def _event_slug_base(event: Event) -> str:
    return f"{slugify(event.title, 60)}-{event.local_start.date().isoformat()}"


def _copy_fields(row: EventRow, event: Event) -> None:
    row.title = event.title
    row.description = event.description
    row.start_utc = event.start
    row.end_utc = event.end
    row.timezone = event.timezone
    row.all_day = event.all_day
    row.time_tba = event.time_tba and event.all_day
    row.status = event.status.value
    row.published = event.published
    row.organiser = event.organiser
    row.show_source = event.show_source
    row.cover_digest = event.cover.digest if event.cover else None
    row.cover_alt = event.cover_alt
    row.online = event.online
    row.attendance = event.attendance.value if event.attendance else None
    row.recurrence = event.recurrence
    row.imported_as = event.imported_as
    row.parent_id = event.parent.id if event.parent else None
    row.sequence = event.sequence
    row.owner_id = event.owner_id


def _replace_venues(session: Session, row: EventRow, event: Event, now: datetime) -> None:
    found = _unique_by_id(
        find_or_create_venue(session, venue, proposer_id=event.owner_id, now=now)
        for venue in event.venues
    )
    row.venue_links = [EventVenueRow(venue=v, position=i) for i, v in enumerate(found)]


def _replace_speakers(session: Session, row: EventRow, event: Event, now: datetime) -> None:
    found = _unique_by_id(
        find_or_create_person(session, person, proposer_id=event.owner_id, now=now)
        for person in event.speakers
    )
    row.speaker_links = [EventSpeakerRow(person=p, position=i) for i, p in enumerate(found)]


def _unique_by_id(rows):
    seen: dict[int, object] = {}
    for row in rows:
        seen.setdefault(row.id, row)
    return list(seen.values())


VENUE_DETAILS = ("address", "postcode", "city", "latitude", "longitude")
PERSON_DETAILS = ("honorific", "affiliation")


def find_or_create_venue(
    session: Session, venue: Venue, *, proposer_id: int | None = None, now: datetime | None = None
) -> VenueRow:
    """The stored venue with this id, or with the same name (by its match key) and a postcode
    that agrees when both have one; else a new venue with the details given.

    A stored venue is shared by every event that names it, so once a published event shows it
    what another event says of it never changes it: details that differ are kept as a
    suggestion for an admin. Before that, the event naming it now gives its details."""
    row = session.get(VenueRow, venue.id) if venue.id is not None else None
    key = match_key(venue.name)
    if row is None:
        candidates = session.scalars(
            select(VenueRow).where(VenueRow.match_key == key).order_by(VenueRow.id)
        ).all()
        row = next(
            (
                c
                for c in candidates
                if not (c.postcode and venue.postcode) or _same_postcode(c.postcode, venue.postcode)
            ),
            None,
        )
    return _stored_or_new(
        session,
        "venue",
        VenueRow,
        row,
        venue,
        key,
        (EventVenueRow, EventVenueRow.venue_id),
        proposer_id,
        now,
    )


def find_or_create_person(
    session: Session,
    person: Person,
    *,
    proposer_id: int | None = None,
    now: datetime | None = None,
) -> PersonRow:
    """As find_or_create_venue: matched by the name's key; a stored person never changes."""
    row = session.get(PersonRow, person.id) if person.id is not None else None
    key = match_key(person.name)
    if row is None:
        row = session.scalars(
            select(PersonRow).where(PersonRow.match_key == key).order_by(PersonRow.id)
        ).first()
    return _stored_or_new(
        session,
        "person",
        PersonRow,
        row,
        person,
        key,
        (EventSpeakerRow, EventSpeakerRow.person_id),
        proposer_id,
        now,
    )


def _stored_or_new(session, kind, model, row, given, key, links, proposer_id, now):
    """The matched `row` (its details settled or suggested, as find_or_create_venue says), or
    a new record of `model` with the details `given` has, when nothing matched."""
    fields = VENUE_DETAILS if kind == "venue" else PERSON_DETAILS
    if row is None:
        row = model(
            slug=unique_slug(session, model, slugify(given.name, 80)),
            name=given.name.strip(),
            match_key=key,
            **{name: getattr(given, name) for name in fields},
        )
        session.add(row)
        session.flush()
    elif _named_by_published(session, *links, row.id):
        _suggest(session, kind, row, given, fields, proposer_id, now)
    else:
        _adopt(row, given, fields)
    return row


def _named_by_published(session: Session, link, column, row_id: int) -> bool:
    """Whether a published event shows this venue or person: until one does, the record is no
    one's public word, and the event naming it now may settle its details (so a draft that
    named a place first cannot fix the address every later published event shows)."""
    named = (
        select(link.event_id)
        .join(EventRow, EventRow.id == link.event_id)
        .where(column == row_id, EventRow.published.is_(True))
        .limit(1)
    )
    return session.scalar(named) is not None


def _adopt(row, given, fields) -> None:
    for name in fields:
        if getattr(given, name) not in (None, ""):
            setattr(row, name, getattr(given, name))


def _suggest(session, kind, row, given, fields, proposer_id, now) -> None:
    """Keep the details `given` has and `row` lacks or has otherwise, unless the same
    suggestion is already waiting."""
    changes = {
        name: getattr(given, name)
        for name in fields
        if getattr(given, name) not in (None, "") and getattr(given, name) != getattr(row, name)
    }
    if not changes:
        return
    text = json.dumps(changes, sort_keys=True, ensure_ascii=False)
    waiting = select(SuggestionRow.id).where(
        SuggestionRow.kind == kind, SuggestionRow.target_id == row.id, SuggestionRow.changes == text
    )
    if session.scalar(waiting) is None:
        session.add(
            SuggestionRow(
                kind=kind,
                target_id=row.id,
                changes=text,
                suggested_by=proposer_id,
                created_at=now or datetime.now(UTC),
            )
        )
        session.flush()


def _touch(session: Session, event_ids: Select, *, now: datetime, calendar: bool = False) -> None:
    """Events that show a venue, person or parent that changed: their feeds must re-render,
    and they changed at `now` (the caller's clock, as every other write takes, never the
    database's). With `calendar`, what subscribers see changed too, so SEQUENCE goes up."""
    values = {
        "updated_at": now,
        "revision": EventRow.revision + 1,
        "changed_in": bump_data_version(session),
    }
    if calendar:
        values["sequence"] = EventRow.sequence + 1
    session.execute(
        update(EventRow)
        .where(EventRow.id.in_(event_ids))
        .values(**values)
        .execution_options(synchronize_session=False)
    )


touch_events = _touch


def _same_postcode(a: str, b: str) -> bool:
    a, b = a.replace(" ", "").upper(), b.replace(" ", "").upper()
    return a.startswith(b) or b.startswith(a)


def unique_slug(session: Session, model: type, base: str) -> str:
    """`base`, or `base-2`, `base-3` ... whichever is free."""
    taken = set(
        session.scalars(
            select(model.slug).where(or_(model.slug == base, model.slug.startswith(f"{base}-")))
        )
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def delete_event(session: Session, event_id: int, *, now: datetime) -> bool:
    """Delete the event; its sessions lose their parent (RELATED-TO, "Part of"), so what their
    feeds and calendars show changes and their revision and SEQUENCE go up."""
    children = select(EventRow.id).where(EventRow.parent_id == event_id)
    _touch(session, children, now=now, calendar=True)
    deleted = session.execute(delete(EventRow).where(EventRow.id == event_id))
    bump_data_version(session)
    return bool(deleted.rowcount)


def _named_publicly(link, model):
    """Whether a published event names the venue or person (`model`'s row): the only ones the
    public may see (one named only in a draft, or in an event since deleted, stays private).
    A correlated EXISTS: each row is looked up by its links' index and the search stops at
    the first published event, where a list of every published event's links grows with the
    listings (a venue's page read all 100,000 events' links)."""
    column = link.venue_id if link is EventVenueRow else link.person_id
    return (
        select(link.event_id)
        .join(EventRow, EventRow.id == link.event_id)
        .where(column == model.id, EventRow.published.is_(True))
        .exists()
    )


def get_venue(session: Session, slug: str) -> Venue | None:
    """A venue's public page: only a venue that a published event names."""
    query = select(VenueRow).where(VenueRow.slug == slug, _named_publicly(EventVenueRow, VenueRow))
    row = session.scalars(query).first()
    return to_venue(row) if row else None


def get_person(session: Session, slug: str) -> Person | None:
    query = select(PersonRow).where(
        PersonRow.slug == slug, _named_publicly(EventSpeakerRow, PersonRow)
    )
    row = session.scalars(query).first()
    return to_person(row) if row else None


def tag_in_use(session: Session, tag: str) -> bool:
    """Whether a published event carries the tag (tags are stored in lower case)."""
    published = select(EventRow.id).where(EventRow.published.is_(True))
    query = select(TagRow.event_id).where(
        TagRow.name == tag.lower(), TagRow.event_id.in_(published)
    )
    return session.scalar(query.limit(1)) is not None


def list_venues(session: Session) -> list[Venue]:
    """The venues published events name, by name (what the site may say it knows)."""
    query = select(VenueRow).where(_named_publicly(EventVenueRow, VenueRow)).order_by(VenueRow.name)
    return [to_venue(r) for r in session.scalars(query)]


def data_version(session: Session) -> int:
    """A number that changes whenever anything a feed shows does."""
    return session.scalar(select(DataVersionRow.version).where(DataVersionRow.id == 1)) or 0


_VERSION_STAMP = "events_app_version_stamp"


def bump_data_version(session: Session) -> int:
    """The next data version, which the changes of this transaction are stamped with: raised
    once per transaction, however many changes it makes (an edit that also touches its
    sessions, an import of a thousand events), so each change costs every cache one rebuild.
    The update holds the row until the transaction ends, so versions commit in order.

    The stamp is kept for the innermost transaction (a savepoint's own, when there is one), so
    a rolled-back savepoint cannot leave a number behind that the row no longer holds."""
    current = _innermost_transaction(session)
    stamp = session.info.get(_VERSION_STAMP)
    if current is not None and stamp is not None and stamp[0] is current:
        return stamp[1]
    session.execute(
        update(DataVersionRow)
        .where(DataVersionRow.id == 1)
        .values(version=DataVersionRow.version + 1)
    )
    version = data_version(session)
    session.info[_VERSION_STAMP] = (_innermost_transaction(session), version)
    return version


def _innermost_transaction(session: Session) -> object | None:
    return session.get_nested_transaction() or session.get_transaction()


def to_venue(row: VenueRow) -> Venue:
    return Venue(
        id=row.id,
        slug=row.slug,
        name=row.name,
        address=row.address,
        postcode=row.postcode,
        city=row.city,
        latitude=row.latitude,
        longitude=row.longitude,
    )


def to_person(row: PersonRow) -> Person:
    return Person(
        id=row.id,
        slug=row.slug,
        name=row.name,
        honorific=row.honorific,
        affiliation=row.affiliation,
    )


def get_summary(session: Session, event_id: int) -> EventSummary | None:
    """A link to a stored event, drafts included: a new session's festival, say (a row the
    session holds already is not read again)."""
    row = session.get(EventRow, event_id)
    return _summary(row) if row is not None else None


def _summary(row: EventRow, *, with_venues: bool = False) -> EventSummary:
    return EventSummary(
        id=row.id,
        slug=row.slug,
        title=row.title,
        uid=row.uid,
        start=row.start_utc,
        timezone=row.timezone,
        all_day=row.all_day,
        time_tba=row.time_tba,
        status=EventStatus(row.status),
        venues=[to_venue(link.venue) for link in row.venue_links] if with_venues else [],
    )


def to_event(row: EventRow, *, include_drafts: bool = False) -> Event:
    """The domain event for a row; parent and sessions only where the query loaded them.
    Long as the Event is wide: one keyword per column, the schema's ordinary repetition."""
    unloaded = inspect(row).unloaded
    parent = None
    if "parent" not in unloaded and row.parent is not None:
        parent = _summary(row.parent) if (row.parent.published or include_drafts) else None
    sessions: list[EventSummary] = []
    if "children" not in unloaded:
        sessions = [
            _summary(c, with_venues=True) for c in row.children if c.published or include_drafts
        ]
    return Event(
        id=row.id,
        uid=row.uid,
        slug=row.slug,
        title=row.title,
        description=row.description,
        start=row.start_utc,
        end=row.end_utc,
        timezone=row.timezone,
        all_day=row.all_day,
        time_tba=row.time_tba,
        status=EventStatus(row.status),
        published=row.published,
        organiser=row.organiser,
        online=row.online,
        attendance=Attendance(row.attendance) if row.attendance else None,
        recurrence=row.recurrence,
        source_text=row.source.text if row.source is not None else "",
        show_source=row.show_source,
        cover=Picture(row.cover.digest, row.cover.width, row.cover.height) if row.cover else None,
        cover_alt=row.cover_alt or "",
        imported_as=row.imported_as or "",
        sequence=row.sequence,
        revision=row.revision or 0,
        owner_id=row.owner_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        venues=[to_venue(link.venue) for link in row.venue_links],
        speakers=[to_person(link.person) for link in row.speaker_links],
        links=[
            Link(url=r.url, kind=LinkKind(r.kind), label=r.label, price=r.price) for r in row.links
        ],
        tags=[t.name for t in row.tags],
        parent=parent,
        sessions=sessions,
    )


@dataclass(frozen=True)
class FacetOptions:
    """What a visitor can narrow the listings by: what the events of a listing actually name."""

    venues: list[tuple[str, str]]
    speakers: list[tuple[str, str]]
    tags: list[str]


FACET_TAGS = 50
FACET_ENTRIES = 100


def facet_options(session: Session, criteria: EventFilter) -> FacetOptions:
    """The most used tags, venues and speakers of the events `criteria` chooses (bounded, so
    that one event's thousand tags cannot make every listing page heavy), each list by name."""
    published = _filtered(select(EventRow.id), criteria)
    uses = func.count(TagRow.event_id)
    busiest = session.scalars(
        select(TagRow.name)
        .where(TagRow.event_id.in_(published))
        .group_by(TagRow.name)
        .order_by(uses.desc(), TagRow.name)
        .limit(FACET_TAGS)
    ).all()
    return FacetOptions(
        venues=_named_in(session, VenueRow, EventVenueRow.venue_id, EventVenueRow, published),
        speakers=_named_in(
            session, PersonRow, EventSpeakerRow.person_id, EventSpeakerRow, published
        ),
        tags=sorted(busiest),
    )


def _named_in(session: Session, model, link_column, link, events: Select) -> list[tuple[str, str]]:
    """Slug and name of the venues or people that most of `events` name, by name."""
    uses = func.count(link.event_id)
    rows = session.execute(
        select(model.slug, model.name)
        .join(link, link_column == model.id)
        .where(link.event_id.in_(events))
        .group_by(model.id, model.slug, model.name)
        .order_by(uses.desc(), model.id)
        .limit(FACET_ENTRIES)
    ).all()
    return sorted(((slug, name) for slug, name in rows), key=lambda r: (match_key(r[1]), r[0]))


@dataclass(frozen=True)
class DraftBatch:
    """Drafts stored together (one paste saved as drafts, one calendar import): they share
    the instant their use case stored them at, which is what ties them together."""

    saved_at: datetime
    count: int
    titles: list[str]


def draft_batches(session: Session, owner_id: int, *, least: int = 2) -> list[DraftBatch]:
    """An owner's drafts grouped by when they were stored, newest first, only groups of at
    least `least` (a single draft has its own Publish button)."""
    drafts = (EventRow.owner_id == owner_id, EventRow.published.is_(False))
    groups = session.execute(
        select(EventRow.created_at, func.count())
        .where(*drafts)
        .group_by(EventRow.created_at)
        .having(func.count() >= least)
        .order_by(EventRow.created_at.desc())
    ).all()
    return [
        DraftBatch(saved_at, count, draft_titles(session, owner_id, saved_at, limit=3))
        for saved_at, count in groups
    ]


def _saved_together(column, owner_id: int, saved_at: datetime):
    """`column` of the owner's drafts stored at `saved_at` (one paste or import), soonest first."""
    return (
        select(column)
        .where(
            EventRow.owner_id == owner_id,
            EventRow.published.is_(False),
            EventRow.created_at == saved_at,
        )
        .order_by(EventRow.start_utc, EventRow.id)
    )


def draft_titles(session: Session, owner_id: int, saved_at: datetime, *, limit: int) -> list[str]:
    return list(session.scalars(_saved_together(EventRow.title, owner_id, saved_at).limit(limit)))


def draft_ids(session: Session, owner_id: int, saved_at: datetime) -> list[int]:
    """The ids of the owner's drafts stored at `saved_at`, soonest first."""
    return list(session.scalars(_saved_together(EventRow.id, owner_id, saved_at)))
