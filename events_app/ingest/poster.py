"""Posters and flyers: images read by Tesseract (pytesseract), PDFs from their text layer
(pdfminer.six) or, when scanned, from their pages rendered (pypdfium2) and read by Tesseract.
The layout is kept as lines, the biggest first, so that a poster's heading is the first line
the parser sees (its title). Every word keeps its box on its page, and every page a picture,
so that the review page can outline where each field was read.

Bounds: the file size is the caller's; here the pixel count (Pillow's decompression-bomb limit,
set explicitly, and the same limit for the images inside a PDF and for its rendered pages),
the page count, encrypted and damaged PDFs, and the OCR time.
"""

from __future__ import annotations

import io
import math
import re
import statistics
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytesseract
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTPage, LTTextContainer, LTTextLine
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .source import (
    IngestError,
    InputTooLargeError,
    OcrUnavailableError,
    Picture,
    Source,
    WordBox,
)

MAX_PIXELS = 40_000_000  # an A4 page at 600 dpi is 35 million pixels
MAX_PAGES = 20
OCR_SECONDS = 60
PREVIEW_WIDTH = 1200
PREVIEW_HEIGHT = 4 * PREVIEW_WIDTH
SCAN_DPI = (150, 300)  # a scanned page is read at its images' own resolution, within these
BLANK_SCAN_DPI = 200  # a text-less page with no images (its letters drawn as shapes)
HEADING_RATIO = 0.7  # lines at least this tall, against the tallest, are read first ...
HEADING_OVER_USUAL = 1.4  # ... when the tallest stands out from the usual line at all
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass
class _Line:
    words: list[tuple[str, tuple[int, int, int, int]]]  # text, (left, top, width, height)
    size: float
    block: tuple[int, ...]
    page: int = 1
    paragraph: tuple[int, ...] = ()


def read_image(data: bytes) -> Source:
    """The words on a PNG, JPEG or WebP poster, big lines first."""
    image = _open_image(data)
    return _source("image", "poster image", _ocr_lines(image, page=1), [_picture(image)])


def _picture(image: Image.Image) -> Picture:
    """`image` for the review page: a JPEG at most `PREVIEW_WIDTH` wide, drawn at the image's
    own size, in whose pixels its words are placed."""
    small = image.copy()
    small.thumbnail((PREVIEW_WIDTH, PREVIEW_HEIGHT))
    out = io.BytesIO()
    small.convert("RGB").save(out, format="JPEG", quality=70)
    return Picture(out.getvalue(), image.width, image.height)


def read_pdf(data: bytes) -> Source:
    """The words of a PDF: its text layer, or Tesseract on its rendered pages when it has none;
    and a picture of every page, with each word's box on it."""
    _pdf_reader(data)
    layout = _pdf_layout(data)
    scans: list[Image.Image] = []
    with _pdfium(data) as document:
        if len(document) != len(layout):
            raise IngestError("The PDF could not be read (it is damaged)")
        _check_page_images(document)
        if _has_text(layout):
            lines, pictures = _read_text_layer(document, layout)
        else:
            scans = [_render(page, _scan_scale(page)) for page in document]
    notes: tuple[str, ...] = ()
    if scans:  # Tesseract runs outside the lock: it is the slow part, and needs no PDFium
        deadline = time.monotonic() + OCR_SECONDS
        lines = [
            line
            for n, scan in enumerate(scans, 1)
            for line in _ocr_lines(scan, page=n, deadline=deadline)
        ]
        pictures = [_picture(scan) for scan in scans]
        notes = ("The PDF has no text layer: its pages were read by OCR",)
    pictures = [replace(p, page=n, pages=len(pictures)) for n, p in enumerate(pictures, 1)]
    return _source("pdf", "PDF", lines, pictures, notes)


def _source(
    kind: str, origin: str, lines: list[_Line], pictures: list[Picture], notes: tuple[str, ...] = ()
) -> Source:
    """The announcement the read lines make, refused (IngestError) when they hold no text."""
    text, boxes = _layout(lines)
    if not text.strip():
        raise IngestError(f"No text could be read from the {'image' if kind == 'image' else 'PDF'}")
    return Source(
        kind=kind,
        text=text,
        origin=origin,
        words=tuple(boxes),
        notes=notes,
        pictures=tuple(pictures),
    )


