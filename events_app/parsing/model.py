"""What the parser hands back: drafts of events with the spans of text each field came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..domain import LocalWhen

MAX_TEXT_CHARS = 1_000_000
MAX_LINES = 10_000


class ParseError(ValueError):
    """Text the parser will not read; the message says why, in one line."""


@dataclass(frozen=True)
class Span:
    """Where a field came from: character offsets into the original text, and how sure we are."""

    start: int
    end: int
    text: str
    confidence: float = 0.8

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "confidence": round(self.confidence, 2),
        }


@dataclass
class DraftVenue:
    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    span: Span | None = None


@dataclass
class DraftPerson:
    name: str
    honorific: str = ""
    affiliation: str = ""
    span: Span | None = None


@dataclass
class DraftLink:
    url: str
    kind: str = "event_page"
    price: str = ""


@dataclass
class Draft:
    """One event as read from the text. `start`/`end` are local wall times in `timezone`:
    a `date` when no time is known, a naive `datetime` otherwise."""

    title: str
    start: date | datetime
    timezone: str
    end: date | datetime | None = None
    venues: list[DraftVenue] = field(default_factory=list)
    speakers: list[DraftPerson] = field(default_factory=list)
    online: bool = False
    url: str | None = None
    links: list[DraftLink] = field(default_factory=list)
    price: str = ""
    contacts: list[str] = field(default_factory=list)
    recurrence: str | None = None
    parent: str | None = None
    performers: list[DraftPerson] = field(default_factory=list)
    status: str | None = None  # None, "cancelled", "postponed" or "tentative"
    warnings: list[str] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)

    @property
    def when(self) -> LocalWhen:
        return LocalWhen.of(self.start, self.end, self.timezone)

    @property
    def all_day(self) -> bool:
        return self.when.all_day


@dataclass
class ParseResult:
    drafts: list[Draft]
    warnings: list[str] = field(default_factory=list)
