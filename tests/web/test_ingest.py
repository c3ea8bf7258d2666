"""A link, a poster and an e-mail through the organiser area, the parse API and the CLI."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from events_app import create_app
from events_app.cli import cli
from events_app.domain import EventFilter
from events_app.store import repository
from tests.conftest import BASE_URL, NOW
from tests.ingest.material import (
    ARTICLE_TEXT,
    POSTER_TOP,
    PageServer,
    draw_poster,
    email,
    invitation_ics,
    news_page,
    png,
    text_pdf,
    turned,
)
from tests.web.organiser_helpers import csrf_of, post, review_form

SEED_STARTS = [
    ("2018-07-28", None),
    ("2018-07-27T18:30", None),
    ("2018-07-28T10:00", "2018-07-28T17:00"),
]


@pytest.fixture
def fetch_allowed() -> str:
    return "127.0.0.1"


@pytest.fixture
def app(database_url: str, fetch_allowed: str):
    """The suite's app, allowed to fetch from the loopback server these tests run."""
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "BASE_URL": BASE_URL,
            "CLOCK": lambda: NOW,
            "TESTING": True,
            "FETCH_ALLOWED_HOSTS": fetch_allowed,
        }
    )
    yield app
    app.extensions["events_db"].close()


@pytest.fixture
def pages():
    with PageServer(
        {
            "/news/honduras": ("text/html; charset=utf-8", news_page()),
            "/poster.png": ("image/png", png(draw_poster(POSTER_TOP))),
            "/feed.ics": ("text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
            "/archive.zip": ("application/zip", b"PK\x03\x04" + b"\x00" * 64),
        }
    ) as server:
        yield server


def parse_url(client, url: str):
    return client.post("/api/v1/parse", json={"url": url, "timezone": "Europe/London"})


def starts(events: list[dict]) -> list[tuple]:
    return [(e["start"], e["end"]) for e in events]


def test_api_reads_a_link_with_its_publication_date(signed_in, pages):
    response = parse_url(signed_in, pages.url("/news/honduras"))
    document = response.get_json()
    assert response.status_code == 200
    assert starts(document["events"]) == SEED_STARTS
    assert (document["source"]["url"], document["source"]["reference_date"]) == (
        pages.url("/news/honduras"),
        "2018-07-24",
    )
    assert "Donate today" not in document["source"]["text"]


@pytest.mark.parametrize("fetch_allowed", [""])
def test_api_link_to_a_private_address_refused_without_the_setting(signed_in, pages):
    response = parse_url(signed_in, pages.url("/news/honduras"))
    assert (response.status_code, response.get_json()["error"]["message"]) == (
        422,
        "Address not allowed: pages can only be fetched from public internet addresses",
    )


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/missing", 422, "The page's server answered 404 instead of the file"),
        (
            "/feed.ics",
            422,
            "This address is an iCalendar feed: bring it in with Import a calendar instead",
        ),
        (
            "/archive.zip",
            415,
            "This file is not one this site reads: send a web page, an e-mail, a PNG, JPEG or "
            "WebP image, a PDF or text",
        ),
    ],
)
def test_api_bad_links_get_a_reason(signed_in, pages, path, status, message):
    response = parse_url(signed_in, pages.url(path))
    assert (response.status_code, response.get_json()["error"]["message"]) == (status, message)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"url": ""}, "url must be a web address of at most 2,000 characters"),
        (
            {"url": "ftp://files.example/x"},
            "The address must start with https://, http:// or webcal://",
        ),
        (
            {"url": "http://127.0.0.1/" + "x" * 2000},
            "url must be a web address of at most 2,000 characters",
        ),
    ],
)
def test_api_link_must_be_a_web_address(signed_in, body, message):
    response = signed_in.post("/api/v1/parse", json=body)
    assert response.status_code in (400, 422)
    assert response.get_json()["error"]["message"] == message