def _open_image(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputTooLargeError(
            f"The image is too large: at most {MAX_PIXELS // 1_000_000} million pixels"
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise IngestError("The image could not be read (it is damaged or not an image)") from exc
    return image.convert("RGB") if image.mode not in ("RGB", "L") else image


def _ocr_lines(image: Image.Image, *, page: int, deadline: float | None = None) -> list[_Line]:
    """The lines Tesseract reads on `image`, within `OCR_SECONDS` (the pages of one PDF share
    them: `deadline` is when they run out)."""
    if deadline is None:
        deadline = time.monotonic() + OCR_SECONDS
    too_long = f"Reading the text took longer than {OCR_SECONDS} seconds"
    left = deadline - time.monotonic()
    if left <= 0:
        raise IngestError(too_long)
    try:
        found = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT, timeout=left)
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrUnavailableError(
            "Reading images needs Tesseract, which this server does not have: install the "
            "Debian package tesseract-ocr"
        ) from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise IngestError(too_long) from exc
    grouped: dict[tuple[int, ...], list[int]] = {}
    for i, word in enumerate(found["text"]):
        if word.strip() and float(found["conf"][i]) >= 20:
            key = (found["block_num"][i], found["par_num"][i], found["line_num"][i])
            grouped.setdefault(key, []).append(i)
    lines = []
    for key, indexes in grouped.items():
        words = [
            (
                found["text"][i].strip(),
                (found["left"][i], found["top"][i], found["width"][i], found["height"][i]),
            )
            for i in indexes
        ]
        size = statistics.median(found["height"][i] for i in indexes)
        lines.append(_Line(words, size, key[:1], page, key[:2]))
    return lines


def _layout(lines: list[_Line]) -> tuple[str, list[WordBox]]:
    """Lines as text: the tallest ones (the poster's heading) first, then the rest in reading
    order, a blank line between blocks; each word's place in the text and on the page."""
    if not lines:
        return "", []
    tallest = max(line.size for line in lines)
    usual = statistics.median(line.size for line in lines)
    first_page = [line for line in lines if line.page == lines[0].page]
    heading = []
    if tallest >= HEADING_OVER_USUAL * usual:
        heading = [line for line in first_page if line.size >= HEADING_RATIO * tallest]
    rest = [line for line in lines if line not in heading]
    parts: list[str] = []
    boxes: list[WordBox] = []
    offset = 0
    previous: _Line | None = None
    widths = _paragraph_widths(lines)
    for group in (heading, rest):
        for line in group:
            if parts and previous is not None:
                gap = _gap(previous, line, widths, first=line is group[0])
                parts.append(gap)
                offset += len(gap)
            previous = line
            for n, (word, (left, top, width, height)) in enumerate(line.words):
                if n:
                    parts.append(" ")
                    offset += 1
                boxes.append(
                    WordBox(offset, offset + len(word), left, top, width, height, line.page)
                )
                parts.append(word)
                offset += len(word)
    return "".join(parts), boxes


def _width(line: _Line) -> int:
    first, last = line.words[0][1], line.words[-1][1]
    return last[0] + last[2] - first[0]


def _paragraph_widths(lines: list[_Line]) -> dict[tuple, int]:
    widths: dict[tuple, int] = {}
    for line in lines:
        key = (line.page, line.paragraph)
        widths[key] = max(widths.get(key, 0), _width(line))
    return widths


def _gap(previous: _Line, line: _Line, widths: dict[tuple, int], *, first: bool) -> str:
    """What goes between two lines: a blank line between blocks, a space inside wrapped prose
    (the line before runs nearly the paragraph's full width, or this one starts in lower case),
    else a line break: a poster's short lines are each a unit ('Doors 7pm', 'Free entry')."""
    if first or (line.page, line.block) != (previous.page, previous.block):
        return "\n\n"
    if line.paragraph != previous.paragraph:
        return "\n"
    wrapped = _width(previous) >= 0.8 * widths[(previous.page, previous.paragraph)]
    long = sum(len(w) + 1 for w, _ in previous.words) >= 55
    if line.words[0][0][:1].islower() or (wrapped and long):
        return " "
    return "\n"


def _pdf_reader(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError("The PDF is encrypted: save it without a password and try again")
        count = len(reader.pages)
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError("The PDF could not be read (it is damaged)") from exc
    if count > MAX_PAGES:
        raise InputTooLargeError(f"The PDF has {count} pages: at most {MAX_PAGES} are read")
    if count == 0:
        raise IngestError("The PDF has no pages")
    return reader


def _pdf_layout(data: bytes) -> list[LTPage]:
    try:
        return list(extract_pages(io.BytesIO(data), maxpages=MAX_PAGES, laparams=LAParams()))
    except Exception as exc:  # pdfminer raises many kinds on damaged files; all mean the same
        raise IngestError("The PDF could not be read (it is damaged)") from exc


def _has_text(layout: list[LTPage]) -> bool:
    return any(
        line.get_text().strip()
        for page in layout
        for element in page
        if isinstance(element, LTTextContainer)
        for line in element
        if isinstance(line, LTTextLine)
    )


_PDFIUM_LOCK = threading.Lock()


@contextmanager
def _pdfium(data: bytes) -> Iterator[pypdfium2.PdfDocument]:
    """The PDF opened by PDFium, which renders its pages. PDFium is not thread-safe (a server
    worker may read two uploads at once), so one document is open at a time."""
    with _PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            raise IngestError("The PDF could not be read (it is damaged)") from exc
        try:
            yield document
        except pypdfium2.PdfiumError as exc:
            raise IngestError("The PDF could not be drawn (it is damaged)") from exc
        finally:
            document.close()


def _page_images(page: pypdfium2.PdfPage) -> Iterator[pypdfium2.PdfImage]:
    yield from page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))


