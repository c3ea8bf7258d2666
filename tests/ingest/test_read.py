"""Reading pages, e-mails, posters and PDFs into sources and drafts, on inputs made here."""

from __future__ import annotations

import io
import textwrap
from datetime import UTC, date, datetime

import pytesseract
import pytest
from PIL import Image
from pypdf import PdfWriter

from events_app.ingest import (
    IngestError,
    InputTooLargeError,
    OcrUnavailableError,
    UnsupportedInputError,
    kind_of,
    outlines,
)
from events_app.ingest.read import PAGE_DATA_NOTE, parse_source, read_bytes, result_to_dict
from events_app.parsing import draft_to_dict, parse_announcement
from events_app.web.errors import status_of
from tests.ingest.material import (
    ARTICLE_TEXT,
    POSTER_BOTTOM,
    POSTER_TOP,
    SEED_EVENTS,
    SEED_JSONLD,
    SEED_PAGES,
    SEED_PARAGRAPH,
    draw_poster,
    email,
    invitation_ics,
    latin,
    microdata_page,
    nested_email,
    news_page,
    png,
    rdfa_page,
    scanned_pdf,
    text_pdf,
    webp,
    wrapped,
)

PUBLISHED = date(2018, 7, 24)


def summary(document: dict) -> list[tuple]:
    return [
        (
            e["title"],
            e["start"],
            e["end"],
            [v["name"] for v in e["venues"]],
            [p["name"] for p in e["speakers"]],
        )
        for e in document["events"]
    ]


def parsed_directly(text: str, reference: date | None = PUBLISHED) -> list[tuple]:
    result = parse_announcement(text, reference_date=reference, timezone="Europe/London")
    return summary({"events": [draft_to_dict(d) for d in result.drafts]})


def read(data: bytes, reference: date | None = None) -> dict:
    source = read_bytes(data, url="https://paper.example/2018/07/honduras")
    result = parse_source(source, timezone="Europe/London", reference_date=reference)
    return result_to_dict(result)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0....", "jpeg"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"%PDF-1.7\n", "pdf"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        (b"<!-- saved --><html lang=en>", "html"),
        (b"From: a@b.example\nSubject: Talk\n\nHello", "email"),
        (b"Received: from x\r\nFrom: a@b.example\r\n\r\nHi", "email"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0", "calendar"),
        (b"PK\x03\x04\x00\x00binary", "binary"),
        (b"Film night: Friday at 7. From: the committee.", "text"),
        (b"Subject to change: talk on Friday", "text"),
    ],
)
def test_kind_of_reads_content_not_names(data, kind):
    assert kind_of(data) == kind


def test_page_text_is_the_article_without_menu_donation_box_or_footer():
    source = read_bytes(news_page(), url="https://paper.example/2018/07/honduras")
    assert (source.kind, source.reference_date, source.url) == (
        "page",
        PUBLISHED,
        "https://paper.example/2018/07/honduras",
    )
    for gone in ("Donate today", "Privacy policy", "Features", "fighting fund"):
        assert gone not in source.text
    assert " ".join(SEED_PARAGRAPH.split()) in " ".join(source.text.split())


def test_page_gives_the_seed_events_dated_by_its_publication():
    document = read(news_page())
    assert summary(document) == parsed_directly(ARTICLE_TEXT)
    assert [(e["start"], e["end"]) for e in document["events"]] == [
        ("2018-07-28", None),
        ("2018-07-27T18:30", None),
        ("2018-07-28T10:00", "2018-07-28T17:00"),
    ]
    assert {e["provenance"] for e in document["events"]} == {"text"}
    assert document["source"]["reference_date"] == "2018-07-24"


