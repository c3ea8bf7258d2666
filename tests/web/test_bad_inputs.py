"""Every row of ../shared/design/bad-inputs.md (and a few more) through the real endpoints:
the status, the message a person reads, and that nothing was stored or changed."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import icalendar
import pytest
from markupsafe import escape
from PIL import Image
from pypdf import PdfWriter

from events_app.domain import EventFilter
from events_app.fetch import Fetcher
from events_app.store import repository
from tests.builders import event
from tests.conftest import NOW
from tests.ingest.material import many_parts_email, nested_email
from tests.web.organiser_helpers import csrf_of

FORM = {
    "title": "Branch meeting",
    "start_date": "2027-03-12",
    "start_time": "19:00",
    "end_date": "",
    "end_time": "21:00",
    "timezone": "Europe/London",
    "venues": "Conway Hall; 25 Red Lion Square; WC1R 4RL; London",
    "speakers": "",
    "url": "",
    "tickets": "",
    "price": "",
    "description": "",
    "tags": "",
    "recurrence": "",
}


@dataclass
class Context:
    client: Any
    event_id: int
    slug: str
    version: str

    def token(self) -> str:
        return csrf_of(self.client.get("/organiser/").get_data(as_text=True))

    def paste(self, text: str = "", **fields: str):
        data = {"text": text, "timezone": "Europe/London", "reference_date": "2026-11-28"}
        return self.client.post(
            "/organiser/new", data={**data, **fields, "csrf_token": self.token()}
        )

    def publish(self, count: str = "1", **fields: str):
        values = {f"e0-{k}": v for k, v in {**FORM, **fields}.items()}
        return self.client.post(
            "/organiser/publish",
            data={
                **values,
                "e0-include": "on",
                "count": count,
                "action": "publish",
                "text": "",
                "csrf_token": self.token(),
            },
        )

    def edit(self, **fields: str):
        return self.client.post(
            f"/organiser/events/{self.event_id}/edit",
            data={**FORM, **fields, "version": self.version, "csrf_token": self.token()},
        )

    def raw_form(self, path: str, body: bytes):
        token = self.token().encode()
        return self.client.post(
            path,
            data=body + b"&csrf_token=" + token,
            content_type="application/x-www-form-urlencoded",
        )

    def upload(self, data: bytes, filename: str = "poster.png"):
        """A file posted to the organiser page's upload form, as a browser sends it."""
        boundary = "----bad-input-boundary"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                f"{self.token()}\r\n--{boundary}\r\nContent-Disposition: form-data; "
                f'name="file"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.client.post(
            "/organiser/new/file",
            data=body,
            content_type=f"multipart/form-data; boundary={boundary}",
        )

    def link(self, url: str):
        self.client.application.extensions["calendar_fetcher"] = Fetcher(connect=_no_connection)
        return self.client.post(
            "/organiser/new/link", data={"url": url, "csrf_token": self.token()}
        )

    def import_url(self, url: str):
        self.client.application.extensions["calendar_fetcher"] = Fetcher(connect=_no_connection)
        return self.client.post("/organiser/import/", data={"url": url, "csrf_token": self.token()})


def _no_connection(address, timeout):
    raise AssertionError(f"a connection to {address} was opened")


def _lines(count: int) -> str:
    return "\n".join(["Meeting 12 Mar 7pm"] * count)  # under the paste's 200,000 characters


Row = tuple[str, Any, int, str]

