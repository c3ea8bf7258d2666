import re
from datetime import UTC, timedelta

import icalendar
import pytest

from events_app import accounts
from events_app.domain import EventFilter, Role
from events_app.store import repository
from tests.builders import event
from tests.conftest import NOW
from tests.web.organiser_helpers import (
    PASSWORD,
    SEED_PARAGRAPH,
    csrf_of,
    paste,
    post,
    press,
    review_form,
    sign_in,
)


def test_organiser_area_needs_signing_in(client):
    response = client.get("/organiser/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_paste_review_correct_publish_then_cancel(signed_in, app_session):
    review = paste(signed_in)
    page = review.get_data(as_text=True)

    assert review.status_code == 200
    assert page.count('<fieldset class="draft">') == 3
    assert '<mark title="event 2: title">opening rally for Arise</mark>' in page
    fields = review_form(page)
    index = next(i for i in range(3) if fields[f"e{i}-title"] == "Opening rally for Arise")
    assert (fields[f"e{index}-start_date"], fields[f"e{index}-start_time"]) == (
        "2018-07-27",
        "18:30",
    )
    fields[f"e{index}-title"] = "Arise opening rally"

    published = post(signed_in, "/organiser/publish", {**fields, "action": "publish"})

    assert published.status_code == 302
    events = repository.list_events(app_session, EventFilter())
    assert sorted(e.title for e in events) == [
        "Arise opening rally",
        "Arise — A Festival of Labour’s Left Ideas",
        "Session on Latin America",
    ]
    rally = next(e for e in events if e.title == "Arise opening rally")
    assert rally.owner_id is not None
    assert rally.parent.title == "Arise — A Festival of Labour’s Left Ideas"
    assert SEED_PARAGRAPH in rally.source_text
    assert "Arise opening rally" in signed_in.get(f"/events/{rally.slug}").get_data(as_text=True)

    press(signed_in, f"/organiser/events/{rally.id}/cancel", {})

    calendar = icalendar.Calendar.from_ical(signed_in.get("/events.ics").data)
    [vevent] = [v for v in calendar.walk("VEVENT") if str(v["SUMMARY"]) == "Arise opening rally"]
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert vevent["SEQUENCE"] == 1


def test_saved_drafts_are_not_public(signed_in, app_session):
    fields = review_form(paste(signed_in).get_data(as_text=True))

    post(signed_in, "/organiser/publish", {**fields, "action": "draft"})

    assert repository.list_events(app_session, EventFilter()) == []
    dashboard = signed_in.get("/organiser/").get_data(as_text=True)
    assert (
        dashboard.index("<h2>Drafts</h2>")
        < dashboard.index("Session on Latin America")
        < dashboard.index("<h2>Upcoming</h2>")
    )


@pytest.fixture
def published(signed_in, app_session):
    fields = review_form(paste(signed_in).get_data(as_text=True))
    post(signed_in, "/organiser/publish", {**fields, "action": "publish"})
    events = repository.list_events(app_session, EventFilter())
    return next(e for e in events if e.title == "Opening rally for Arise")


def edit_fields(client, event_id):
    page = client.get(f"/organiser/events/{event_id}/edit").get_data(as_text=True)
    return review_form(page)


def test_editing_the_time_raises_the_sequence(signed_in, published, app_session):
    fields = edit_fields(signed_in, published.id)
    fields["start_time"] = "19:00"

    response = post(signed_in, f"/organiser/events/{published.id}/edit", fields)

    assert response.status_code == 302
    assert response.headers["Location"] == "/organiser/"
    app_session.rollback()
    saved = repository.get_event_by_id(app_session, published.id)
    assert (saved.local_start.hour, saved.sequence) == (19, 1)


def test_second_save_of_the_same_version_is_a_conflict(signed_in, published, app_session):
    first = edit_fields(signed_in, published.id)
    second = dict(first)
    first["title"] = "Rally, first edit"
    second["title"] = "Rally, second edit"

    assert post(signed_in, f"/organiser/events/{published.id}/edit", first).status_code == 302
    response = post(signed_in, f"/organiser/events/{published.id}/edit", second)

    assert response.status_code == 409
    assert "Someone else changed this event" in response.get_data(as_text=True)
    assert "title" in response.get_data(as_text=True)
    app_session.rollback()
    assert repository.get_event_by_id(app_session, published.id).title == "Rally, first edit"


def test_deleting_removes_it_from_the_feed(signed_in, published):
    press(signed_in, f"/organiser/events/{published.id}/delete", {})

    assert b"Opening rally for Arise" not in signed_in.get("/events.ics").data
    assert signed_in.get(f"/events/{published.slug}").status_code == 404


def test_another_organiser_cannot_touch_the_event(client, published, app_session):
    accounts.create_user(app_session, "other@example.org", PASSWORD, Role.ORGANISER, NOW)
    client.post(
        "/logout", data={"csrf_token": csrf_of(client.get("/organiser/").get_data(as_text=True))}
    )
    sign_in(client, "other@example.org")

    response = post(client, f"/organiser/events/{published.id}/delete", {})

    assert response.status_code == 404
    app_session.rollback()
    assert repository.get_event_by_id(app_session, published.id) is not None


def test_an_admin_may_edit_any_event(client, published, app_session):
    accounts.create_user(app_session, "admin@example.org", PASSWORD, Role.ADMIN, NOW)
    client.post(
        "/logout", data={"csrf_token": csrf_of(client.get("/organiser/").get_data(as_text=True))}
    )
    sign_in(client, "admin@example.org")

    response = press(client, f"/organiser/events/{published.id}/cancel")

    assert response.status_code == 302


def test_a_cookie_from_before_logout_no_longer_works(app, signed_in):
    cookie = signed_in.get_cookie("session").value
    post(signed_in, "/logout", {})

    replay = app.test_client()
    replay.set_cookie("session", cookie)

    assert replay.get("/organiser/").status_code == 302


@pytest.mark.parametrize(
    ("password", "email"),
    [("wrong password", "org@example.org"), (PASSWORD, "nobody@example.org")],
    ids=["wrong-password", "unknown-account"],
)
def test_failed_login_says_the_same_whatever_was_wrong(client, organiser, password, email):
    response = sign_in(client, email, password)

    assert response.status_code == 401
    assert "do not match an account" in response.get_data(as_text=True)


def test_repeated_failures_are_refused_for_a_while(client, organiser):
    for _ in range(accounts.FREE_ATTEMPTS):
        sign_in(client, password="wrong password")

    response = sign_in(client)

    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_login_without_the_form_token_is_refused(client, organiser):
    response = client.post("/login", data={"email": "org@example.org", "password": PASSWORD})

    assert response.status_code == 400
    assert "did not come from this site" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("text", "status", "message"),
    [
        ("   ", 422, "No event found in the text"),
        ("meeting\x00", 400, "Text must not contain NUL characters"),
        ("x\n" * 10_001, 422, "Text has too many lines: at most 10,000"),
        ("A very nice day out, no date.", 422, "No event found in the text"),
    ],
    ids=["blank", "nul", "lines", "no-date"],
)
def test_bad_pastes_get_a_reason(signed_in, app_session, text, status, message):
    response = paste(signed_in, text=text)

    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert repository.list_events(app_session, EventFilter(include_drafts=True)) == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "x" * 10_000, "Title is too long: at most 300 characters"),
        ("url", "JaVaScRiPt:alert(1)", "Link must start with http:// or https://"),
        ("tickets", "data:text/html,hi", "Link must start with http:// or https://"),
        ("start_time", "25:00", "Start time must be a time of day"),
        ("start_date", "2018-02-30", "Start date must be a date, YYYY-MM-DD"),
    ],
)
def test_bad_fields_publish_nothing(signed_in, app_session, field, value, message):
    fields = review_form(paste(signed_in).get_data(as_text=True))
    fields[f"e0-{field}"] = value

    response = post(signed_in, "/organiser/publish", {**fields, "action": "publish"})

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert repository.list_events(app_session, EventFilter(include_drafts=True)) == []


