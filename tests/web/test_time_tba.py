"""A day whose time the text does not give is 'time to be announced' (on the review form, the
pages and in JSON; the calendar carries it as a date), unless the organiser says all day."""

from __future__ import annotations

import icalendar

from events_app.domain import EventFilter
from events_app.store import repository
from tests.html_reader import texts
from tests.web.organiser_helpers import READING_GROUP, paste, post, review_form


def publish_reading_group(client, **changes) -> dict:
    review = paste(client, text=READING_GROUP, reference="2026-11-20")
    fields = {**review_form(review.get_data(as_text=True)), **changes}
    published = post(client, "/organiser/publish", {**fields, "action": "publish"})
    assert published.status_code == 302, published.get_data(as_text=True)
    return fields


def public_views(client, slug: str) -> tuple[str, dict, icalendar.Event]:
    page = client.get(f"/events/{slug}").get_data(as_text=True)
    document = client.get(f"/api/v1/events/{slug}").get_json()
    feed = icalendar.Calendar.from_ical(client.get(f"/events/{slug}.ics").data)
    return page, document, next(iter(feed.walk("VEVENT")))


def test_a_day_without_a_time_is_to_be_announced_everywhere(signed_in, app_session):
    review = paste(signed_in, text=READING_GROUP, reference="2026-11-20").get_data(as_text=True)
    fields = review_form(review)
    publish_reading_group(signed_in)
    (stored,) = repository.list_events(app_session, EventFilter())

    page, document, vevent = public_views(signed_in, stored.slug)

    assert (fields["e0-start_date"], fields["e0-start_time"], "e0-all_day" in fields) == (
        "2026-12-05",
        "",
        False,
    )
    assert texts(review, "ul.warnings li") == ["Start time not given"]
    assert texts(page, "dl.facts dd")[0] == "Saturday 5 December 2026, time to be announced"
    assert "all day" not in page.lower()
    assert {k: document[k] for k in ("start", "end", "all_day", "time_tba")} == {
        "start": "2026-12-05",
        "end": "2026-12-05",
        "all_day": False,
        "time_tba": True,
    }
    assert (vevent.decoded("DTSTART").isoformat(), vevent.decoded("DTEND").isoformat()) == (
        "2026-12-05",
        "2026-12-06",
    )
    listing = signed_in.get("/?from=2026-12-01").get_data(as_text=True)
    assert texts(listing, ".event-time, .event-title") == ["Time to be announced", "Reading group"]


def test_ticking_all_day_says_all_day(signed_in, app_session):
    publish_reading_group(signed_in, **{"e0-all_day": "1"})
    (stored,) = repository.list_events(app_session, EventFilter())

    page, document, vevent = public_views(signed_in, stored.slug)

    assert texts(page, "dl.facts dd")[0] == "Saturday 5 December 2026, all day"
    assert (document["all_day"], document["time_tba"]) == (True, False)
    assert vevent.decoded("DTSTART").isoformat() == "2026-12-05"


def test_the_edit_form_keeps_the_difference(signed_in, app_session):
    publish_reading_group(signed_in)
    (stored,) = repository.list_events(app_session, EventFilter())
    form = review_form(signed_in.get(f"/organiser/events/{stored.id}/edit").get_data(as_text=True))

    saved = post(
        signed_in, f"/organiser/events/{stored.id}/edit", {**form, "all_day": "1"}, page="/"
    )
    app_session.rollback()  # end the read transaction begun before the save
    (after,) = repository.list_events(app_session, EventFilter())

    assert "all_day" not in form
    assert saved.status_code == 302
    assert (after.all_day, after.time_tba) == (True, False)


def test_all_day_with_a_start_time_is_refused_with_a_reason(signed_in, app_session):
    review = paste(signed_in, text=READING_GROUP, reference="2026-11-20")
    fields = review_form(review.get_data(as_text=True))

    refused = post(
        signed_in,
        "/organiser/publish",
        {**fields, "e0-all_day": "1", "e0-start_time": "19:00", "action": "publish"},
    )

    assert refused.status_code == 422
    assert "An all-day event has no start time" in refused.get_data(as_text=True)
    assert repository.list_events(app_session, EventFilter()) == []