PASTED: list[Row] = [
    ("body over 1 MiB", lambda c: c.paste("a" * (1024 * 1024 + 10)), 413, "larger than"),
    ("over 10,000 lines", lambda c: c.paste(_lines(10_001)), 422, "10,000 lines"),
    ("one 100,000-character token", lambda c: c.paste("x" * 100_000), 422, "No event found"),
    ("question marks", lambda c: c.paste("?" * 100_000 + "x"), 422, "No event found"),
    ("empty", lambda c: c.paste(""), 422, "No event found in the text"),
    ("only spaces", lambda c: c.paste("   \n\t "), 422, "No event found in the text"),
    ("a NUL byte", lambda c: c.paste("Meeting\x00 on 12 March 2027"), 400, "NUL"),
    (
        "a NUL byte in a login",
        lambda c: c.client.post(
            "/login",
            data={"email": "\x00", "password": "x\x00", "csrf_token": c.token()},
        ),
        400,
        "Text must not contain NUL characters",
    ),
    (
        "a NUL byte in a publish form",
        lambda c: c.publish(venues="Hall\x00"),
        400,
        "Text must not contain NUL characters",
    ),
    (
        "bytes that are not UTF-8",
        lambda c: c.raw_form("/organiser/new", b"text=Meeting+%FF%FE+on+12+March"),
        400,
        "Text must be UTF-8",
    ),
]

DATES: list[Row] = [
    ("30 February", lambda c: c.publish(start_date="2027-02-30"), 422, "Start date must be a date"),
    ("31 April", lambda c: c.publish(start_date="2027-04-31"), 422, "Start date must be a date"),
    (
        "30 February pasted",
        lambda c: c.paste("Public meeting on 30 February 2027 at 7pm at Conway Hall."),
        422,
        "30 February 2027 is not a real date",
    ),
    ("25:00", lambda c: c.publish(start_time="25:00"), 422, "Start time must be a time of day"),
    (
        "a time the clocks skip",
        lambda c: c.publish(start_date="2027-03-28", start_time="01:30", end_time=""),
        422,
        "01:30 on 28 March 2027 does not exist in Europe/London",
    ),
    (
        "an end before the start",
        lambda c: c.publish(start_time="19:00", end_time="18:00"),
        422,
        "The end (18:00) is before the start (19:00)",
    ),
    (
        "an end before the start on the same given day",
        lambda c: c.publish(start_time="19:00", end_time="18:00", end_date="2027-03-12"),
        422,
        "The end must not be before the start",
    ),
    (
        "an unknown zone in a form",
        lambda c: c.publish(timezone="Mars/Olympus_Mons"),
        400,
        "Unknown time zone",
    ),
    (
        "an unknown zone for a paste",
        lambda c: c.paste("Meeting on 12 March 2027 at 7pm.", timezone="Atlantis/Capital"),
        400,
        "Unknown time zone",
    ),
]