def test_a_skipped_clock_time_is_refused(signed_in, app_session):
    fields = review_form(paste(signed_in).get_data(as_text=True))
    fields.update({"e0-start_date": "2026-03-29", "e0-start_time": "01:30"})

    response = post(signed_in, "/organiser/publish", {**fields, "action": "publish"})

    assert response.status_code == 422
    assert "01:30 on 29 March 2026 does not exist in Europe/London" in response.get_data(
        as_text=True
    )


def _only_draft(fields: dict[str, str], **changes: str) -> dict[str, str]:
    """The first draft alone, with `changes` to its fields."""
    kept = {k: v for k, v in fields.items() if not re.match(r"e[1-9]\d*-", k)}
    return {**kept, **{f"e0-{k}": v for k, v in changes.items()}, "count": "1"}


def test_a_repeated_clock_time_is_refused_until_its_pass_is_chosen(signed_in, app_session):
    fields = _only_draft(
        review_form(paste(signed_in).get_data(as_text=True)),
        start_date="2026-10-25",
        start_time="01:30",
        end_time="",
    )

    refused = post(signed_in, "/organiser/publish", {**fields, "action": "publish"})
    page = refused.get_data(as_text=True)

    assert refused.status_code == 422
    assert (
        "Start: 01:30 on 25 October 2026 happens twice in Europe/London (the clocks go back "
        "then): choose the first or the second in “Which pass”"
    ) in page
    assert review_form(page)["e0-clock_pass"] == ""
    assert repository.list_events(app_session, EventFilter(include_drafts=True)) == []


