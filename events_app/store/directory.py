"""The venues and people that events share: listing them, correcting them, merging duplicates.

A change here shows in every event that names the venue or person, so those events are touched
(their feeds re-render) and, as their calendar entries change, their SEQUENCE goes up.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..domain import Person, Suggestion, Venue
from .repository import bump_data_version, to_person, to_venue, touch_events
from .tables import EventSpeakerRow, EventVenueRow, PersonRow, SuggestionRow, UserRow, VenueRow

VENUE_FIELDS = ("name", "address", "postcode", "city", "latitude", "longitude")
PERSON_FIELDS = ("name", "honorific", "affiliation")


def venues_in_use(session: Session) -> list[tuple[Venue, int]]:
    """Every venue with the number of events at it, by name."""
    return [(to_venue(r), n) for r, n in _with_counts(session, VenueRow, EventVenueRow.venue_id)]


def people_in_use(session: Session) -> list[tuple[Person, int]]:
    return [
        (to_person(r), n) for r, n in _with_counts(session, PersonRow, EventSpeakerRow.person_id)
    ]


def _with_counts(session: Session, model, link_column):
    counts = select(link_column, func.count().label("n")).group_by(link_column).subquery()
    return session.execute(
        select(model, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c[link_column.key] == model.id)
        .order_by(func.lower(model.name), model.id)
    ).all()


def get_venue_by_id(session: Session, venue_id: int) -> Venue | None:
    row = session.get(VenueRow, venue_id)
    return to_venue(row) if row else None


def get_person_by_id(session: Session, person_id: int) -> Person | None:
    row = session.get(PersonRow, person_id)
    return to_person(row) if row else None


def update_venue(session: Session, venue: Venue, *, now: datetime) -> bool:
    """Store corrected fields; False when there is no such venue."""
    return _update(
        session,
        VenueRow,
        venue,
        VENUE_FIELDS,
        EventVenueRow.venue_id,
        lambda r: to_venue(r).one_line(),
        now,
    )


def update_person(session: Session, person: Person, *, now: datetime) -> bool:
    return _update(
        session,
        PersonRow,
        person,
        PERSON_FIELDS,
        EventSpeakerRow.person_id,
        lambda r: to_person(r).display_name(),
        now,
    )


def _update(session: Session, model, entry, fields, link_column, shown, now: datetime) -> bool:
    """Copy `fields` onto the row; its events re-render, and their SEQUENCE goes up when what
    a calendar shows of the entry (`shown`) changed."""
    row = session.get(model, entry.id)
    if row is None:
        return False
    before = shown(row)
    for name in fields:
        setattr(row, name, getattr(entry, name))
    session.flush()
    events = select(link_column.class_.event_id).where(link_column == row.id)
    touch_events(session, events, now=now, calendar=shown(row) != before)
    bump_data_version(session)
    return True


def merge_venues(session: Session, duplicate_id: int, keep_id: int, *, now: datetime) -> bool:
    """Every event at the duplicate moves to the venue kept; the duplicate is deleted."""
    return _merge(session, EventVenueRow.venue_id, VenueRow, duplicate_id, keep_id, now)


def merge_people(session: Session, duplicate_id: int, keep_id: int, *, now: datetime) -> bool:
    return _merge(session, EventSpeakerRow.person_id, PersonRow, duplicate_id, keep_id, now)


def _merge(session: Session, column, model, duplicate_id: int, keep_id: int, now: datetime) -> bool:
    link = column.class_
    if duplicate_id == keep_id:
        return False
    if session.get(model, duplicate_id) is None or session.get(model, keep_id) is None:
        return False
    moved = select(link.event_id).where(column == duplicate_id)
    touch_events(session, moved, now=now, calendar=True)
    already = select(link.event_id).where(column == keep_id)
    session.execute(
        delete(link)
        .where(column == duplicate_id, link.event_id.in_(already))
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(link)
        .where(column == duplicate_id)
        .values({column.key: keep_id})
        .execution_options(synchronize_session=False)
    )
    session.execute(delete(model).where(model.id == duplicate_id))
    bump_data_version(session)
    session.expire_all()
    return True


SUGGESTION_TARGETS = {"venue": VenueRow, "person": PersonRow}


def list_suggestions(session: Session, kind: str) -> list[Suggestion]:
    """Waiting suggestions for venues or people, oldest first."""
    model = SUGGESTION_TARGETS[kind]
    rows = session.execute(
        select(SuggestionRow, model.name, UserRow.email)
        .join(model, model.id == SuggestionRow.target_id)
        .outerjoin(UserRow, UserRow.id == SuggestionRow.suggested_by)
        .where(SuggestionRow.kind == kind)
        .order_by(SuggestionRow.id)
    )
    return [_suggestion(row, name, email) for row, name, email in rows]


def take_suggestion(session: Session, kind: str, suggestion_id: int) -> Suggestion | None:
    """The suggestion, removed from the waiting list; None when there is no such one."""
    found = [s for s in list_suggestions(session, kind) if s.id == suggestion_id]
    if not found:
        return None
    session.execute(delete(SuggestionRow).where(SuggestionRow.id == suggestion_id))
    return found[0]


def _suggestion(row: SuggestionRow, name: str, email: str | None) -> Suggestion:
    return Suggestion(
        id=row.id,
        kind=row.kind,
        target_id=row.target_id,
        target_name=name,
        changes=json.loads(row.changes),
        suggested_by=email or "",
        created_at=row.created_at,
    )