LIMITS: list[Row] = [
    *[
        (
            f"a start on {day}",
            lambda c, day=day: c.publish(start_date=day),
            422,
            "years 1900 and 2200",
        )
        for day in ("9998-06-01", "0001-01-01", "1899-12-31", "2201-01-01")
    ],
    (
        "the last day datetime can hold, all day",
        lambda c: c.publish(start_date="9999-12-31", start_time="", end_time=""),
        422,
        "Start date must be between the years 1900 and 2200",
    ),
    (
        "an end in year 9999",
        lambda c: c.publish(end_date="9999-12-31"),
        422,
        "End date must be between the years 1900 and 2200",
    ),
    (
        "an edit to year 1",
        lambda c: c.edit(start_date="0001-01-01"),
        422,
        "years 1900 and 2200",
    ),
    (
        "a paste read against year 9999",
        lambda c: c.paste("Meeting on 12 March at 7pm.", reference_date="9999-12-31"),
        422,
        "The reference date must be between the years 1900 and 2200",
    ),
    (
        "a parse read against year 1",
        lambda c: c.client.post(
            "/api/v1/parse",
            json={"text": "Meeting on 1 January at 7pm.", "reference_date": "0001-01-01"},
        ),
        422,
        "The reference date must be between the years 1900 and 2200",
    ),
    *[
        (f"repeat {rule!r}", lambda c, rule=rule: c.publish(recurrence=rule), 422, message)
        for rule, message in (
            ("FREQ=FOO", "Repeat rule not understood (invalid 'FREQ': FOO)"),
            ("FREQ", "each part must be NAME=VALUE, and FREQ is required"),
            ("every other week", "each part must be NAME=VALUE, and FREQ is required"),
            ("FREQ=WEEKLY;BYDAY=XX", "invalid 'BYDAY': XX"),
            ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY must be between 1 and 31, not 32"),
            ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be between 1 and 1000, not 0"),
            ("FREQ=SECONDLY", "repeats too often"),
            ("FREQ=WEEKLY;" + "BYDAY=MO;" * 60, "Repeat rule is too long: at most 500"),
            # Rules whose parts never meet: dateutil, like the calendars reading the feed,
            # would look for their first date period by period until the year 9999.
            ("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31", "Repeat rule names no date that exists"),
            ("FREQ=DAILY;BYYEARDAY=100;BYMONTH=12", "Repeat rule names no date that exists"),
            ("FREQ=DAILY;BYDAY=TH;BYSETPOS=3", "Repeat rule takes too long to work out"),
            ("FREQ=DAILY;BYWEEKNO=2;BYMONTH=8;WKST=SU", "Repeat rule takes too long to work out"),
            (
                "FREQ=DAILY;BYDAY=FR;BYMONTHDAY=8,9,10;BYSETPOS=2",
                "Repeat rule takes too long to work out",
            ),
            ("FREQ=WEEKLY;UNTIL=20000101T000000Z", "Repeat rule gives no date from the event's"),
        )
    ],
    (
        "a repeat whose parts never meet, on edit",
        lambda c: c.edit(recurrence="FREQ=DAILY;BYDAY=SU;BYSETPOS=-2"),
        422,
        "Repeat rule takes too long to work out (FREQ=DAILY;BYDAY=SU;BYSETPOS=-2)",
    ),
    (
        "a 600-character repeat on edit",
        lambda c: c.edit(recurrence="FREQ=DAILY;" + "X" * 600),
        422,
        "Repeat rule is too long: at most 500 characters",
    ),
    (
        "21 tags",
        lambda c: c.publish(tags=", ".join(f"tag{n}" for n in range(21))),
        422,
        "Too many tags: at most 20 per event",
    ),
    ("a 51-character tag", lambda c: c.publish(tags="t" * 51), 422, "Tag is too long: at most 50"),
    (
        "a Unicode digit count",
        lambda c: c.publish(count="²"),
        400,
        "count must be a whole number from 0 to 50",
    ),
    (
        "a paste over 200,000 characters",
        lambda c: c.paste("Meeting on 12 March 2027 at 7pm. " * 6100),
        413,
        "The text is too long: at most 200,000 characters",
    ),
    (
        "a parse over 200,000 characters",
        lambda c: c.client.post("/api/v1/parse", json={"text": "Meeting at 7pm. " * 12600}),
        413,
        "The text is too long: at most 200,000 characters",
    ),
    (
        "a publish carrying 200,001 characters of source",
        lambda c: c.client.post(
            "/organiser/publish",
            data={
                **{f"e0-{k}": v for k, v in FORM.items()},
                "e0-include": "on",
                "count": "1",
                "action": "publish",
                "text": "x" * 200_001,
                "csrf_token": c.token(),
            },
        ),
        413,
        "The text is too long: at most 200,000 characters",
    ),
]