def test_page_data_are_used_as_they_are_and_the_text_fills_what_they_lack():
    document = read(news_page(jsonld=SEED_JSONLD))
    assert summary(document) == [
        ("Opening rally for Arise", "2018-07-27T18:30", None, ["Student Central"], []),
        (
            "Arise — A Festival of Labour’s Left Ideas",
            "2018-07-28T10:00",
            "2018-07-28T17:00",
            ["Student Central", "Unite House"],
            # The data name a performer and no speaker: the text's draft of the same start
            # supplies the speakers.
            [
                "John McDonnell",
                "Diane Abbott",
                "Richard Burgon",
                "Shami Chakrabarti",
                "Steve Turner",
            ],
        ),
        # The data name no speaker for the session: the text's draft of it supplies him.
        ("Session on Latin America", "2018-07-28", None, [], ["Chris Williamson"]),
    ]
    assert [e["provenance"] for e in document["events"]] == ["page data"] * 3
    assert all(PAGE_DATA_NOTE in e["warnings"] for e in document["events"])
    festival = document["events"][1]
    assert (festival["price"], festival["links"], festival["performers"], festival["status"]) == (
        "Free",
        [{"url": "https://tickets.example/arise", "kind": "tickets", "price": "Free"}],
        [{"name": "The Red Flags", "honorific": None, "affiliation": None}],
        "postponed",
    )


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            microdata_page,
            [("Poetry by the canal", "2026-06-12T19:30", ["The Lock Keeper's Cottage"])],
        ),
        (rdfa_page, [("Bees in the city", "2026-05-20T18:00", ["Friends Meeting House"])]),
    ],
)
def test_microdata_and_rdfa_events_are_read(page, expected):
    document = read(page())
    assert [
        (e["title"], e["start"], [v["name"] for v in e["venues"]]) for e in document["events"]
    ] == (expected)


def test_page_offers_its_calendar_feed():
    source = read_bytes(news_page(calendar_link="/arise.ics"), url="https://paper.example/a")
    assert source.calendar_links == ("https://paper.example/arise.ics",)


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        (POSTER_TOP, ("Books and Beer Night", "2026-06-12T19:30", ["The Lamb Inn"])),
        # The heading is drawn last but biggest, so it is read first and becomes the title.
        (POSTER_BOTTOM, ("Summer Fete", "2026-06-13T14:00", [])),
    ],
    ids=["heading-on-top", "heading-at-the-foot"],
)
def test_poster_layouts_give_their_event(layout, expected):
    document = read(png(draw_poster(layout)))
    assert [
        (e["title"], e["start"], [v["name"] for v in e["venues"]]) for e in document["events"]
    ] == [expected]
    assert document["source"]["kind"] == "image"


def test_poster_of_the_seed_gives_its_three_events():
    """OCR reads the curly apostrophe of "Labour’s" as another glyph, so titles are left out
    of the comparison; times, venues and speakers must match the typed text."""
    lines = [("Arise festival", 90)] + [(line, 30) for line in textwrap.wrap(SEED_PARAGRAPH, 64)]
    document = read(webp(draw_poster(lines)), reference=PUBLISHED)
    assert [row[1:] for row in summary(document)] == [
        row[1:] for row in parsed_directly(SEED_PARAGRAPH)
    ]


SEED_AS = {
    "poster-heading-at-the-foot": lambda: webp(
        draw_poster([*wrapped(SEED_PARAGRAPH, 30), ("Arise festival", 90)])
    ),
    "two-page-pdf-text-layer": lambda: text_pdf(
        [
            [("Arise festival", 24), *wrapped(latin(SEED_PAGES[0]), 10, 95)],
            wrapped(latin(SEED_PAGES[1]), 10, 95),
        ],
        leading=1.25,
    ),
    "two-page-pdf-scanned": lambda: scanned_pdf(
        [
            draw_poster([("Arise festival", 90), *wrapped(SEED_PAGES[0], 30)]),
            draw_poster(wrapped(SEED_PAGES[1], 30)),
        ]
    ),
    # A text page, then a scanned one: each read its own way (the text layer, then OCR).
    "two-page-pdf-text-then-scanned": lambda: text_pdf(
        [
            [("Arise festival", 24), *wrapped(latin(SEED_PAGES[0]), 10, 95)],
            draw_poster(wrapped(SEED_PAGES[1], 30)),
        ],
        leading=1.25,
    ),
    "email-with-the-poster-attached": lambda: email(
        body="Poster attached, please share.",
        attachment=(
            png(draw_poster([("Arise festival", 90), *wrapped(SEED_PARAGRAPH, 30)])),
            "image",
            "png",
            "arise.png",
        ),
    ),
}


