"""Domain objects for tests, with every field a test does not care about filled sensibly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from events_app.domain import Event, FestivalNamed, Person, Venue

LONDON = ZoneInfo("Europe/London")


def london(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


def event(title: str = "Branch meeting", **fields: Any) -> Event:
    start = fields.pop("start", london(2027, 1, 14, 18, 0))
    values: dict[str, Any] = {
        "start": start,
        "end": start + timedelta(hours=2),
        "timezone": "Europe/London",
        "published": True,
        "created_at": datetime(2026, 11, 1, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 1, tzinfo=UTC),
    }
    values.update(fields)
    return Event(title=title, **values)


def child_of(title: str) -> FestivalNamed:
    """A parent named by title, as services.create_events resolves it within a batch."""
    return FestivalNamed(title)


def venue(name: str = "Conway Hall", **fields: Any) -> Venue:
    return Venue(name=name, **fields)


def person(name: str = "Owen Jones", **fields: Any) -> Person:
    return Person(name=name, **fields)