FORMS: list[Row] = [
    ("a 10,000-character title", lambda c: c.publish(title="T" * 10_000), 422, "at most 300"),
    ("an empty title", lambda c: c.publish(title="  "), 422, "Title is required"),
    (
        "a 30,000-character description",
        lambda c: c.publish(description="d" * 30_000),
        422,
        "Description is too long: at most 20,000 characters",
    ),
    *[
        (f"link {link}", lambda c, link=link: c.publish(url=link), 422, "Link must start with")
        for link in (
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example/",
        )
    ],
    (
        "a javascript: ticket link",
        lambda c: c.publish(tickets=" javascript:alert(1)"),
        422,
        "Link must start with",
    ),
    (
        "a stale edit",
        lambda c: c.client.post(
            f"/organiser/events/{c.event_id}/edit",
            data={**FORM, "version": "0:stale", "csrf_token": c.token()},
        ),
        409,
        "changed",
    ),
    ("a bad title on edit", lambda c: c.edit(title="T" * 400), 422, "at most 300"),
    ("/events/abc", lambda c: c.client.get("/events/abc"), 404, "There is no page"),
    (
        "/events/99999999999999999999",
        lambda c: c.client.get("/events/99999999999999999999"),
        404,
        "There is no page",
    ),
    (
        "/organiser/events/99999999999999999999/edit",
        lambda c: c.client.get("/organiser/events/99999999999999999999/edit"),
        404,
        "There is no page",
    ),
]

TOKENLESS = [
    "/login",
    "/logout",
    "/organiser/new",
    "/organiser/publish",
    "/organiser/import/",
    "/organiser/events/{id}/edit",
    "/organiser/events/{id}/publish",
    "/organiser/events/{id}/cancel",
    "/organiser/events/{id}/restore",
    "/organiser/events/{id}/delete",
]
CSRF: list[Row] = [
    *[
        (
            f"no token on {path}",
            lambda c, path=path: c.client.post(path.format(id=c.event_id), data=FORM),
            400,
            "did not come from this site",
        )
        for path in TOKENLESS
    ],
    *[
        (
            f"a wrong token on {path}",
            lambda c, path=path: c.client.post(
                path.format(id=c.event_id), data={**FORM, "csrf_token": "forged"}
            ),
            400,
            "did not come from this site",
        )
        for path in TOKENLESS
    ],
]

QUERIES: list[Row] = [
    (
        "?from=2026-13-45",
        lambda c: c.client.get("/api/v1/events?from=2026-13-45"),
        400,
        "from must be a date, YYYY-MM-DD",
    ),
    ("?limit=-1", lambda c: c.client.get("/api/v1/events?limit=-1"), 400, "limit must be"),
    (
        "?limit=1000000000",
        lambda c: c.client.get("/api/v1/events?limit=1000000000"),
        400,
        "limit must be",
    ),
    ("?q=%00", lambda c: c.client.get("/search?q=%00"), 400, "q"),
    ("?q=%00 in the API", lambda c: c.client.get("/api/v1/events?q=%00"), 400, "q"),
    ("?from=2026-13-45 on .ics", lambda c: c.client.get("/events.ics?from=x"), 400, "from must"),
]

IMPORTS: list[Row] = [
    (
        "http://[::ffff:127.0.0.1]/",
        lambda c: c.import_url("http://[::ffff:127.0.0.1]/"),
        422,
        "Address not allowed",
    ),
    ("webcal://localhost/", lambda c: c.import_url("webcal://localhost/"), 422, "not allowed"),
    (
        "cloud metadata",
        lambda c: c.import_url("http://169.254.169.254/latest/meta-data/"),
        422,
        "Address not allowed",
    ),
    ("file:///etc/passwd", lambda c: c.import_url("file:///etc/passwd"), 422, "must start with"),
]


def _pdf(pages: int, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image_pdf(size: tuple[int, int]) -> bytes:
    """A PDF of one black-and-white page image of `size` pixels (a few kilobytes)."""
    out = io.BytesIO()
    Image.new("1", size, 1).save(out, format="PDF")
    return out.getvalue()


def _image(size: tuple[int, int], mode: str = "L") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 255 if mode == "L" else 1).save(out, format="PNG")
    return out.getvalue()