def test_api_link_needs_a_signed_in_organiser(client, pages):
    assert parse_url(client, pages.url("/news/honduras")).status_code == 401


def test_organiser_reads_a_pasted_link_and_shows_where_the_text_came_from(signed_in, pages):
    token = csrf_of(signed_in.get("/organiser/new").get_data(as_text=True))
    response = signed_in.post(
        "/organiser/new/link", data={"csrf_token": token, "url": pages.url("/news/honduras")}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'Read from <a href="{pages.url("/news/honduras")}"' in page
    assert "published 2018-07-24" in page
    assert page.count('<fieldset class="draft">') == 3
    assert "Donate today" not in page


def test_a_link_review_publishes_once_however_often_it_is_sent(signed_in, pages, app_session):
    """The review of a page carries its own one-time key, as a pasted text's does: a retry
    after a lost response stores nothing more."""
    token = csrf_of(signed_in.get("/organiser/new").get_data(as_text=True))
    page = signed_in.post(
        "/organiser/new/link", data={"csrf_token": token, "url": pages.url("/news/honduras")}
    ).get_data(as_text=True)
    fields = {**review_form(page), "action": "publish"}

    statuses = [post(signed_in, "/organiser/publish", fields).status_code for _ in range(2)]
    app_session.rollback()
    stored = repository.list_events(app_session, EventFilter(include_drafts=True))

    assert fields["publish_key"] != ""
    assert (statuses, len(stored)) == ([302, 302], 3)


def upload(client, data: bytes, filename: str):
    token = csrf_of(client.get("/organiser/new").get_data(as_text=True))
    boundary = "----ingest-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        "/organiser/new/file", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def test_organiser_uploads_a_poster(signed_in):
    response = upload(signed_in, png(draw_poster(POSTER_TOP)), "scan.bin")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Read from the poster" in page
    assert 'value="Books and Beer Night"' in page
    assert '<image href="data:image/jpeg;base64,' in page
    # The four words of the title are outlined on the poster, each labelled.
    assert page.count("<title>event 1: title</title>") == 4


def test_organiser_uploads_a_pdf_and_sees_each_page_with_its_outlines(signed_in):
    pdf = text_pdf(
        [
            [("Books and Beer Night", 32), ("Friday 12 June 2026, doors 7.30pm", 14)],
            [("The Lamb Inn, 4 Mill Road, Norwich NR2 4AB", 12)],
        ]
    )
    response = upload(signed_in, pdf, "flyer.pdf")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    figures = [
        (
            re.search(r"<figcaption[^>]*>([^:]*):", figure).group(1),
            figure.count('<image href="data:image/jpeg;base64,'),
            re.findall(r"<title>event 1: (\w+)</title>", figure),
        )
        for figure in re.findall(r'<figure class="poster">.*?</figure>', page, re.S)
    ]
    assert figures == [
        ("Page 1 of 2 of the PDF", 1, ["start"] * 4 + ["time"] + ["title"] * 4),
        ("Page 2 of 2 of the PDF", 1, ["venue"] * 9),
    ]


def test_organiser_uploads_a_mixed_pdf_and_sees_each_page_read_its_own_way(signed_in):
    """The first page has a text layer, the second is a scan (A4 at 150 dpi): each is shown with
    the words read on it outlined, and the note says which page OCR read."""
    scan = draw_poster([("The Lamb Inn, 4 Mill Road, Norwich NR2 4AB", 25)])
    pdf = text_pdf(
        [[("Books and Beer Night", 32), ("Friday 12 June 2026, doors 7.30pm", 14)], scan]
    )
    page = upload(signed_in, pdf, "flyer.pdf").get_data(as_text=True)
    assert re.findall(r'<p class="note">([^<]*)</p>', page) == [
        "Page 2 of 2 is scanned: it was read by OCR",
        "Highlighted words are where each field came from.",
    ]
    assert figures_of(page) == [
        ("Page 1 of 2 of the PDF", 1, ["start"] * 4 + ["time"] + ["title"] * 4),
        ("Page 2 of 2 of the PDF", 1, ["venue"] * 9),
    ]


def test_organiser_uploads_a_sideways_poster_and_sees_it_upright_with_its_outlines(signed_in):
    page = upload(signed_in, png(turned(draw_poster(POSTER_TOP), 90)), "photo.png")
    page = page.get_data(as_text=True)
    assert re.findall(r'<p class="note">([^<]*)</p>', page) == [
        "The poster was turned a quarter turn anticlockwise to be read upright",
        "Highlighted words are where each field came from.",
    ]
    assert re.findall(r'<svg viewBox="([^"]*)"', page) == ["0 0 1240 1754"]
    assert figures_of(page) == [
        (
            "The poster",
            1,
            ["start"] * 4 + ["time"] + ["title"] * 4 + ["venue"] * 9 + ["speaker"] * 2,
        )
    ]


def figures_of(page: str) -> list[tuple[str, int, list[str]]]:
    """Each picture on the review page: its caption (to the colon), how many images it draws
    (one), and the fields its outlines are labelled with, in order."""
    return [
        (
            re.search(r"<figcaption[^>]*>([^:]*):", figure).group(1),
            figure.count('<image href="data:image/jpeg;base64,'),
            re.findall(r"<title>event 1: (\w+)</title>", figure),
        )
        for figure in re.findall(r'<figure class="poster">.*?</figure>', page, re.S)
    ]


ATTACHED = {
    "poster": (
        (png(draw_poster(POSTER_TOP)), "image", "png", "books-night.png"),
        [
            (
                "books-night.png, attached to the e-mail",
                1,
                ["start"] * 4 + ["time"] + ["title"] * 4 + ["venue"] * 9 + ["speaker"] * 2,
            )
        ],
    ),
    "two-page-pdf": (
        (
            text_pdf(
                [
                    [("Books and Beer Night", 32), ("Friday 12 June 2026, doors 7.30pm", 14)],
                    [("The Lamb Inn, 4 Mill Road, Norwich NR2 4AB", 12)],
                ]
            ),
            "application",
            "pdf",
            "flyer.pdf",
        ),
        [
            (
                "Page 1 of 2 of flyer.pdf, attached to the e-mail",
                1,
                ["start"] * 4 + ["time"] + ["title"] * 4,
            ),
            ("Page 2 of 2 of flyer.pdf, attached to the e-mail", 1, ["venue"] * 9),
        ],
    ),
}


@pytest.mark.parametrize(("attachment", "expected"), ATTACHED.values(), ids=ATTACHED.keys())
def test_organiser_uploads_an_email_and_sees_its_attached_poster_with_the_outlines(
    signed_in, attachment, expected
):
    """The message's own text names no event: its fields are read from the attachment and
    outlined there, on each page of it (the message's own words have no boxes to outline)."""
    message = email(body="Poster attached, please share.", subject="Books", attachment=attachment)
    page = upload(signed_in, message, "message.eml").get_data(as_text=True)
    fields = review_form(page)
    assert (fields["e0-title"], fields["e0-start_date"], fields["e0-start_time"]) == (
        "Books and Beer Night",
        "2026-06-12",
        "19:30",
    )
    assert figures_of(page) == expected


def test_organiser_upload_may_be_larger_than_the_site_wide_limit(signed_in):
    # 3 MB: over the 1 MiB limit for other forms, under the 10 MB one for files.
    poster = png(draw_poster(POSTER_TOP)) + b"\x00" * (3 * 1024 * 1024)
    response = upload(signed_in, poster, "big.png")
    assert response.status_code == 200
    assert 'value="Books and Beer Night"' in response.get_data(as_text=True)


def test_organiser_uploads_an_email(signed_in):
    response = upload(signed_in, email(body=ARTICLE_TEXT), "message.eml")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert (
        "Read from an e-mail: sam@union.example · Arise festival this weekend, sent 2018-07-24"
        in page
    )
    assert page.count('<fieldset class="draft">') == 3


def test_organiser_uploads_an_email_with_a_calendar_file(signed_in):
    message = email(
        body="Our dates are attached.",
        attachment=(invitation_ics(), "text", "calendar", "dates.ics"),
    )
    page = upload(signed_in, message, "message.eml").get_data(as_text=True)
    fields = review_form(page)
    drafts = [
        (fields[f"e{n}-title"], fields[f"e{n}-start_date"], fields[f"e{n}-start_time"])
        for n in range(int(fields["count"]))
    ]
    assert drafts == [
        ("Casework clinic", "2027-01-06", "12:00"),
        ("Casework clinic", "2027-01-13", "12:00"),
        ("Casework clinic", "2027-01-20", "12:00"),
        ("Branch annual general meeting", "2027-04-15", "18:30"),
        ("Weekend school", "2027-05-01", ""),
    ]


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 64, 415, "This file is not one this site reads"),
        (b"x" * (10 * 1024 * 1024 + 200 * 1024), 413, ""),
        (png(draw_poster([("", 10)])), 422, "No text could be read from the image"),
    ],
    ids=["zip", "too-large", "blank-image"],
)
def test_organiser_bad_uploads_are_refused(signed_in, data, status, message):
    response = upload(signed_in, data, "file.png")
    assert response.status_code == status
    assert message in response.get_data(as_text=True)


