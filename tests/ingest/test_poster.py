"""PDF pages drawn for the review page, with the words each field came from outlined on them:
a text-layer PDF (pdfminer's character boxes placed on PDFium's raster) and a scanned one
(Tesseract's boxes on the rendered page)."""

from __future__ import annotations

import io

import pytesseract
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from events_app.ingest import Picture, Source, outlines
from events_app.ingest.read import parse_source, read_bytes
from tests.ingest.material import draw_poster, scanned_pdf, text_pdf

#: A flyer over two pages: the heading and the date on the first, the place and the reader on
#: the second (font sizes in points for the text layer, in pixels at 150 dpi for the scan).
FIRST = [("Books and Beer Night", 32), ("Friday 12 June 2026, doors 7.30pm", 14)]
SECOND = [("The Lamb Inn, 4 Mill Road, Norwich NR2 4AB", 12), ("With readings by Ada Fielding", 12)]


def _pixels(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(text, round(size * 150 / 72)) for text, size in lines]


def _cropped(pdf: bytes) -> bytes:
    """`pdf` with each page's crop box inside its media box: what is drawn, and so the
    origin of the picture's pixels, moves in from the page's corner."""
    reader, writer = PdfReader(io.BytesIO(pdf)), PdfWriter()
    for page in reader.pages:
        page.cropbox = RectangleObject((30, 100, 500, 830))
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


TWO_PAGES = {
    "text-layer": lambda: text_pdf([FIRST, SECOND]),
    "text-layer-cropped": lambda: _cropped(text_pdf([FIRST, SECOND])),
    "scanned": lambda: scanned_pdf([draw_poster(_pixels(FIRST)), draw_poster(_pixels(SECOND))]),
}

#: Each page's outlines in reading order: the field, and the word on the page under the box.
#: ("2026," is outlined whole for the date: a word is outlined when the field's span touches it.)
EXPECTED = [
    [
        ("event 1: title", "Books"),
        ("event 1: title", "and"),
        ("event 1: title", "Beer"),
        ("event 1: title", "Night"),
        ("event 1: start", "Friday"),
        ("event 1: start", "12"),
        ("event 1: start", "June"),
        ("event 1: start", "2026,"),
        ("event 1: time", "7.30pm"),
    ],
    [
        ("event 1: venue", "The"),
        ("event 1: venue", "Lamb"),
        ("event 1: venue", "Inn,"),
        ("event 1: venue", "4"),
        ("event 1: venue", "Mill"),
        ("event 1: venue", "Road,"),
        ("event 1: venue", "Norwich"),
        ("event 1: venue", "NR2"),
        ("event 1: venue", "4AB"),
        ("event 1: speaker", "Ada"),
        ("event 1: speaker", "Fielding"),
    ],
]


def _words_on(picture: Picture) -> list[tuple[str, float, float]]:
    """The words Tesseract reads on a page's picture (its JPEG scaled back to the size the
    boxes are placed in), each with the centre of its box."""
    image = Image.open(io.BytesIO(picture.jpeg)).convert("L")
    image = image.resize((picture.width, picture.height))
    found = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT)
    return [
        (word.strip(), left + width / 2, top + height / 2)
        for word, left, top, width, height in zip(
            found["text"], found["left"], found["top"], found["width"], found["height"], strict=True
        )
        if word.strip()
    ]


def _outlined(source: Source) -> list[list[tuple[str, str]]]:
    """Each page's outlines in reading order: the field, and the words Tesseract reads there
    on the page's picture (only the word the outline is over, if it is in its place)."""
    result = parse_source(source, timezone="Europe/London")
    found = outlines(source, [d.spans for d in result.drafts])
    pages = []
    for number, picture in enumerate(source.pictures, start=1):
        words = _words_on(picture)
        boxes = sorted((b for b in found if b.page == number), key=lambda b: (b.top // 20, b.left))
        pages.append(
            [
                (
                    box.label,
                    " ".join(
                        word
                        for word, x, y in words
                        if box.left <= x <= box.left + box.width
                        and box.top <= y <= box.top + box.height
                    ),
                )
                for box in boxes
            ]
        )
    return pages


@pytest.mark.parametrize("make", TWO_PAGES.values(), ids=TWO_PAGES.keys())
def test_each_page_of_a_pdf_is_shown_with_its_fields_outlined_in_place(make):
    source = read_bytes(make())
    assert len(source.pictures) == 2
    assert _outlined(source) == EXPECTED


def test_a_text_layer_page_is_drawn_at_the_review_width_with_its_words_placed_on_it():
    """The heading is 32 pt Helvetica at 50 pt from the page's left edge, its baseline 800 pt
    from the bottom of an A4 page (595 x 842 pt): at 1,200 pixels across, 2.017 pixels to the
    point, its words start 101 pixels in and stand between 1,699 - 800 x 2.017 (less
    Helvetica's descent) and that less its ascent."""
    source = read_bytes(text_pdf([FIRST, SECOND]))
    assert [(p.width, p.height) for p in source.pictures] == [(1200, 1699), (1200, 1699)]
    assert [Image.open(io.BytesIO(p.jpeg)).size for p in source.pictures] == [(1200, 1699)] * 2
    books = source.words[0]
    assert (source.text[books.start : books.end], books.page, books.left) == ("Books", 1, 101)
    baseline = 1699 - 800 * 1200 / 595
    assert books.top < baseline - 0.7 * 32 * 1200 / 595 < baseline < books.top + books.height


def test_a_scanned_page_is_read_at_its_own_resolution():
    """A page scanned at 150 dpi is drawn at 150 dpi for Tesseract: the words are placed where
    the poster was drawn (80 pixels in), and the picture keeps the scan's size (Pillow writes
    the page as 595.2 points, 1240.00003 pixels at 150 dpi, which PDFium rounds up)."""
    source = read_bytes(scanned_pdf([draw_poster(_pixels(FIRST))]))
    assert [(p.width, p.height) for p in source.pictures] == [(1241, 1754)]
    books = source.words[0]
    assert (source.text[books.start : books.end], books.page) == ("Books", 1)
    assert 75 <= books.left <= 90 and 85 <= books.top <= 110