INGEST: list[Row] = [
    ("a decompression-bomb image", lambda c: c.upload(_image((8000, 6000), "1")), 413, "too large"),
    ("an image with no text", lambda c: c.upload(_image((300, 200))), 422, "No text could be read"),
    ("a broken image", lambda c: c.upload(b"\x89PNG\r\n\x1a\nbroken"), 422, "could not be read"),
    ("an encrypted PDF", lambda c: c.upload(_pdf(1, "pw"), "a.pdf"), 422, "The PDF is encrypted"),
    ("a PDF of 21 pages", lambda c: c.upload(_pdf(21), "a.pdf"), 413, "at most 20 are read"),
    ("a broken PDF", lambda c: c.upload(b"%PDF-1.4\n1 0 obj <<", "a.pdf"), 422, "damaged"),
    ("a PDF with no text", lambda c: c.upload(_pdf(1), "a.pdf"), 422, "No text could be read"),
    (
        "a PDF holding a decompression-bomb image",
        lambda c: c.upload(_image_pdf((8000, 6000)), "a.pdf"),
        413,
        "A page image is too large",
    ),
    ("an archive", lambda c: c.upload(b"PK\x03\x04" + b"\0" * 64, "a.zip"), 415, "not one this"),
    ("a file over 10 MB", lambda c: c.upload(b"x" * (11 * 1024 * 1024)), 413, "larger than"),
    (
        "an e-mail with broken MIME",
        lambda c: c.upload(
            b"From: a@b.example\nSubject: x\nContent-Type: multipart/mixed\n\nno boundary",
            "m.eml",
        ),
        422,
        "MIME structure is broken",
    ),
    (
        "an e-mail in an unknown charset",
        lambda c: c.upload(
            b"From: a@b.example\nSubject: x\nContent-Type: text/plain; charset=x-nope\n\nhi",
            "m.eml",
        ),
        422,
        "unknown character set: x-nope",
    ),
    (
        "an e-mail nested 8 levels deep",
        lambda c: c.upload(nested_email(8), "m.eml"),
        413,
        "nested more than 5 levels deep",
    ),
    (
        "an e-mail of 60 parts",
        lambda c: c.upload(many_parts_email(60), "m.eml"),
        413,
        "more than 50 parts",
    ),
    ("a link to a private address", lambda c: c.link("http://10.0.0.1/news"), 422, "not allowed"),
    ("a link to a file", lambda c: c.link("file:///etc/passwd"), 422, "must start with"),
    (
        "a link to loopback through the API",
        lambda c: c.client.post("/api/v1/parse", json={"url": "http://[::1]/"}),
        422,
        "Address not allowed",
    ),
]

HEADERS: list[Row] = [
    (
        "a Host header for another site",
        lambda c: c.client.get("/", headers={"Host": "evil.example"}),
        400,
        "does not answer to that host name",
    ),
    (
        "a Host header for another site on a feed",
        lambda c: c.client.get("/events.ics", headers={"Host": "evil.example:443"}),
        400,
        "does not answer to that host name",
    ),
    (
        "a JSON endpoint sent text/plain",
        lambda c: c.client.post(
            "/api/v1/parse", data="Meeting on 12 March", content_type="text/plain"
        ),
        415,
        "Content-Type: application/json",
    ),
    (
        "a JSON endpoint sent a form",
        lambda c: c.client.post("/api/v1/parse", data={"text": "Meeting on 12 March"}),
        415,
        "application/json",
    ),
    (
        "a JSON endpoint sent JSON that is not an object",
        lambda c: c.client.post("/api/v1/parse", json=["Meeting"]),
        400,
        "must be a JSON object with",
    ),
]

ROWS = PASTED + DATES + LIMITS + FORMS + CSRF + QUERIES + IMPORTS + INGEST + HEADERS


