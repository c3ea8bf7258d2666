"""Feeds: domain events in, bytes or dicts out. Never reads a request or calls url_for."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..domain import Event


@dataclass(frozen=True)
class SiteUrls:
    """Absolute addresses built from the configured BASE_URL, never from a request's Host."""

    base: str

    def page(self, path: str) -> str:
        return f"{self.base}{path}"

    def event(self, slug: str) -> str:
        return self.page(f"/events/{quote(slug)}")

    def event_ics(self, slug: str) -> str:
        return self.page(f"/events/{quote(slug)}.ics")

    def venue(self, slug: str) -> str:
        return self.page(f"/venues/{quote(slug)}")

    def person(self, slug: str) -> str:
        return self.page(f"/speakers/{quote(slug)}")

    def image(self, digest: str) -> str:
        return self.page(f"/images/{digest}.jpg")


def iso_start(event: Event) -> str:
    """ISO 8601 in the event's own zone (so with its offset); a date for a day's event."""
    return event.first_day.isoformat() if event.all_day else event.local_start.isoformat()


def iso_end(event: Event) -> str | None:
    """As iso_start; a day's event ends on its last day itself, as people write it."""
    if event.local_end is None:
        return None
    return event.last_day.isoformat() if event.all_day else event.local_end.isoformat()
