"""Feeds: domain events in, bytes or dicts out. Never reads a request or calls url_for."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


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