def _check_page_images(document: pypdfium2.PdfDocument) -> None:
    """Refuse a PDF holding an image of more pixels than a poster may have, before PDFium
    decodes it to draw the page (its size is read from the image's dictionary)."""
    for page in document:
        for picture in _page_images(page):
            width, height = picture.get_px_size()
            if width * height > MAX_PIXELS:
                raise InputTooLargeError(
                    f"A page image is too large: at most {MAX_PIXELS // 1_000_000} million pixels"
                )


def _render(page: pypdfium2.PdfPage, scale: float) -> Image.Image:
    """The page drawn at `scale` pixels to the point, or smaller where that would pass
    `MAX_PIXELS`."""
    width, height = page.get_size()
    if not (width > 0 and height > 0):
        raise IngestError("The PDF could not be read (a page has no size)")
    scale = min(scale, math.sqrt(MAX_PIXELS / (width * height)))
    return page.render(scale=scale).to_pil().convert("RGB")


def _display_scale(page: pypdfium2.PdfPage) -> float:
    width, height = page.get_size()
    return min(PREVIEW_WIDTH / width, PREVIEW_HEIGHT / height)


def _scan_scale(page: pypdfium2.PdfPage) -> float:
    """A scanned page is read at its images' own resolution (Tesseract reads best near it,
    and more pixels than the scan has add nothing), kept within `SCAN_DPI`."""
    dpis = [picture.get_metadata().horizontal_dpi for picture in _page_images(page)]
    dpi = max(dpis, default=BLANK_SCAN_DPI)
    return min(max(dpi, SCAN_DPI[0]), SCAN_DPI[1]) / 72


def _read_text_layer(
    document: pypdfium2.PdfDocument, layout: list[LTPage]
) -> tuple[list[_Line], list[Picture]]:
    lines, pictures = [], []
    for number, (page, drawn) in enumerate(zip(layout, document, strict=True), start=1):
        scale = _display_scale(drawn)
        picture = _render(drawn, scale)
        scale = picture.width / drawn.get_size()[0]  # as drawn, after any cap
        lines.extend(_text_lines(page, number, _to_pixels(drawn, scale)))
        pictures.append(_picture(picture))
    return lines, pictures


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pdfminer's layout (points, y up)


def _to_pixels(page: pypdfium2.PdfPage, scale: float) -> Callable[[Box], tuple[int, ...]]:
    """From pdfminer's coordinates (points from the media box's lower left, after the page's
    rotation) to the drawn page's pixels (from the crop box's top left, y down)."""
    left, _, _, top = _crop_in_layout(page)

    def convert(box: Box) -> tuple[int, ...]:
        x0, y0, x1, y1 = box
        return (
            round((x0 - left) * scale),
            round((top - y1) * scale),
            round((x1 - x0) * scale),
            round((y1 - y0) * scale),
        )

    return convert


def _crop_in_layout(page: pypdfium2.PdfPage) -> Box:
    """The crop box (what PDFium draws) in pdfminer's coordinates: the page turned as pdfminer
    turns it (`PDFPageInterpreter.process_page`), the media box's corner at 0, 0."""
    x0, y0, x1, y1 = page.get_mediabox()
    turn = {
        90: lambda x, y: (y - y0, x1 - x),
        180: lambda x, y: (x1 - x, y1 - y),
        270: lambda x, y: (y1 - y, x - x0),
    }.get(page.get_rotation(), lambda x, y: (x - x0, y - y0))
    c0, c1, c2, c3 = page.get_cropbox()
    (a, b), (c, d) = turn(c0, c1), turn(c2, c3)
    return min(a, c), min(b, d), max(a, c), max(b, d)


def _text_lines(
    page: LTPage, number: int, to_pixels: Callable[[Box], tuple[int, ...]]
) -> list[_Line]:
    lines = []
    for block_number, element in enumerate(page):
        if not isinstance(element, LTTextContainer):
            continue
        for line in element:
            if not isinstance(line, LTTextLine):
                continue
            sizes = [c.size for c in line if isinstance(c, LTChar)]
            words = [(word, to_pixels(box)) for word, box in _words(line)]
            if words and sizes:
                block = (number, block_number)
                lines.append(_Line(words, max(sizes), block, number, block))
    return lines


def _words(line: LTTextLine) -> list[tuple[str, Box]]:
    """The line's words (split as `str.split` splits its text), each with its box: from its
    first character's left to its last one's right, and the line's bottom and top, so that the
    outlines of one line are one height."""
    text, owners = "", []
    for item in line:
        part = item.get_text()
        text += part
        owners.extend([item] * len(part))
    words = []
    for match in re.finditer(r"\S+", text):
        chars = [c for c in owners[match.start() : match.end()] if isinstance(c, LTChar)]
        left = min((c.x0 for c in chars), default=line.x0)
        right = max((c.x1 for c in chars), default=line.x1)
        words.append((match.group(), (left, line.y0, right, line.y1)))
    return words