@pytest.mark.parametrize("make", SEED_AS.values(), ids=SEED_AS.keys())
def test_the_seed_as_a_poster_a_pdf_or_an_attachment_gives_its_three_events(make):
    """Titles are left out: a poster's heading ("Arise festival") is read as the title of the
    event it stands over, and OCR reads the curly apostrophe of "Labour’s" as another glyph."""
    document = read(make(), reference=PUBLISHED)
    assert [row[1:] for row in summary(document)] == SEED_EVENTS


def test_poster_words_are_placed_on_the_image():
    source = read_bytes(png(draw_poster(POSTER_TOP)))
    first = source.words[0]
    assert (source.text[first.start : first.end], first.page) == ("Books", 1)
    assert 60 <= first.left <= 100 and 80 <= first.top <= 120


def test_poster_photo_with_a_damaged_exif_block_is_read_as_stored():
    out = io.BytesIO()
    draw_poster(POSTER_TOP).save(out, format="JPEG", quality=90)
    jpeg = out.getvalue()
    exif = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x05\x01"  # five entries promised, none there
    damaged = jpeg[:2] + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif + jpeg[2:]
    source = read_bytes(damaged)
    assert (source.text.splitlines()[0], source.notes) == ("Books and Beer Night", ())


def test_outlines_are_the_word_boxes_under_each_fields_span():
    source = read_bytes(png(draw_poster(POSTER_TOP)))
    result = parse_source(source, timezone="Europe/London")
    title_words = [w for w in source.words if w.end <= len("Books and Beer Night")]
    boxes = [
        o for o in outlines(source, [d.spans for d in result.drafts]) if o.label.endswith("title")
    ]
    assert [(o.left, o.top, o.width, o.height) for o in boxes] == [
        (w.left, w.top, w.width, w.height) for w in title_words
    ]
    assert len(boxes) == 4
    assert [Image.open(io.BytesIO(p.jpeg)).size for p in source.pictures] == [(1200, 1697)]


def test_two_page_pdf_is_read_from_its_text_layer_heading_first():
    pdf = text_pdf(
        [
            [("Friday 12 June 2026, doors 7.30pm", 14), ("Books and Beer Night", 32)],
            [("The Lamb Inn, 4 Mill Road, Norwich NR2 4AB", 12)],
        ]
    )
    source = read_bytes(pdf)
    assert (source.kind, source.text) == (
        "pdf",
        "Books and Beer Night\n\nFriday 12 June 2026, doors 7.30pm\n\n"
        "The Lamb Inn, 4 Mill Road, Norwich NR2 4AB",
    )
    assert [(e["title"], e["start"]) for e in read(pdf)["events"]] == [
        ("Books and Beer Night", "2026-06-12T19:30")
    ]


def test_scanned_pdf_is_read_by_ocr():
    out = io.BytesIO()
    draw_poster(POSTER_TOP).convert("RGB").save(out, format="PDF", resolution=150)
    source = read_bytes(out.getvalue())
    assert source.text.splitlines()[0] == "Books and Beer Night"
    assert source.notes == ("The PDF is scanned: its pages were read by OCR",)


def test_email_with_a_mixed_pdf_attached_says_how_its_pages_were_read():
    """The attachment's own notes (which pages OCR read) are the message's too, by its name."""
    flyer = text_pdf([[("Books and Beer Night", 32)], draw_poster(POSTER_TOP[1:])])
    message = email(body="Flyer attached.", attachment=(flyer, "application", "pdf", "flyer.pdf"))
    source = read_bytes(message)
    assert source.notes == (
        "Text read from the attached flyer.pdf",
        "flyer.pdf: Page 2 of 2 is scanned: it was read by OCR",
    )
    assert [(e["title"], e["start"]) for e in read(message)["events"]] == [
        ("Books and Beer Night", "2026-06-12T19:30")
    ]


