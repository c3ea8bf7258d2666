"""Importing a calendar through the organiser area: drafts, re-import by UID, and refusals."""

from __future__ import annotations

import socket

import icalendar
import pytest

from events_app import accounts
from events_app.domain import EventFilter, Role
from events_app.fetch import Fetcher
from events_app.store import repository
from tests.calendar_server import SMALL_CALENDAR, CalendarServer
from tests.conftest import NOW
from tests.html_reader import alerts
from tests.web.organiser_helpers import PASSWORD, csrf_of, press, sign_in


def upload(client, data: bytes, filename: str = "events.ics"):
    """Post the file as a browser would; the body is built here because the test client's own
    encoder leaves a temporary file open for large uploads."""
    token = csrf_of(client.get("/organiser/import/").get_data(as_text=True))
    boundary = "----events-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="calendar"; '
            f'filename="{filename}"\r\nContent-Type: text/calendar\r\n\r\n'
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        "/organiser/import/",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def import_url(client, url: str):
    token = csrf_of(client.get("/organiser/import/").get_data(as_text=True))
    return client.post("/organiser/import/", data={"csrf_token": token, "url": url})


def stored(app_session):
    app_session.rollback()
    return repository.list_events(app_session, EventFilter(include_drafts=True))


def test_an_uploaded_calendar_arrives_as_drafts(signed_in, app_session, client):
    response = upload(signed_in, SMALL_CALENDAR)

    assert response.status_code == 302
    [event] = stored(app_session)
    assert event.title == "Housing co-ops: a public meeting"
    assert event.uid == "talk-1@elsewhere.example"
    assert not event.published
    dashboard = signed_in.get("/organiser/").get_data(as_text=True)
    assert alerts(dashboard) == ["Imported: 1 new draft, 0 updated, 0 unchanged."]
    assert b"Housing co-ops" not in client.get("/events.ics").data


def test_importing_again_updates_instead_of_duplicating(signed_in, app_session):
    upload(signed_in, SMALL_CALENDAR)
    [first] = stored(app_session)
    press(signed_in, f"/organiser/events/{first.id}/publish")

    upload(signed_in, SMALL_CALENDAR)
    assert alerts(signed_in.get("/organiser/").get_data(as_text=True)) == [
        "Imported: 0 new drafts, 0 updated, 1 unchanged."
    ]
    upload(signed_in, SMALL_CALENDAR.replace(b"T190000", b"T183000"))

    [event] = stored(app_session)
    assert event.id == first.id
    assert event.published
    assert event.sequence == first.sequence + 1
    feed = icalendar.Calendar.from_ical(signed_in.get("/events.ics").data)
    [vevent] = feed.walk("VEVENT")
    assert vevent["UID"] == "talk-1@elsewhere.example"
    assert vevent.decoded("DTSTART").hour == 18


