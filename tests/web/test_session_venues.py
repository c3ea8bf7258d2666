"""A festival's session with no venue of its own is at the festival's venues: its page says
where, its calendar entry has a LOCATION, and the venue's page and feed list it."""

from __future__ import annotations

import icalendar

from events_app import services
from events_app.domain import EventFilter
from events_app.store import repository
from tests.builders import child_of, event, london, venue
from tests.conftest import NOW
from tests.web.organiser_helpers import paste, post, review_form

SESSION = "Session on Latin America"


def test_a_pasted_session_takes_its_festivals_venues(signed_in, app_session):
    fields = review_form(paste(signed_in).get_data(as_text=True))
    index = next(i for i in range(3) if fields[f"e{i}-title"] == SESSION)

    post(signed_in, "/organiser/publish", {**fields, "action": "publish"})
    stored = {e.title: e for e in repository.list_events(app_session, EventFilter())}
    session_page = signed_in.get(f"/events/{stored[SESSION].slug}").get_data(as_text=True)
    vevent = next(
        iter(
            icalendar.Calendar.from_ical(
                signed_in.get(f"/events/{stored[SESSION].slug}.ics").data
            ).walk("VEVENT")
        )
    )

    assert fields[f"e{index}-venues"] == ""
    assert [v.name for v in stored[SESSION].venues] == ["Student Central", "Unite House"]
    assert "<dt>Where</dt>" in session_page
    assert str(vevent["LOCATION"]) == "Student Central, WC1E; Unite House"


def test_the_venue_page_and_feed_list_the_session(client, app_session):
    festival = event(
        "Winter school",
        start=london(2026, 12, 12, 10, 0),
        end=london(2026, 12, 12, 17, 0),
        venues=[venue("Friends House", address="173 Euston Road")],
    )
    talk = event(
        "Opening talk", start=london(2026, 12, 12, 10, 30), parent=child_of("Winter school")
    )
    services.create_events(app_session, [festival, talk], now=NOW, uid_domain="example.org")

    page = client.get("/venues/friends-house").get_data(as_text=True)
    feed = icalendar.Calendar.from_ical(client.get("/events.ics?venue=friends-house").data)

    assert "Opening talk" in page
    assert sorted(str(v["SUMMARY"]) for v in feed.walk("VEVENT")) == [
        "Opening talk",
        "Winter school",
    ]
    assert {str(v["LOCATION"]) for v in feed.walk("VEVENT")} == {"Friends House, 173 Euston Road"}


def test_a_session_with_its_own_venue_keeps_it(app_session):
    festival = event("Winter school", venues=[venue("Friends House")])
    workshop = event(
        "Print workshop", venues=[venue("Conway Hall")], parent=child_of("Winter school")
    )

    stored = services.create_events(
        app_session, [festival, workshop], now=NOW, uid_domain="example.org"
    )

    assert [[v.name for v in e.venues] for e in stored] == [["Friends House"], ["Conway Hall"]]
