"""PDF pages drawn for the review page, with the words each field came from outlined on them:
a text-layer PDF (pdfminer's character boxes placed on PDFium's raster), a scanned one
(Tesseract's boxes on the rendered page) and one of each page by page; and pages and posters
that come turned (a PDF page's /Rotate, a photo's EXIF orientation, a poster scanned or
photographed sideways or upside down), read upright."""

from __future__ import annotations

import io
from datetime import date

import pytesseract
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from events_app.ingest import Picture, Source, outlines
from events_app.ingest.read import parse_source, read_bytes, result_to_dict
from tests.ingest.material import (
    SEED_EVENTS,
    SEED_PAGES,
    draw_poster,
    latin,
    photo,
    png,
    scanned_pdf,
    seed_poster,
    text_pdf,
    turned,
    wrapped,
)

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
    # Scans a scanning app stamped with a line of text: the stamp is no text layer to read.
    "scanned-with-a-stamp": lambda: text_pdf(
        [draw_poster(_pixels(FIRST)), draw_poster(_pixels(SECOND))], stamp="Scanned with Scanr"
    ),
    # A text page, then a scanned one: each page read its own way, each keeps its picture.
    "text-then-scanned": lambda: text_pdf([FIRST, draw_poster(_pixels(SECOND))]),
    # Landscape pages as they are written: /Rotate, and the text drawn turned back.
    **{
        f"text-layer-rotate-{rotate}": lambda rotate=rotate: text_pdf(
            [FIRST, SECOND], rotate=rotate
        )
        for rotate in (90, 180, 270)
    },
    # /Rotate set on pages drawn upright (a viewer's "rotate page" saved): the text runs down
    # the page as shown, and is laid out and drawn turned back.
    "text-layer-shown-sideways": lambda: text_pdf([FIRST, SECOND], rotate=90, drawn_upright=False),
    # A scanner that wrote its upright scans with /Rotate 180: the pages are shown upside down.
    "scanned-rotate-180": lambda: scanned_pdf(
        [draw_poster(_pixels(FIRST)), draw_poster(_pixels(SECOND))], rotate=180
    ),
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


def test_a_mixed_pdf_says_which_pages_were_read_by_ocr():
    """The text page is drawn at the review width; the scan keeps its own size (A4 at 150 dpi:
    the page is 595 x 842 points, which PDFium draws at 1,241 x 1,755)."""
    source = read_bytes(text_pdf([FIRST, draw_poster(_pixels(SECOND))]))
    assert (source.notes, [(p.width, p.height) for p in source.pictures]) == (
        ("Page 2 of 2 is scanned: it was read by OCR",),
        [(1200, 1699), (1241, 1755)],
    )


def test_turned_pages_are_shown_upright_and_say_so():
    """A landscape page is shown as the file shows it (it reads upright so), without a note;
    a page whose text runs down the page as shown is turned back, and the note says so."""
    landscape = read_bytes(text_pdf([FIRST], rotate=90))
    sideways = read_bytes(text_pdf([FIRST], rotate=90, drawn_upright=False))
    assert [
        (s.notes, [(p.width, p.height) for p in s.pictures]) for s in (landscape, sideways)
    ] == [
        ((), [(1200, 848)]),
        (("The page was turned a quarter turn anticlockwise to be read upright",), [(1200, 1699)]),
    ]


def _seed_pdf(**options) -> bytes:
    """The seed over two pages of a text-layer PDF, as test_read's two-page PDF has it."""
    return text_pdf(
        [
            [("Arise festival", 24), *wrapped(latin(SEED_PAGES[0]), 10, 95)],
            wrapped(latin(SEED_PAGES[1]), 10, 95),
        ],
        leading=1.25,
        **options,
    )


#: The seed as it comes turned; each with the notes its source carries, and the size of each
#: of its pictures (as shown on the review page: upright).
TURNED_SEED = {
    **{
        f"poster-turned-{turn}": (
            lambda turn=turn: png(turned(seed_poster(), turn)),
            (f"The poster was turned {words} to be read upright",),
            [(1240, 1754)],
        )
        for turn, words in (
            (90, "a quarter turn anticlockwise"),
            (180, "half a turn"),
            (270, "a quarter turn clockwise"),
        )
    },
    # A camera held sideways stores its pixels turned and says so in the EXIF orientation
    # tag: the photo is turned as the tag says before it is read, with no guess to note.
    "photo-exif-orientation-6": (lambda: photo(seed_poster(), 6), (), [(1240, 1754)]),
    "photo-exif-orientation-8": (lambda: photo(seed_poster(), 8), (), [(1240, 1754)]),
    "pdf-rotate-90": (lambda: _seed_pdf(rotate=90), (), [(1200, 848)] * 2),
    "pdf-rotate-90-shown-sideways": (
        lambda: _seed_pdf(rotate=90, drawn_upright=False),
        tuple(
            f"Page {n} was turned a quarter turn anticlockwise to be read upright" for n in (1, 2)
        ),
        [(1200, 1699)] * 2,
    ),
    "scanned-pdf-rotate-90": (
        lambda: scanned_pdf([seed_poster()], rotate=90),
        (
            "The PDF is scanned: its pages were read by OCR",
            "The page was turned a quarter turn anticlockwise to be read upright",
        ),
        [(1241, 1754)],
    ),
}


@pytest.mark.parametrize(("make", "notes", "sizes"), TURNED_SEED.values(), ids=TURNED_SEED.keys())
def test_the_seed_turned_gives_its_three_events_read_upright(make, notes, sizes):
    """Titles are left out, as in test_read: a poster's heading ("Arise festival") is read as
    the title of the event it stands over, and OCR reads the curly apostrophe of "Labour’s"
    as another glyph."""
    source = read_bytes(make())
    result = parse_source(source, timezone="Europe/London", reference_date=date(2018, 7, 24))
    events = [
        (
            e["start"],
            e["end"],
            [v["name"] for v in e["venues"]],
            [p["name"] for p in e["speakers"]],
        )
        for e in result_to_dict(result)["events"]
    ]
    pictures = [(p.width, p.height) for p in source.pictures]
    assert (events, source.notes, pictures) == (SEED_EVENTS, notes, sizes)
