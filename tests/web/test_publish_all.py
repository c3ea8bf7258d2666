"""'Publish all': the drafts of one paste or one import published in one step (issue 15)."""

from __future__ import annotations

import re
from datetime import timedelta

from events_app import accounts, services
from events_app.domain import EventFilter, Role
from events_app.store import repository
from tests.builders import event
from tests.conftest import NOW, PASSWORD
from tests.web.organiser_helpers import paste, post, review_form, sign_in
from tests.web.test_import import upload

TWO_EVENTS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:a@elsewhere.example\r\nDTSTAMP:20261101T000000Z\r\n"
    b"DTSTART:20270114T180000Z\r\nSUMMARY:Housing meeting\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:b@elsewhere.example\r\nDTSTAMP:20261101T000000Z\r\n"
    b"DTSTART:20270121T180000Z\r\nSUMMARY:Rent strike briefing\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)


def offered(page: str) -> list[tuple[str, str]]:
    """Each 'Publish all' on the dashboard: the batch's line and its saved_at."""
    return [
        (re.sub(r"\s+", " ", line), saved_at)
        for saved_at, line in re.findall(
            r'name="saved_at" value="([^"]+)">\s*<span>(.*?)</span>', page, re.S
        )
    ]


def state(app_session) -> list[tuple[str, bool]]:
    app_session.rollback()
    events = repository.list_events(app_session, EventFilter(include_drafts=True))
    return sorted((e.title, e.published) for e in events)


def drafts(app_session, owner, titles, saved_at):
    services.create_events(
        app_session,
        [event(title, owner_id=owner.id, published=False) for title in titles],
        now=saved_at,
        uid_domain="example.org",
    )


def test_a_paste_saved_as_drafts_is_published_in_one_step(signed_in, organiser, app_session):
    drafts(app_session, organiser, ["Older draft", "Older draft too"], NOW - timedelta(days=1))
    fields = review_form(paste(signed_in).get_data(as_text=True))
    post(signed_in, "/organiser/publish", {**fields, "action": "draft"})
    [(line, saved_at), _older] = offered(signed_in.get("/organiser/").get_data(as_text=True))

    done = post(signed_in, "/organiser/drafts/publish", {"saved_at": saved_at})

    assert line == (
        "3 drafts saved together: Opening rally for Arise, Session on Latin America, "
        "Arise — A Festival of Labour’s Left Ideas."
    )
    assert done.status_code == 302
    assert "Published 3 events." in signed_in.get("/organiser/").get_data(as_text=True)
    assert state(app_session) == [
        ("Arise — A Festival of Labour’s Left Ideas", True),
        ("Older draft", False),
        ("Older draft too", False),
        ("Opening rally for Arise", True),
        ("Session on Latin America", True),
    ]


def test_an_import_is_published_in_one_step(signed_in, app_session):
    upload(signed_in, TWO_EVENTS)
    [(line, saved_at)] = offered(signed_in.get("/organiser/").get_data(as_text=True))

    post(signed_in, "/organiser/drafts/publish", {"saved_at": saved_at})

    assert line == "2 drafts saved together: Housing meeting, Rent strike briefing."
    assert state(app_session) == [("Housing meeting", True), ("Rent strike briefing", True)]


def test_publish_all_leaves_another_organisers_drafts_alone(client, app_session):
    other = accounts.create_user(app_session, "other@example.org", PASSWORD, Role.ORGANISER, NOW)
    mine = accounts.create_user(app_session, "org@example.org", PASSWORD, Role.ORGANISER, NOW)
    saved_at = NOW.replace(microsecond=123456)
    drafts(app_session, other, ["Theirs", "Theirs too"], saved_at)
    drafts(app_session, mine, ["Mine", "Mine too"], saved_at)
    sign_in(client)

    post(client, "/organiser/drafts/publish", {"saved_at": saved_at.isoformat()})

    assert state(app_session) == [
        ("Mine", True),
        ("Mine too", True),
        ("Theirs", False),
        ("Theirs too", False),
    ]


def test_a_saved_at_that_is_not_an_instant_is_a_400(signed_in):
    responses = [
        post(signed_in, "/organiser/drafts/publish", {"saved_at": value}).status_code
        for value in ("", "yesterday", "2026-11-28T12:00:00")
    ]

    assert responses == [400, 400, 400]