@pytest.mark.parametrize(("clock_pass", "utc"), [("first", "00:30"), ("second", "01:30")])
def test_the_chosen_pass_of_a_repeated_hour_is_the_instant_stored(
    signed_in, app_session, clock_pass, utc
):
    fields = _only_draft(
        review_form(paste(signed_in).get_data(as_text=True)),
        start_date="2026-10-25",
        start_time="01:30",
        end_time="",
        clock_pass=clock_pass,
    )

    assert post(signed_in, "/organiser/publish", {**fields, "action": "publish"}).status_code == 302
    [stored] = repository.list_events(app_session, EventFilter(include_drafts=True))
    assert f"{stored.start.astimezone(UTC):%Y-%m-%d %H:%M}" == f"2026-10-25 {utc}"
    edit = signed_in.get(f"/organiser/events/{stored.id}/edit").get_data(as_text=True)
    assert review_form(edit)["clock_pass"] == clock_pass


def test_pages_carry_security_headers(client):
    response = client.get("/")

    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_idle_sessions_end(app, signed_in):
    later = NOW + accounts.IDLE_TIMEOUT + timedelta(minutes=1)
    app.config["CLOCK"] = lambda: later

    assert signed_in.get("/organiser/").status_code == 302


def test_a_venue_the_site_knows_is_recognised_and_linked(signed_in, published, app_session):
    text = "Film night: Friday 3 August 2018 at 7pm, upstairs in student central. Free."

    fields = review_form(paste(signed_in, text=text).get_data(as_text=True))
    post(signed_in, "/organiser/publish", {**fields, "action": "publish"})

    app_session.rollback()
    film = next(
        e for e in repository.list_events(app_session, EventFilter()) if e.title == "Film night"
    )
    assert [(v.name, v.id) for v in film.venues] == [("Student Central", published.venues[0].id)]


def test_a_stale_form_never_overwrites_an_event_that_took_the_id(
    signed_in, organiser, store_events, app_session
):
    """Open A's edit form, A is deleted, B is published, save: B is untouched."""
    store_events(event("Older talk", owner_id=organiser.id))
    [a] = store_events(event("Talk A", owner_id=organiser.id))
    fields = edit_fields(signed_in, a.id)
    press(signed_in, f"/organiser/events/{a.id}/delete", {})
    [b] = store_events(event("Talk B", owner_id=organiser.id))
    fields["title"] = "Talk A, edited"

    response = post(signed_in, f"/organiser/events/{a.id}/edit", fields)

    assert response.status_code == 404
    app_session.rollback()
    after = repository.get_event_by_id(app_session, b.id)
    assert (after.title, after.revision) == ("Talk B", b.revision)
