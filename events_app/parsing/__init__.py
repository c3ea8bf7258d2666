"""Announcement text in, event drafts out. Pure: no Flask, no database, no clock.

result = parse_announcement(text, reference_date=date(2026, 4, 1), timezone="Europe/London")
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .announcement import read_announcement
from .model import (
    MAX_LINES,
    MAX_TEXT_CHARS,
    Draft,
    DraftLink,
    DraftPerson,
    DraftVenue,
    ParseError,
    ParseResult,
    Span,
)
from .text import restore_breaks

__all__ = [
    "Draft",
    "DraftLink",
    "DraftPerson",
    "DraftVenue",
    "ParseError",
    "ParseResult",
    "Span",
    "draft_to_dict",
    "parse_announcement",
]


def parse_announcement(
    text: str,
    *,
    reference_date: date | None = None,
    timezone: str = "Europe/London",
    fallback_year: int | None = None,
    known_venues: Sequence[str] = (),
) -> ParseResult:
    """Read an announcement into drafts.

    `reference_date` is when the text was written or published: it settles 'this Saturday' and
    years left unwritten, and dates before it are not new events. Without it the text's own
    years decide, then `fallback_year` (the caller's current year, say). `timezone` applies
    where the text names no zone, postcode or US state. `known_venues` are names the caller
    already has: one named in the text is recognised even without an address around it.
    """
    check_text(text)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ParseError(f"Unknown time zone: {timezone}") from exc
    restored, breaks = restore_breaks(text)
    drafts, warnings = read_announcement(
        restored,
        reference=reference_date,
        default_timezone=timezone,
        fallback_year=fallback_year,
        known_venues=known_venues,
    )
    if breaks:
        for draft in drafts:
            _spans_in_given_text(draft, text, breaks)
    if not drafts:
        warnings.append("No event found in the text")
    return ParseResult(drafts=drafts, warnings=warnings)


def _spans_in_given_text(draft: Draft, text: str, breaks: list[int]) -> None:
    """Spans were read in the text with its lost breaks restored: take each back to the text
    as given (each break put in before an offset moves it on by one)."""

    def given(span: Span | None) -> Span | None:
        if span is None:
            return None
        start = span.start - bisect_right(breaks, span.start - 1)
        end = span.end - bisect_right(breaks, span.end - 1)
        return dataclasses.replace(span, start=start, end=end, text=text[start:end])

    draft.spans = {key: given(span) for key, span in draft.spans.items()}
    for item in (*draft.venues, *draft.speakers, *draft.performers):
        item.span = given(item.span)


def check_text(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise ParseError(f"Text is too long: at most {MAX_TEXT_CHARS:,} characters")
    if text.count("\n") >= MAX_LINES:
        raise ParseError(f"Text has too many lines: at most {MAX_LINES:,} lines")
    if "\x00" in text:
        raise ParseError("Text must not contain NUL characters")
    if not text.strip():
        raise ParseError("No event found in the text: it is empty")


def _when(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def _person(p: DraftPerson) -> dict[str, Any]:
    return {"name": p.name, "honorific": p.honorific or None, "affiliation": p.affiliation or None}


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    """The JSON shape of a draft, as `events-app parse` prints it."""
    return {
        "title": draft.title,
        "start": _when(draft.start),
        "end": _when(draft.end),
        "all_day": draft.all_day,
        "timezone": draft.timezone,
        "venues": [
            {
                "name": v.name,
                "address": v.address or None,
                "postcode": v.postcode or None,
                "city": v.city or None,
            }
            for v in draft.venues
        ],
        "speakers": [_person(p) for p in draft.speakers],
        "performers": [_person(p) for p in draft.performers],
        "status": draft.status,
        "online": draft.online,
        "url": draft.url,
        "links": [
            {"url": link.url, "kind": link.kind, "price": link.price or None}
            for link in draft.links
        ],
        "price": draft.price or None,
        "contacts": draft.contacts,
        "recurrence": draft.recurrence,
        "parent": draft.parent,
        "warnings": draft.warnings,
        "spans": {name: span.as_dict() for name, span in draft.spans.items()},
    }
