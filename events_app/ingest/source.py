"""What every reader hands back: the text to parse, when it was written, where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..parsing import Draft

MAX_FILE_BYTES = 10 * 1024 * 1024
PAGE_DATA_NOTE = "Read from the page's own event data (schema.org), not from its text"


class IngestError(ValueError):
    """Input that cannot be read as an announcement; the message says why, in one line."""


class UnsupportedInputError(IngestError):
    """Bytes of a kind this site does not read (a spreadsheet, an archive, an executable)."""


class InputTooLargeError(IngestError):
    """A file, image, PDF or message beyond the limits (bytes, pixels, pages, parts)."""


class OcrUnavailableError(IngestError):
    """Images need Tesseract, and this server does not have it."""


@dataclass(frozen=True)
class WordBox:
    """A word recognised on a poster or a PDF's page: its place in `Source.text` and on the
    page's `Picture` (pixels, from the top left; `page` counts from 1)."""

    start: int
    end: int
    left: int
    top: int
    width: int
    height: int
    page: int = 1


@dataclass(frozen=True)
class Picture:
    """One page of a poster or PDF for the review page: a JPEG no wider than 1,200 pixels, and
    the size of the raster its words are placed on (the image's own, or the rendered page's:
    the JPEG may be smaller, and is drawn at this size)."""

    jpeg: bytes = field(repr=False)
    width: int
    height: int
    page: int = 1
    pages: int = 1
    """Which page of its file this is, and of how many (a PDF's; an image is page 1 of 1)."""
    attachment: str = ""
    """The file's name when it came attached to an e-mail: the review page says which file of
    the message each picture is, as the message's own pages are numbered across its files."""


@dataclass(frozen=True)
class Source:
    """An announcement as read from a page, an e-mail, a poster or plain text.

    `text` is what the parser reads and the review page shows; `reference_date` is when it was
    written (a page's publication date, an e-mail's Date header), `origin` where it came from
    (the address, or the sender and subject). `structured` are events a page publishes as
    schema.org data (or an e-mail's attached calendar file holds: `structured_from` says which),
    used as they are; `calendar_links` are iCalendar feeds it offers."""

    kind: str  # 'text' | 'page' | 'email' | 'image' | 'pdf'
    text: str
    reference_date: date | None = None
    origin: str = ""
    url: str | None = None
    contact: str | None = None
    structured: tuple[Draft, ...] = ()
    structured_from: str = "page data"
    calendar_links: tuple[str, ...] = ()
    words: tuple[WordBox, ...] = field(default=(), repr=False)
    notes: tuple[str, ...] = ()
    pictures: tuple[Picture, ...] = field(default=(), repr=False)
    """A poster's image, or each page of a PDF, as the review page shows it."""


@dataclass(frozen=True)
class Outline:
    """A recognised word that a draft's field came from, on its page (in that page's
    `Picture` pixels)."""

    left: int
    top: int
    width: int
    height: int
    label: str
    page: int = 1


def outlines(source: Source, spans_per_draft) -> list[Outline]:
    """The word boxes under each field's span: where on the poster or page each value was
    read."""
    found = []
    for n, spans in enumerate(spans_per_draft):
        for name, span in spans.items():
            label = f"event {n + 1}: {name.split('.')[0]}"
            for word in source.words:
                if word.start < span.end and span.start < word.end:
                    box = (word.left, word.top, word.width, word.height)
                    found.append(Outline(*box, label, word.page))
    return found
