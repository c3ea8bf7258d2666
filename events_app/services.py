"""Use cases. Each takes an open Session, does one job, and commits: the one layer that does."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from .domain import (
    Event,
    EventFilter,
    EventStatus,
    EventSummary,
    Link,
    LinkKind,
    Person,
    Venue,
    calendar_changed,
    check_event,
)
from .parsing import Draft
from .store import repository
from .store.db import begin_write

FEW_UPCOMING = 5


class NotFoundError(LookupError):
    """No such event (or it is not visible to the caller)."""


def new_uid(domain: str) -> str:
    return f"{uuid.uuid4()}@{domain}"


def create_event(session: Session, event: Event, *, now: datetime, uid_domain: str) -> Event:
    """Store a new event with a fresh, permanent UID."""
    return create_events(session, [event], now=now, uid_domain=uid_domain)[0]


def create_events(
    session: Session, events: Sequence[Event], *, now: datetime, uid_domain: str
) -> list[Event]:
    """Store a batch in one transaction: all of it or none of it.

    A session of a festival names its parent by title (`parent.title`), and the parent comes
    earlier in the batch; a parent with a real id is linked as it is.
    """
    for event in events:
        check_event(event)
    begin_write(session)
    saved: list[Event] = []
    by_title: dict[str, Event] = {}
    try:
        for event in events:
            parent = event.parent
            if parent is not None and parent.id == 0:
                parent = _summary_of(by_title.get(parent.title))
            fresh = dataclasses.replace(
                event,
                id=None,
                uid=event.uid or new_uid(uid_domain),
                sequence=0,
                parent=parent,
                created_at=now,
            )
            stored = repository.save_event(session, fresh, now=now)
            saved.append(stored)
            by_title.setdefault(stored.title, stored)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return saved


def events_from_drafts(
    drafts: Sequence[Draft],
    *,
    source_text: str = "",
    published: bool = False,
    tags: Sequence[str] = (),
) -> list[Event]:
    """Domain events for parsed drafts, parents before their sessions, ready for create_events.

    Local wall times become instants in the draft's zone; a day without a time becomes an
    all-day event whose end is the morning after its last day.
    """
    events = [_event_from_draft(d, source_text, published, list(tags)) for d in drafts]
    return sorted(events, key=lambda e: e.parent is not None)


def _event_from_draft(draft: Draft, source_text: str, published: bool, tags: list[str]) -> Event:
    zone = ZoneInfo(draft.timezone)
    if draft.all_day:
        first = draft.start if not isinstance(draft.start, datetime) else draft.start.date()
        last = (
            draft.end
            if isinstance(draft.end, date) and not isinstance(draft.end, datetime)
            else first
        )
        start = datetime.combine(first, time(), tzinfo=zone)
        end: datetime | None = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone)
    else:
        assert isinstance(draft.start, datetime)
        start = draft.start.replace(tzinfo=zone)
        end = draft.end.replace(tzinfo=zone) if isinstance(draft.end, datetime) else None
    parent = (
        EventSummary(
            id=0, slug="", title=draft.parent, uid="", start=start, timezone=draft.timezone
        )
        if draft.parent
        else None
    )
    return Event(
        title=draft.title,
        start=start,
        end=end,
        all_day=draft.all_day,
        timezone=draft.timezone,
        venues=[Venue(v.name, v.address, v.postcode, v.city) for v in draft.venues],
        speakers=[Person(p.name, p.honorific, p.affiliation) for p in draft.speakers],
        online=draft.online,
        links=[Link(link.url, LinkKind(link.kind), price=link.price) for link in draft.links],
        recurrence=draft.recurrence,
        source_text=source_text,
        parent=parent,
        published=published,
        tags=tags,
    )


def _summary_of(event: Event | None) -> EventSummary | None:
    if event is None or event.id is None:
        return None
    return EventSummary(
        id=event.id,
        slug=event.slug,
        title=event.title,
        uid=event.uid,
        start=event.start,
        timezone=event.timezone,
        all_day=event.all_day,
        status=event.status,
    )


def seed_demo(
    session: Session, events: Sequence[Event], *, now: datetime, uid_domain: str, tag: str
) -> list[Event]:
    """Load the demo events unless events with their tag are already there."""
    begin_write(session)
    if repository.count_events(session, EventFilter(tag=tag, include_drafts=True)):
        return []
    return create_events(session, events, now=now, uid_domain=uid_domain)


def update_event(session: Session, event_id: int, changed: Event, *, now: datetime) -> Event:
    """Save the new version; SEQUENCE goes up only when a calendar would show the difference."""
    check_event(changed)
    begin_write(session)
    before = repository.get_event_by_id(session, event_id)
    if before is None:
        raise NotFoundError(f"No event with id {event_id}")
    sequence = before.sequence + 1 if calendar_changed(before, changed) else before.sequence
    after = dataclasses.replace(
        changed,
        id=before.id,
        uid=before.uid,
        slug=before.slug,
        sequence=sequence,
        created_at=before.created_at,
    )
    saved = repository.save_event(session, after, now=now)
    session.commit()
    return saved


def cancel_event(session: Session, event_id: int, *, now: datetime) -> Event:
    """A cancelled event stays listed, marked, so subscribed calendars learn of it."""
    event = repository.get_event_by_id(session, event_id)
    if event is None:
        raise NotFoundError(f"No event with id {event_id}")
    return update_event(
        session, event_id, dataclasses.replace(event, status=EventStatus.CANCELLED), now=now
    )


def delete_event(session: Session, event_id: int) -> None:
    begin_write(session)
    if not repository.delete_event(session, event_id):
        raise NotFoundError(f"No event with id {event_id}")
    session.commit()


def upcoming_events(
    session: Session, now: datetime, criteria: EventFilter | None = None, limit: int = 200
) -> list[Event]:
    """Events not yet over, soonest first."""
    criteria = dataclasses.replace(criteria or EventFilter(), ends_after=now)
    return repository.list_events(session, criteria, limit=limit)


def past_events(
    session: Session,
    now: datetime,
    criteria: EventFilter | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Event]:
    """Events that are over, most recent first."""
    criteria = dataclasses.replace(criteria or EventFilter(), ends_before=now)
    return repository.list_events(session, criteria, newest_first=True, limit=limit, offset=offset)


def front_page(session: Session, now: datetime) -> tuple[list[Event], list[Event]]:
    """Upcoming events, and the most recent past ones when there are few upcoming, so that a
    quiet site still shows what it has done."""
    upcoming = upcoming_events(session, now)
    recent = past_events(session, now, limit=10) if len(upcoming) < FEW_UPCOMING else []
    return upcoming, recent
