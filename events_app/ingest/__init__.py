"""Announcements as organisers hold them: a link, an e-mail, a poster (image or PDF), text.

Pure where it can be: bytes (or a fetched page) in, a `Source` out (the text to parse, the
reference date, where it came from, the events a page publishes as data); `read.parse_source`
then turns it into drafts with `parsing.parse_announcement`, a page's own event data taking
precedence over what its text says.

This module is light (the types and the sniffing); `read`, `page`, `mail` and `poster` bring
lxml, trafilatura, extruct, pdfminer, pypdf and Pillow, and are imported by who needs them.
"""

from .sniff import kind_of
from .source import (
    MAX_FILE_BYTES,
    IngestError,
    InputTooLargeError,
    OcrUnavailableError,
    Outline,
    Picture,
    Source,
    UnsupportedInputError,
    WordBox,
    outlines,
)

__all__ = [
    "MAX_FILE_BYTES",
    "IngestError",
    "InputTooLargeError",
    "OcrUnavailableError",
    "Outline",
    "Picture",
    "Source",
    "UnsupportedInputError",
    "WordBox",
    "kind_of",
    "outlines",
]
