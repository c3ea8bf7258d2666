"""Posters and flyers: images read by Tesseract (pytesseract), PDFs from their text layer
(pdfminer.six) or, when scanned, from their page images. The layout is kept as lines, the
biggest first, so that a poster's heading is the first line the parser sees (its title).

Bounds: the file size is the caller's; here the pixel count (Pillow's decompression-bomb limit,
set explicitly), the page count, encrypted and damaged PDFs, and the OCR time.
"""

from __future__ import annotations

import io
import statistics
import warnings
from dataclasses import dataclass

import pytesseract
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .source import IngestError, InputTooLargeError, OcrUnavailableError, Source, WordBox

MAX_PIXELS = 40_000_000  # an A4 page at 600 dpi is 35 million pixels
MAX_PAGES = 20
OCR_SECONDS = 60
PREVIEW_WIDTH = 1200
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
    lines = _ocr_lines(image, page=1)
    text, boxes = _layout(lines)
    if not text.strip():
        raise IngestError("No text could be read from the image")
    return Source(
        kind="image",
        text=text,
        origin="poster image",
        words=tuple(boxes),
        preview=_preview(image),
        image_size=image.size,
    )


def _preview(image: Image.Image) -> bytes:
    small = image.copy()
    small.thumbnail((PREVIEW_WIDTH, PREVIEW_WIDTH * 4))
    out = io.BytesIO()
    small.convert("RGB").save(out, format="JPEG", quality=70)
    return out.getvalue()


def read_pdf(data: bytes) -> Source:
    """The words of a PDF: its text layer, or Tesseract on its page images when it has none."""
    reader = _pdf_reader(data)
    lines = _pdf_text_lines(data)
    kind_note = ()
    if not any(words for line in lines for words in line.words):
        lines = []
        for number, page in enumerate(reader.pages, start=1):
            for picture in _page_images(page):
                lines.extend(_ocr_lines(picture, page=number))
        kind_note = ("The PDF has no text layer: its pages were read by OCR",)
    text, boxes = _layout(lines)
    if not text.strip():
        raise IngestError("No text could be read from the PDF")
    return Source(kind="pdf", text=text, origin="PDF", words=tuple(boxes), notes=kind_note)


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


def _ocr_lines(image: Image.Image, *, page: int) -> list[_Line]:
    try:
        found = pytesseract.image_to_data(
            image, output_type=pytesseract.Output.DICT, timeout=OCR_SECONDS
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrUnavailableError(
            "Reading images needs Tesseract, which this server does not have: install the "
            "Debian package tesseract-ocr"
        ) from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise IngestError(f"Reading the image took longer than {OCR_SECONDS} seconds") from exc
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


def _pdf_text_lines(data: bytes) -> list[_Line]:
    lines = []
    try:
        pages = list(extract_pages(io.BytesIO(data), maxpages=MAX_PAGES, laparams=LAParams()))
    except Exception as exc:  # pdfminer raises many kinds on damaged files; all mean the same
        raise IngestError("The PDF could not be read (it is damaged)") from exc
    for number, page in enumerate(pages, start=1):
        height = page.height
        for block_number, element in enumerate(page):
            if not isinstance(element, LTTextContainer):
                continue
            for line in element:
                if not isinstance(line, LTTextLine):
                    continue
                sizes = [c.size for c in line if isinstance(c, LTChar)]
                words = [
                    (w, (int(line.x0), int(height - line.y1), int(line.width), int(line.height)))
                    for w in line.get_text().split()
                ]
                if words and sizes:
                    block = (number, block_number)
                    lines.append(_Line(words, max(sizes), block, number, block))
    return lines


def _page_images(page) -> list[Image.Image]:
    try:
        pictures = [p.image for p in page.images]
    except (PdfReadError, ValueError, KeyError, OSError, NotImplementedError) as exc:
        raise IngestError("The PDF's page images could not be read") from exc
    for picture in pictures:
        if picture.width * picture.height > MAX_PIXELS:
            raise InputTooLargeError(
                f"A page image is too large: at most {MAX_PIXELS // 1_000_000} million pixels"
            )
    return [p.convert("RGB") if p.mode not in ("RGB", "L") else p for p in pictures]
