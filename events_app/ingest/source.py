"""What every reader hands back: the text to parse, when it was written, where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..parsing import Draft

MAX_FILE_BYTES = 10 * 1024 * 1024
PAGE_DATA_NOTE = "Read from the page's own event data (schema.org), not from its text"


class IngestError(ValueError):
    """Input that cannot be read as an announcement; the message says why, in one line.
    `status` is what the web answers with."""

    status = 422


class UnsupportedInputError(IngestError):
    """Bytes of a kind this site does not read (a spreadsheet, an archive, an executable)."""

    status = 415


class InputTooLargeError(IngestError):
    """A file, image, PDF or message beyond the limits (bytes, pixels, pages, parts)."""

    status = 413


class OcrUnavailableError(IngestError):
    """Images need Tesseract, and this server does not have it."""

    status = 503


@dataclass(frozen=True)
class WordBox:
    """A word recognised on a poster: its place in `Source.text` and on the image (pixels)."""

    start: int
    end: int
    left: int
    top: int
    width: int
    height: int
    page: int = 1


@dataclass(frozen=True)
class Source:
    """An announcement as read from a page, an e-mail, a poster or plain text.

    `text` is what the parser reads and the review page shows; `reference_date` is when it was
    written (a page's publication date, an e-mail's Date header), `origin` where it came from
    (the address, or the sender and subject). `structured` are events a page publishes as
    schema.org data, used as they are; `calendar_links` are iCalendar feeds it offers."""

    kind: str  # 'text' | 'page' | 'email' | 'image' | 'pdf'
    text: str
    reference_date: date | None = None
    origin: str = ""
    url: str | None = None
    contact: str | None = None
    structured: tuple[Draft, ...] = ()
    calendar_links: tuple[str, ...] = ()
    words: tuple[WordBox, ...] = field(default=(), repr=False)
    notes: tuple[str, ...] = ()
