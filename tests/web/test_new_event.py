"""Adding events by hand: a blank form beside "Paste", and "Add an event" on the review page
(issue 15)."""

from __future__ import annotations

from events_app.domain import EventFilter
from events_app.store import repository
from tests.web.organiser_helpers import READING_GROUP, paste, post, review_form


def test_a_blank_form_publishes_an_event_no_announcement_describes(signed_in, app_session):
    page = signed_in.get("/organiser/events/new").get_data(as_text=True)
    fields = review_form(page)
    fields.update({"e0-title": "Committee meeting", "e0-start_date": "2027-01-14"})
    fields.update({"e0-start_time": "18:30", "e0-end_time": "20:00", "action": "publish"})

    done = post(signed_in, "/organiser/publish", fields)

    assert "<h1>New event</h1>" in page
    assert (fields["count"], fields["e0-include"], fields["e0-timezone"]) == (
        "1",
        "1",
        "Europe/London",
    )
    assert done.status_code == 302
    [stored] = repository.list_events(app_session, EventFilter())
    assert (stored.title, f"{stored.local_start:%Y-%m-%d %H:%M}", stored.source_text) == (
        "Committee meeting",
        "2027-01-14 18:30",
        "",
    )


def test_add_an_event_keeps_the_drafts_and_adds_a_blank_one(signed_in, app_session):
    fields = review_form(paste(signed_in, READING_GROUP, "2026-11-20").get_data(as_text=True))
    fields["e0-title"] = "Reading group (December)"

    added = post(signed_in, "/organiser/publish", {**fields, "action": "add"})
    again = review_form(added.get_data(as_text=True))
    blank = (again["e1-title"], again["e1-start_date"], again["e1-include"])
    again.update({"e1-title": "Reading group (January)", "e1-start_date": "2027-01-09"})
    done = post(signed_in, "/organiser/publish", {**again, "action": "draft"})

    assert (fields["count"], added.status_code, again["count"]) == ("1", 200, "2")
    assert (again["e0-title"], again["text"]) == ("Reading group (December)", READING_GROUP)
    assert blank == ("", "", "1")
    assert done.status_code == 302
    stored = repository.list_events(app_session, EventFilter(include_drafts=True))
    assert sorted((e.title, e.first_day.isoformat(), e.published) for e in stored) == [
        ("Reading group (December)", "2026-12-05", False),
        ("Reading group (January)", "2027-01-09", False),
    ]
