"""Posters and flyers: images read by Tesseract (pytesseract), PDFs from their text layer
(pdfminer.six) or, when scanned, from their pages rendered (pypdfium2) and read by Tesseract.
The layout is kept as lines, the biggest first, so that a poster's heading is the first line
the parser sees (its title). Every word keeps its box on its page, and every page a picture,
so that the review page can outline where each field was read.

Pages come turned: a photo's EXIF orientation is honoured; an image or scanned page whose
first reading looks sideways or upside down is turned upright as Tesseract's orientation
detection (OSD) says and read again; a PDF page whose text layer runs down, up or backwards
as the page is shown (its /Rotate against its text) is laid out and drawn turned so that its
text reads left to right. A PDF is read page by page: from its text layer where the page has
one, by OCR where it is a scan.

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
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTPage, LTTextContainer, LTTextLine
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from PIL import Image, ImageOps, UnidentifiedImageError
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
MIN_CONFIDENCE = 20  # Tesseract's words below this confidence are left out
# A first reading looks turned (and OSD is asked) when it holds fewer words than this, a mean
# confidence below this, or more than half its words of three letters or more standing taller
# than wide (Tesseract reads text turned clockwise, but as columns of upright boxes).
TURNED_FEW_WORDS = 5
TURNED_CONFIDENCE = 60
OSD_CONFIG = "--psm 0 -c min_characters_to_try=10"
SCAN_STAMP_LETTERS = 40  # a text layer this short over a page-sized image is a scanner's stamp
SCAN_COVERS = 0.5  # ... when its images cover this much of the page
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass
class _Line:
    words: list[tuple[str, tuple[int, int, int, int]]]  # text, (left, top, width, height)
    size: float
    block: tuple[int, ...]
    page: int = 1
    paragraph: tuple[int, ...] = ()


def read_image(data: bytes) -> Source:
    """The words on a PNG, JPEG or WebP poster, big lines first, read upright."""
    reading = _ocr_upright(_open_image(data), page=1)
    notes = (_turn_note("The poster", reading.turn),) if reading.turn else ()
    return _source("image", "poster image", reading.lines, [_picture(reading.image)], notes)


def _picture(image: Image.Image) -> Picture:
    """`image` for the review page: a JPEG at most `PREVIEW_WIDTH` wide, drawn at the image's
    own size, in whose pixels its words are placed."""
    small = image.copy()
    small.thumbnail((PREVIEW_WIDTH, PREVIEW_HEIGHT))
    out = io.BytesIO()
    small.convert("RGB").save(out, format="JPEG", quality=70)
    return Picture(out.getvalue(), image.width, image.height)


@dataclass
class _PageReading:
    """One page as read: its lines (sizes in points), the picture they are placed on, whether
    OCR read it, and how far it was turned clockwise from how the file shows it."""

    lines: list[_Line]
    picture: Picture
    ocr: bool = False
    turn: int = 0


@dataclass
class _Scan:
    """A page with no text layer, drawn for Tesseract at `scale` pixels to the point."""

    image: Image.Image
    scale: float


def read_pdf(data: bytes) -> Source:
    """The words of a PDF, page by page: from the page's text layer, or by Tesseract on the
    page drawn when it has none (a scan); and a picture of every page, with each word's box
    on it."""
    _pdf_reader(data)
    layout = _pdf_layout(data)
    with _pdfium(data) as document:
        if len(document) != len(layout):
            raise IngestError("The PDF could not be read (it is damaged)")
        _check_page_images(document)
        drawn = [
            _draw_scan(page) if _is_scan(page, laid.page) else _read_text_page(page, laid, number)
            for number, (page, laid) in enumerate(zip(document, layout, strict=True), 1)
        ]
    # Tesseract runs outside the lock: it is the slow part, and needs no PDFium
    deadline = time.monotonic() + OCR_SECONDS
    pages = [
        _read_scan(page, number, deadline) if isinstance(page, _Scan) else page
        for number, page in enumerate(drawn, 1)
    ]
    pictures = [replace(p.picture, page=n, pages=len(pages)) for n, p in enumerate(pages, 1)]
    lines = [line for page in pages for line in page.lines]
    return _source("pdf", "PDF", lines, pictures, _pdf_notes(pages))


def _pdf_notes(pages: list[_PageReading]) -> tuple[str, ...]:
    """What the review page should know of how the pages were read: which were read by OCR,
    and which were turned."""
    notes = []
    scanned = [n for n, page in enumerate(pages, 1) if page.ocr]
    if len(scanned) == len(pages):
        notes.append("The PDF is scanned: its pages were read by OCR")
    elif scanned:
        which = _numbers(scanned)
        notes.append(
            f"Page {which} of {len(pages)} is scanned: it was read by OCR"
            if len(scanned) == 1
            else f"Pages {which} of {len(pages)} are scanned: they were read by OCR"
        )
    for number, page in enumerate(pages, 1):
        if page.turn:
            what = "The page" if len(pages) == 1 else f"Page {number}"
            notes.append(_turn_note(what, page.turn))
    return tuple(notes)


def _numbers(numbers: list[int]) -> str:
    """1 -> '1'; 1, 2 -> '1 and 2'; 1, 2, 4 -> '1, 2 and 4'."""
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


_TURNS = {90: "a quarter turn clockwise", 180: "half a turn", 270: "a quarter turn anticlockwise"}


def _turn_note(what: str, turn: int) -> str:
    return f"{what} was turned {_TURNS[turn]} to be read upright"


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
            # A damaged EXIF block (Pillow warns "Corrupt EXIF data") tells nothing of the
            # picture: it is read as stored. Too many pixels is an error.
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            image.load()
            ImageOps.exif_transpose(image, in_place=True)  # a photo, turned as its camera says
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputTooLargeError(
            f"The image is too large: at most {MAX_PIXELS // 1_000_000} million pixels"
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise IngestError("The image could not be read (it is damaged or not an image)") from exc
    return image.convert("RGB") if image.mode not in ("RGB", "L") else image


@dataclass
class _OcrReading:
    lines: list[_Line]
    image: Image.Image
    """The image the lines' boxes are on: the one given, or it turned upright."""
    turn: int = 0
    """How far `image` was turned clockwise from the one given."""


