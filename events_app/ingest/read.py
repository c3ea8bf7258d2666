"""Reading any input into a `Source`, and a `Source` into drafts.

Only `read_link` touches the network, and only through the guarded `fetch.Fetcher`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from typing import Any

from ..fetch import Fetcher
from ..parsing import Draft, ParseError, ParseResult, draft_to_dict, parse_announcement
from .sniff import kind_of
from .source import (
    MAX_FILE_BYTES,
    PAGE_DATA_NOTE,
    IngestError,
    InputTooLargeError,
    Source,
    UnsupportedInputError,
)

__all__ = [
    "PAGE_DATA_NOTE",
    "IngestResult",
    "parse_source",
    "read_bytes",
    "read_link",
    "result_to_dict",
    "source_to_dict",
]


def read_bytes(
    data: bytes,
    *,
    url: str = "",
    default_timezone: str = "Europe/London",
    now: datetime | None = None,
) -> Source:
    """Whatever `data` is (by its content, not its name): a page, an e-mail, a poster, text.
    With `now` (which a repeating event's occurrences count from), an e-mail's attached
    calendar file is read into drafts; without it the file is only named in the notes.
    Long as the list of kinds is: one short branch for each, in the order they are sniffed."""
    if len(data) > MAX_FILE_BYTES:
        raise InputTooLargeError(f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    kind = kind_of(data)
    if kind in ("png", "jpeg", "webp"):
        return replace(_poster().read_image(data), url=url or None, origin=url or "poster image")
    if kind == "pdf":
        return replace(_poster().read_pdf(data), url=url or None, origin=url or "PDF")
    if kind == "html":
        return _page().read_page(data, url, default_timezone=default_timezone)
    if kind == "email":
        read_calendar = None
        if now is not None:
            read_calendar = partial(
                _invitation().calendar_drafts, now=now, default_timezone=default_timezone
            )
        return _mail().read_email(
            data, read_attachment=_read_attachment, read_calendar=read_calendar
        )
    if kind == "calendar":
        raise IngestError(
            "This is an iCalendar file: bring it in with Import a calendar, which keeps its events"
            " in step when it changes"
        )
    if kind == "binary":
        raise UnsupportedInputError(
            "This file is not one this site reads: send a web page, an e-mail, a PNG, JPEG or "
            "WebP image, a PDF or text"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError("Text must be UTF-8") from exc
    return Source(kind="text", text=text, url=url or None, origin=url)


def read_link(url: str, fetcher: Fetcher, *, default_timezone: str) -> Source:
    """The announcement at `url`, fetched with every rule of `fetcher` (public addresses only,
    unless FETCH_ALLOWED_HOSTS names the host; time and size capped)."""
    page = replace(fetcher, what="page").fetch_page(url)
    if "text/calendar" in page.content_type.lower():
        raise IngestError(
            "This address is an iCalendar feed: bring it in with Import a calendar instead"
        )
    return read_bytes(page.body, url=page.url, default_timezone=default_timezone)


def _read_attachment(data: bytes) -> Source:
    kind = kind_of(data)
    if kind in ("png", "jpeg", "webp"):
        return _poster().read_image(data)
    if kind == "pdf":
        return _poster().read_pdf(data)
    return Source(kind="text", text="")


# The readers load their libraries on first use: lxml, trafilatura, extruct, Pillow,
# pytesseract, pdfminer and pypdf take a second or more to import, which every server worker
# and every `events-app` command would otherwise pay at start, whether it reads a poster or not.
def _poster():
    from . import poster

    return poster


def _page():
    from . import page

    return page


def _mail():
    from . import mail

    return mail


def _invitation():
    from . import invitation

    return invitation


@dataclass
class IngestResult:
    """Drafts from a source, each with where it came from ('page data' or 'text').

    `warnings` are the reading's own (a relative day with no reference date, a draft left
    out); what is said of the source itself stays in `source.notes`, so each is said once."""

    source: Source
    drafts: list[Draft]
    provenance: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_source(
    source: Source,
    *,
    timezone: str,
    reference_date: date | None = None,
    fallback_year: int | None = None,
    known_venues: Sequence[str] = (),
    parse: Callable[..., ParseResult] = parse_announcement,
) -> IngestResult:
    """Drafts for `source`. A page's own event data are used as they are, and the text is read
    only for what they lack (venues, speakers, an end); without such data the text decides.
    `reference_date` (the caller's) gives way to the source's own (publication, Date header).
    `parse` is `parsing.parse_announcement` or a caller's wrapper of it with the same
    arguments (the service's, which leaves out what could never be stored)."""
    reference = source.reference_date or reference_date
    parsed = ParseResult(drafts=[])
    if source.text.strip():
        try:
            parsed = parse(
                source.text,
                reference_date=reference,
                timezone=timezone,
                fallback_year=fallback_year,
                known_venues=known_venues,
            )
        except ParseError:
            if not source.structured:
                raise
    if not source.structured:
        drafts = parsed.drafts
        if source.contact:
            for draft in drafts:
                draft.contacts = list(dict.fromkeys([*draft.contacts, source.contact]))
        return IngestResult(source, drafts, ["text"] * len(drafts), list(parsed.warnings))
    drafts = [_completed(d, parsed.drafts) for d in source.structured]
    return IngestResult(source, drafts, [source.structured_from] * len(drafts))


def _completed(event: Draft, parsed: list[Draft]) -> Draft:
    """`event` (from the page's data) with what it lacks taken from the text's draft of the
    same event: the same start, or else the same day and a title sharing a word."""
    text = _same_event(event, parsed)
    if text is None:
        return event
    return replace(
        event,
        venues=event.venues or text.venues,
        speakers=event.speakers or text.speakers,
        performers=event.performers or text.performers,
        end=event.end or text.end,
        price=event.price or text.price,
        recurrence=event.recurrence or text.recurrence,
        warnings=list(event.warnings),
    )


def _same_event(event: Draft, parsed: list[Draft]) -> Draft | None:
    same_day = [d for d in parsed if _day(d.start) == _day(event.start)]
    exact = [d for d in same_day if d.start == event.start]
    if exact:
        return exact[0]
    words = _words(event.title)
    shared = [(len(words & _words(d.title)), i) for i, d in enumerate(same_day)]
    best = max(shared, default=(0, 0))
    return same_day[best[1]] if best[0] else None


def _words(title: str) -> set[str]:
    return {w for w in re.findall(r"\w+", title.lower()) if len(w) > 3}


def _day(value: Any) -> date | None:
    return value if not hasattr(value, "date") else value.date()


def source_to_dict(source: Source) -> dict[str, Any]:
    """The JSON shape of where drafts came from, as the CLI and the API print it."""
    return {
        "kind": source.kind,
        "url": source.url,
        "origin": source.origin or None,
        "reference_date": source.reference_date.isoformat() if source.reference_date else None,
        "contact": source.contact,
        "calendar_links": list(source.calendar_links),
        "notes": list(source.notes),
        "text": source.text,
    }


def result_to_dict(result: IngestResult) -> dict[str, Any]:
    """Drafts and their source as one JSON document."""
    return {
        "events": [
            {**draft_to_dict(d), "provenance": p}
            for d, p in zip(result.drafts, result.provenance, strict=True)
        ],
        "warnings": result.warnings,
        "source": source_to_dict(result.source),
    }