@pytest.fixture
def context(signed_in, app_session, store_events, organiser) -> Context:
    [stored] = store_events(
        event("Existing meeting", start=NOW + timedelta(days=3), owner_id=organiser.id)
    )
    page = signed_in.get(f"/organiser/events/{stored.id}/edit").get_data(as_text=True)
    version = re.search(r'name="version" value="([^"]+)"', page).group(1)
    return Context(signed_in, stored.id, stored.slug, version)


def snapshot(app_session) -> tuple[int, list[tuple[str, int, str]]]:
    app_session.rollback()
    events = repository.list_events(app_session, EventFilter(include_drafts=True))
    return repository.data_version(app_session), [(e.title, e.sequence, e.status) for e in events]


@pytest.mark.parametrize(
    ("send", "status", "message"),
    [pytest.param(send, status, message, id=name) for name, send, status, message in ROWS],
)
def test_bad_input_gets_a_clear_answer_and_changes_nothing(
    context, app_session, send, status, message
):
    before = snapshot(app_session)

    response = send(context)

    body = response.get_data(as_text=True)
    assert response.status_code == status, body[:500]
    assert message in body.replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"')
    for leak in ("Traceback", "sqlalchemy", "SELECT ", "werkzeug", "psycopg"):
        assert leak not in body
    assert snapshot(app_session) == before


def test_every_kind_in_the_design_list_has_rows():
    kinds = {
        "pasted": PASTED,
        "dates": DATES,
        "limits": LIMITS,
        "forms": FORMS,
        "csrf": CSRF,
        "queries": QUERIES,
        "imports": IMPORTS,
        "ingest": INGEST,
        "headers": HEADERS,
    }
    assert all(len(rows) >= 4 for rows in kinds.values())
    assert len({name for name, *_ in ROWS}) == len(ROWS)


HOSTILE_TITLES = [
    "Fête 🎉 تجمع 集会 in Leeds",
    "<script>alert(1)</script>",
    "Talk <img src=x onerror=alert(1)>",
    "Party\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:evil",
    "'; DROP TABLE events;--",
    "{{7*7}} {{config}}",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_text_that_looks_like_code_is_stored_and_shown_as_text(context, app_session, title):
    """The rows whose answer is "accepted": published through the form, then read back from
    the page, the JSON API and the .ics feed exactly as typed, never run or interpreted."""
    clean = " ".join(title.split())
    response = context.publish(title=title, start_date="2027-03-12", start_time="19:00")
    assert response.status_code == 302

    app_session.rollback()
    [stored] = [
        e
        for e in repository.list_events(app_session, EventFilter(include_drafts=True))
        if e.title != "Existing meeting"
    ]
    page = context.client.get(f"/events/{stored.slug}").get_data(as_text=True)
    api = context.client.get(f"/api/v1/events/{stored.slug}").get_json()
    feed = icalendar.Calendar.from_ical(context.client.get("/events.ics").data)

    assert stored.title in (title, clean)
    assert re.search(r"<h1>(.*?)</h1>", page, re.S).group(1) == str(escape(stored.title))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert api["title"] == stored.title
    assert [str(v["SUMMARY"]) for v in feed.walk("VEVENT")].count(stored.title) == 1
    assert len(feed.walk("VEVENT")) == 2
    assert repository.count_events(app_session, EventFilter(include_drafts=True)) == 2


def test_a_weekday_that_fits_no_year_is_a_warning_on_the_draft(context):
    response = context.paste("Rally on Saturday 27 July at 2pm at Student Central, WC1E.")

    assert response.status_code == 200
    assert "no year near 2026 has 27 July on a Saturday" in response.get_data(as_text=True)


def test_a_jsonp_callback_is_ignored(context):
    response = context.client.get("/api/v1/events?callback=alert(1)//")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert not response.get_data(as_text=True).startswith("alert")


def test_the_current_etag_gets_304_and_no_body(context):
    first = context.client.get("/events.ics")

    again = context.client.get("/events.ics", headers={"If-None-Match": first.headers["ETag"]})

    assert (again.status_code, again.data) == (304, b"")