def _ocr_upright(
    image: Image.Image, *, page: int, deadline: float | None = None, scale: float = 1.0
) -> _OcrReading:
    """The lines Tesseract reads on `image`, within `OCR_SECONDS` (the pages of one PDF share
    them: `deadline` is when they run out); line sizes are pixels over `scale`. When the first
    reading looks turned, OSD says which way is up, and the image is turned so and read again:
    that reading is kept unless it is clearly worse (OSD can be wrong on sparse pages)."""
    if deadline is None:
        deadline = time.monotonic() + OCR_SECONDS
    found = _words_read(image, deadline)
    if _looks_turned(found):
        turn = _upright_turn(image, deadline)
        if turn:
            upright = image.rotate(-turn, expand=True)
            again = _words_read(upright, deadline)
            if _quality(again) >= 0.9 * _quality(found):
                return _OcrReading(_ocr_lines(again, page, scale), upright, turn)
    return _OcrReading(_ocr_lines(found, page, scale), image)


def _tesseract(run: Callable, image: Image.Image, deadline: float, **options) -> dict:
    """`run` (a pytesseract reading) on `image`, in the time left before `deadline`."""
    too_long = f"Reading the text took longer than {OCR_SECONDS} seconds"
    left = deadline - time.monotonic()
    if left <= 0:
        raise IngestError(too_long)
    try:
        return run(image, output_type=pytesseract.Output.DICT, timeout=left, **options)
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrUnavailableError(
            "Reading images needs Tesseract, which this server does not have: install the "
            "Debian package tesseract-ocr"
        ) from exc
    except pytesseract.TesseractError:
        raise  # Tesseract ran and refused: what that means is the caller's to say
    except RuntimeError as exc:  # pytesseract's timeout
        raise IngestError(too_long) from exc


def _words_read(image: Image.Image, deadline: float) -> dict:
    try:
        return _tesseract(pytesseract.image_to_data, image, deadline)
    except pytesseract.TesseractError as exc:
        raise IngestError("The image could not be read by Tesseract") from exc


def _kept(found: dict) -> list[int]:
    return [
        i
        for i, word in enumerate(found["text"])
        if word.strip() and float(found["conf"][i]) >= MIN_CONFIDENCE
    ]


def _looks_turned(found: dict) -> bool:
    kept = _kept(found)
    if len(kept) < TURNED_FEW_WORDS:
        return True
    if statistics.mean(float(found["conf"][i]) for i in kept) < TURNED_CONFIDENCE:
        return True
    long = [i for i in kept if len(found["text"][i].strip()) >= 3]
    standing = [i for i in long if found["height"][i] > found["width"][i]]
    return 2 * len(standing) > len(long)


def _quality(found: dict) -> float:
    """How much a reading read: the summed confidence of its words, and more for words lying
    as a line of text lies (wider than tall), so that of two equally sure readings of one
    page, the upright one wins."""
    return sum(
        float(found["conf"][i]) * (1.0 if found["width"][i] >= found["height"][i] else 0.5)
        for i in _kept(found)
    )