def test_another_organisers_event_is_left_alone_and_never_named(client, signed_in, app_session):
    """The same UID from a second organiser makes that organiser's own draft: the first one's
    event is untouched, and nothing of it (not even its title) reaches the second."""
    upload(signed_in, SMALL_CALENDAR)
    signed_in.post("/logout", data={"csrf_token": csrf_of(signed_in.get("/").get_data(True))})
    other = accounts.create_user(app_session, "other@example.org", PASSWORD, Role.ORGANISER, NOW)
    sign_in(client, "other@example.org")

    upload(client, SMALL_CALENDAR.replace(b"Housing", b"Hijacked"))

    titles = sorted((e.owner_id == other.id, e.title[:8]) for e in stored(app_session))
    assert titles == [(False, "Housing "), (True, "Hijacked")]
    dashboard = client.get("/organiser/").get_data(as_text=True)
    assert alerts(dashboard) == ["Imported: 1 new draft, 0 updated, 0 unchanged."]
    assert "Housing" not in dashboard


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (b"\x00\x01\x02garbage", 422, "Not a valid iCalendar file"),
        (SMALL_CALENDAR[:120], 422, "Not a valid iCalendar file"),
        (b"", 422, "Choose a calendar file or give its address"),
        (b"X" * (6 * 1024 * 1024), 413, "larger than"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(signed_in, app_session, data, status, message):
    response = upload(signed_in, data, filename="events.ics" if data else "")

    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert stored(app_session) == []


def test_too_many_events_names_the_limit(app, signed_in, app_session):
    app.config["IMPORT_MAX_EVENTS"] = 2
    events = b"".join(
        b"BEGIN:VEVENT\r\nUID:%d@x\r\nDTSTART:20261201T100000Z\r\nSUMMARY:E\r\nEND:VEVENT\r\n" % i
        for i in range(3)
    )

    response = upload(signed_in, b"BEGIN:VCALENDAR\r\n" + events + b"END:VCALENDAR\r\n")

    assert response.status_code == 422
    assert "at most 2 can be imported" in response.get_data(as_text=True)
    assert stored(app_session) == []


def test_a_private_address_is_refused_without_connecting(app, signed_in, app_session):
    attempts = []

    def connect(address, timeout):
        attempts.append(address)
        raise AssertionError("no connection may be opened")

    app.extensions["calendar_fetcher"] = Fetcher(connect=connect)

    for url in ("http://[::ffff:127.0.0.1]/", "webcal://localhost/", "http://169.254.169.254/"):
        response = import_url(signed_in, url)
        assert response.status_code == 422
        assert "Address not allowed" in response.get_data(as_text=True)
    assert attempts == []
    assert stored(app_session) == []


def test_a_calendar_is_imported_from_its_address(app, signed_in, app_session):
    with CalendarServer() as server:
        app.extensions["calendar_fetcher"] = Fetcher(
            resolve=lambda host, port: ["127.0.0.1"],
            address_allowed=lambda address: address == "127.0.0.1",
            connect=socket.create_connection,
        )
        response = import_url(signed_in, f"webcal://calendar.test:{server.port}/calendar.ics")

    assert response.status_code == 302
    assert [e.title for e in stored(app_session)] == ["Housing co-ops: a public meeting"]


def test_the_import_page_needs_signing_in(client):
    assert client.get("/organiser/import/").status_code == 302


def test_a_calendar_over_one_mebibyte_but_under_the_limit_is_imported(signed_in, app_session):
    """The README promises 5 MB; the site-wide 1 MiB request limit must not cut it short."""
    description = "DESCRIPTION:" + "x" * 70 + "\r\n"
    events = b"".join(
        (
            f"BEGIN:VEVENT\r\nUID:{i}@x\r\nDTSTART:20261201T100000Z\r\nSUMMARY:E{i}\r\n"
            + description * 100
            + "END:VEVENT\r\n"
        ).encode()
        for i in range(200)
    )
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n" + events + b"END:VCALENDAR\r\n"
    assert 1024 * 1024 < len(data) < 5 * 1024 * 1024

    response = upload(signed_in, data)

    assert response.status_code == 302
    assert len(stored(app_session)) == 200


@pytest.mark.parametrize(
    "rule",
    ["FREQ=DAILY;BYDAY=MO;BYSETPOS=2", "FREQ=DAILY;BYWEEKNO=1;BYMONTH=6;WKST=SU"],
)
def test_a_rule_that_outlasts_the_import_budget_is_refused_naming_its_series(
    app, signed_in, app_session, rule
):
    """dateutil would search such a rule's dates for tens of seconds: the request ends when
    the budget does, with the series named and nothing stored."""
    app.config["IMPORT_BUDGET_SECONDS"] = 1.0
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n"
        "BEGIN:VEVENT\r\nUID:ok@x\r\nDTSTART:20261201T100000Z\r\nSUMMARY:Plain talk\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:never@x\r\nDTSTART:20261201T090000Z\r\n"
        f"RRULE:{rule}\r\nSUMMARY:Book club\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()

    response = upload(signed_in, data)

    assert response.status_code == 422
    page = response.get_data(as_text=True).replace("&#34;", '"')
    assert (
        "Nothing was imported: working out the dates of “Book club” took longer than 1 "
        f"seconds (its repeat rule RRULE:{rule} may never meet a real date)"
    ) in page
    assert stored(app_session) == []


def test_two_versions_of_one_uid_store_the_later_with_a_note(signed_in, app_session):
    """An iTIP file may carry every SEQUENCE of an event: the web import stores the latest
    once (it used to answer 409, 'saved by someone else at the same moment')."""

    def version(sequence: int, title: str) -> str:
        return (
            f"BEGIN:VEVENT\r\nUID:v@x\r\nSEQUENCE:{sequence}\r\nDTSTART:20261201T100000Z\r\n"
            f"SUMMARY:{title}\r\nEND:VEVENT\r\n"
        )

    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n"
        + version(2, "Moved meeting")
        + version(1, "First meeting")
        + "END:VCALENDAR\r\n"
    ).encode()

    response = upload(signed_in, data)

    assert response.status_code == 302
    assert [(e.uid, e.title) for e in stored(app_session)] == [("v@x", "Moved meeting")]
    dashboard = signed_in.get("/organiser/").get_data(as_text=True).replace("&#34;", '"')
    assert (
        "“Moved meeting” is in the calendar more than once: kept the latest version (SEQUENCE 2)"
    ) in dashboard