def test_plain_email_reads_subject_date_sender_and_drops_signature_and_quote():
    body = (
        SEED_PARAGRAPH
        + "\n\nSee you there,\nSam\n\n-- \nSam Organiser, branch secretary\n07700 900123\n"
    )
    reply = body.replace("-- \n", "On Mon, 23 Jul 2018, Alex wrote:\n> Are we going?\n-- \n")
    for message in (email(body=body), email(body=reply)):
        source = read_bytes(message)
        assert (source.kind, source.reference_date, source.contact) == (
            "email",
            PUBLISHED,
            "sam@union.example",
        )
        assert source.text == (
            "Arise festival this weekend\n\n" + SEED_PARAGRAPH + "\n\nSee you there,\nSam"
        )
    document = read(email(body=body))
    assert [row[1:] for row in summary(document)] == [
        row[1:] for row in parsed_directly(SEED_PARAGRAPH)
    ]
    assert {e["contacts"][-1] for e in document["events"]} == {"sam@union.example"}


def test_html_only_email_is_made_text():
    html_body = f"<html><body><h1>Arise</h1><p>{SEED_PARAGRAPH}</p><p>Unsubscribe</p></body></html>"
    document = read(email(html_body=html_body))
    assert [row[1:] for row in summary(document)] == [
        row[1:] for row in parsed_directly(SEED_PARAGRAPH)
    ]


def test_email_with_a_poster_attached_reads_the_poster():
    message = email(
        body="Poster attached, please share.",
        subject="Fwd: [members] Books night",
        attachment=(png(draw_poster(POSTER_TOP)), "image", "png", "poster.png"),
    )
    source = read_bytes(message)
    assert source.text.startswith("Books night\n\nPoster attached, please share.\n\nBooks and Beer")
    assert source.notes == ("Text read from the attached poster.png",)
    # The poster's words are placed where its text lands in the message's, on its picture.
    assert [(source.text[w.start : w.end], w.page) for w in source.words[:4]] == [
        ("Books", 1),
        ("and", 1),
        ("Beer", 1),
        ("Night", 1),
    ]
    assert [(p.attachment, p.page, p.pages) for p in source.pictures] == [("poster.png", 1, 1)]
    assert [(e["title"], e["start"]) for e in read(message)["events"]] == [
        ("Books and Beer Night", "2026-06-12T19:30")
    ]


INVITED_AT = datetime(2026, 12, 2, 9, tzinfo=UTC)


def test_email_with_a_calendar_file_attached_gives_the_files_events_as_drafts():
    message = email(
        body="Our dates for next year are attached.",
        subject="Branch dates",
        attachment=(invitation_ics(), "text", "calendar", "dates.ics"),
    )
    source = read_bytes(message, now=INVITED_AT)
    document = result_to_dict(parse_source(source, timezone="Europe/London"))

    assert [
        (e["title"], e["start"], e["end"], e["timezone"], e["status"], e["provenance"])
        for e in document["events"]
    ] == [
        (
            "Casework clinic",
            "2027-01-06T12:00",
            "2027-01-06T13:00",
            "America/Toronto",
            "tentative",
            "calendar file",
        ),
        (
            "Casework clinic",
            "2027-01-13T12:00",
            "2027-01-13T13:00",
            "America/Toronto",
            "tentative",
            "calendar file",
        ),
        (
            "Casework clinic",
            "2027-01-20T12:00",
            "2027-01-20T13:00",
            "America/Toronto",
            "tentative",
            "calendar file",
        ),
        (
            "Branch annual general meeting",
            "2027-04-15T18:30",
            "2027-04-15T20:00",
            "Europe/London",
            None,
            "calendar file",
        ),
        ("Weekend school", "2027-05-01", "2027-05-02", "Europe/London", None, "calendar file"),
    ]
    meeting = document["events"][3]
    assert [(v["name"], v["address"]) for v in meeting["venues"]] == [
        ("Friends Meeting Hall", "12 Quaker Lane")
    ]
    assert meeting["url"] == "https://branch.example/agm"
    notes = document["source"]["notes"]
    assert notes[0] == "Events read from the attached dates.ics"
    assert "Date to be fixed" in " ".join(notes[1:])