def _upright_turn(image: Image.Image, deadline: float) -> int:
    """The clockwise turn (0, 90, 180 or 270) that OSD says sets `image` upright; 0 when it
    cannot tell (too few letters)."""
    try:
        osd = _tesseract(pytesseract.image_to_osd, image, deadline, config=OSD_CONFIG)
    except pytesseract.TesseractError:
        return 0
    return int(osd.get("rotate", 0)) % 360


def _ocr_lines(found: dict, page: int, scale: float) -> list[_Line]:
    """Tesseract's words grouped into its lines, each line's size its words' median height."""
    grouped: dict[tuple[int, ...], list[int]] = {}
    for i in _kept(found):
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
        size = statistics.median(found["height"][i] for i in indexes) / scale
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


@dataclass
class _Laid:
    """A page's layout by pdfminer, laid out turned `turn` degrees clockwise from how the file
    shows it, so that its text runs left to right."""

    page: LTPage
    turn: int = 0


def _pdf_layout(data: bytes) -> list[_Laid]:
    """Each page's layout (pdfminer's `extract_pages`, page by page), laid out again turned
    where its text does not run left to right as the page is shown: a page whose /Rotate
    was set without its text drawn turned back reads in columns of single letters else."""
    try:
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        pages = []
        for page in PDFPage.get_pages(io.BytesIO(data), maxpages=MAX_PAGES):
            interpreter.process_page(page)
            laid = _Laid(device.get_result())
            turn = _text_direction(laid.page)
            if turn:
                page.rotate = (page.rotate + turn) % 360
                interpreter.process_page(page)
                laid = _Laid(device.get_result(), turn)
            pages.append(laid)
        return pages
    except Exception as exc:  # pdfminer raises many kinds on damaged files; all mean the same
        raise IngestError("The PDF could not be read (it is damaged)") from exc


def _text_direction(page: LTPage) -> int:
    """Which way most of the page's characters run, counter-clockwise from left to right in
    degrees (0, 90, 180 or 270): turning the page that far clockwise sets its text upright."""
    directions: dict[int, int] = {}
    for char in _chars(page):
        a, b = char.matrix[:2]
        if a or b:
            direction = round(math.degrees(math.atan2(b, a)) / 90) * 90 % 360
            directions[direction] = directions.get(direction, 0) + 1
    return max(directions, key=directions.__getitem__, default=0)


def _chars(page: LTPage) -> Iterator[LTChar]:
    for element in page:
        if isinstance(element, LTTextContainer):
            for line in element:
                if isinstance(line, LTTextLine):
                    yield from (c for c in line if isinstance(c, LTChar))


def _is_scan(page: pypdfium2.PdfPage, laid: LTPage) -> bool:
    """Whether the page is to be read by OCR: it has no text layer, or one no longer than a
    stamp (a page number, "Scanned with ...") over images covering most of the page."""
    letters = sum(char.get_text().isalnum() for char in _chars(laid))
    if not letters:
        return True
    if letters > SCAN_STAMP_LETTERS:
        return False
    x0, y0, x1, y1 = page.get_cropbox()
    covered = sum(
        (right - left) * (top - bottom)
        for left, bottom, right, top in (image.get_bounds() for image in _page_images(page))
    )
    return covered >= SCAN_COVERS * (x1 - x0) * (y1 - y0)


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


def _read_text_page(page: pypdfium2.PdfPage, laid: _Laid, number: int) -> _PageReading:
    """A page read from its text layer, drawn for the review page as it was laid out (turned
    as its text reads), its words placed on the drawing."""
    if laid.turn:
        page.set_rotation((page.get_rotation() + laid.turn) % 360)
    drawing = _render(page, _display_scale(page))
    scale = drawing.width / page.get_size()[0]  # as drawn, after any cap
    lines = _text_lines(laid.page, number, _to_pixels(page, scale))
    return _PageReading(lines, _picture(drawing), turn=laid.turn)


def _draw_scan(page: pypdfium2.PdfPage) -> _Scan:
    drawing = _render(page, _scan_scale(page))
    return _Scan(drawing, drawing.width / page.get_size()[0])


def _read_scan(scan: _Scan, number: int, deadline: float) -> _PageReading:
    """A scanned page read by Tesseract (upright), its line sizes in points as a text
    layer's are, so that the pages of a mixed PDF are measured alike."""
    reading = _ocr_upright(scan.image, page=number, deadline=deadline, scale=scan.scale)
    return _PageReading(reading.lines, _picture(reading.image), ocr=True, turn=reading.turn)


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