def test_cli_parse_url_with_the_setting(pages, monkeypatch, tmp_path):
    monkeypatch.setenv("FETCH_ALLOWED_HOSTS", "127.0.0.1")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'events.db'}")
    result = CliRunner().invoke(cli, ["parse", "--url", pages.url("/news/honduras")])
    assert result.exit_code == 0, result.output
    assert starts(json.loads(result.output)["events"]) == SEED_STARTS


def test_cli_parse_url_refused_without_the_setting(pages, monkeypatch, tmp_path):
    monkeypatch.delenv("FETCH_ALLOWED_HOSTS", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'events.db'}")
    result = CliRunner().invoke(cli, ["parse", "--url", pages.url("/news/honduras")])
    assert (result.exit_code, result.output) == (
        1,
        "Error: Address not allowed: pages can only be fetched from public internet addresses\n",
    )


@pytest.mark.parametrize(
    ("data", "titles"),
    [
        (lambda: png(draw_poster(POSTER_TOP)), ["Books and Beer Night"]),
        (
            lambda: email(
                body="Poster night",
                attachment=(png(draw_poster(POSTER_TOP)), "image", "png", "p.png"),
            ),
            ["Books and Beer Night"],
        ),
        (
            lambda: email(
                body="Save the date",
                attachment=(invitation_ics(repeating=False), "text", "calendar", "d.ics"),
            ),
            ["Branch annual general meeting"],
        ),
        (
            lambda: text_pdf(
                [[("Books and Beer Night", 32)], [("Friday 12 June 2026, 7.30pm", 14)]]
            ),
            ["Books and Beer Night"],
        ),
        (
            news_page,
            [
                "Session on Latin America",
                "Opening rally for Arise",
                "Arise — A Festival of Labour’s Left Ideas",
            ],
        ),
    ],
    ids=["poster", "email-with-poster", "email-with-calendar-file", "pdf", "saved-page"],
)
def test_cli_parse_reads_files_by_content_not_name(tmp_path, monkeypatch, data, titles):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'events.db'}")
    path = tmp_path / "notes.txt"
    path.write_bytes(data())
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    assert [e["title"] for e in json.loads(result.output)["events"]] == titles


def test_cli_parse_refuses_a_file_it_cannot_read_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'events.db'}")
    path = tmp_path / "poster.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert (result.exit_code, result.output) == (
        1,
        "Error: The image could not be read (it is damaged or not an image)\n",
    )