def test_email_calendar_file_is_only_named_when_the_caller_gives_no_clock():
    message = email(
        body="Dates attached.", attachment=(invitation_ics(), "text", "calendar", "dates.ics")
    )
    assert read_bytes(message).notes == (
        "The message carries a calendar file (dates.ics): import it",
    )


def test_email_with_a_broken_calendar_file_is_refused():
    message = email(
        body="Dates attached.",
        attachment=(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "text", "calendar", "x.ics"),
    )
    with pytest.raises(IngestError) as refused:
        read_bytes(message, now=INVITED_AT)
    assert str(refused.value) == (
        "The attached calendar file cannot be read: Not a valid iCalendar file: it must run "
        "from BEGIN:VCALENDAR to END:VCALENDAR"
    )


def _pdf_with(pages: int, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _huge_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (8000, 6000), 1).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (_huge_png, InputTooLargeError, "The image is too large: at most 40 million pixels"),
        (
            lambda: png(Image.new("L", (400, 300), 255)),
            IngestError,
            "No text could be read from the image",
        ),
        (
            lambda: b"\x89PNG\r\n\x1a\nnot really",
            IngestError,
            "The image could not be read (it is damaged or not an image)",
        ),
        (
            lambda: _pdf_with(1, "secret"),
            IngestError,
            "The PDF is encrypted: save it without a password and try again",
        ),
        (lambda: _pdf_with(21), InputTooLargeError, "The PDF has 21 pages: at most 20 are read"),
        (
            lambda: b"%PDF-1.4\n1 0 obj garbage",
            IngestError,
            "The PDF could not be read (it is damaged)",
        ),
        (
            lambda: b"PK\x03\x04" + b"\x00" * 40,
            UnsupportedInputError,
            "This file is not one this site reads: send a web page, an e-mail, a PNG, JPEG or "
            "WebP image, a PDF or text",
        ),
        (
            lambda: b"BEGIN:VCALENDAR\r\n",
            IngestError,
            "This is an iCalendar file: bring it in with Import a calendar, which keeps its "
            "events in step when it changes",
        ),
        (lambda: b"\xff\xfe caf\xe9", IngestError, "Text must be UTF-8"),
        (
            lambda: b"x" * (10 * 1024 * 1024 + 1),
            InputTooLargeError,
            "The file is larger than 10 MB",
        ),
        (
            lambda: b"From: a@b.example\nSubject: x\nContent-Type: multipart/mixed\n\nno boundary",
            IngestError,
            "The message's MIME structure is broken (a part has no boundary)",
        ),
        (
            lambda: (
                b"From: a@b.example\nSubject: x\n"
                b"Content-Type: text/plain; charset=klingon-8\n\nQapla"
            ),
            IngestError,
            "The message's text is in an unknown character set: klingon-8",
        ),
        (
            lambda: nested_email(8),
            InputTooLargeError,
            "The message is nested more than 5 levels deep",
        ),
    ],
    ids=[
        "pixels",
        "blank-image",
        "broken-image",
        "encrypted-pdf",
        "pages",
        "broken-pdf",
        "zip",
        "calendar",
        "not-utf8",
        "size",
        "mime",
        "charset",
        "nesting",
    ],
)
def test_bad_input_is_refused_with_a_reason(data, error, message):
    with pytest.raises(error) as caught:
        read_bytes(data())
    assert str(caught.value) == message


def test_missing_tesseract_names_the_package(monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(OcrUnavailableError) as caught:
        read_bytes(png(draw_poster(POSTER_TOP)))
    assert (str(caught.value), status_of(caught.value)) == (
        "Reading images needs Tesseract, which this server does not have: install the "
        "Debian package tesseract-ocr",
        503,
    )
