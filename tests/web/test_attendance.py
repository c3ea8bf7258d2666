"""In person, online or hybrid, with a join link: chosen on the event form, stored, and said
on the event page, in its JSON-LD (eventAttendanceMode, VirtualLocation), in the API and in
the .ics (an online event's LOCATION is its join link)."""

from __future__ import annotations

import html

import icalendar
import pytest

from events_app.domain import Attendance, EventFilter
from events_app.store import repository
from tests.feeds.test_jsonld import jsonld_of
from tests.web.organiser_helpers import post, review_form

JOIN = "https://meet.example.org/branch"
HALL = "Conway Hall; 25 Red Lion Square; WC1R 4RL; London"


def publish(client, **fields: str):
    page = client.get("/organiser/events/new").get_data(as_text=True)
    values = review_form(page)
    values.update({"e0-title": "Branch meeting", "e0-start_date": "2027-01-14"})
    values.update({"e0-start_time": "18:30", "action": "publish"})
    values.update({f"e0-{name}": value for name, value in fields.items()})
    return post(client, "/organiser/publish", values)


def seen(client, app_session) -> dict:
    app_session.rollback()
    [event] = repository.list_events(app_session, EventFilter())
    page = client.get(f"/events/{event.slug}").get_data(as_text=True)
    data = jsonld_of(page)
    [vevent] = icalendar.Calendar.from_ical(client.get(f"/events/{event.slug}.ics").data).walk(
        "VEVENT"
    )
    api = client.get(f"/api/v1/events/{event.slug}").get_json()
    where = (
        page.split("<dt>Where</dt>", 1)[1].split("</dd>", 1)[0] if "<dt>Where</dt>" in page else ""
    )
    return {
        "stored": event.attendance,
        "mode": data["eventAttendanceMode"],
        "locations": [place["@type"] for place in data.get("location", [])],
        "virtual": [
            p.get("url") for p in data.get("location", []) if p["@type"] == "VirtualLocation"
        ],
        "ics_location": str(vevent.get("location", "")),
        "api": api["attendance"],
        "joins": JOIN in html.unescape(where),
    }


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"attendance": "in_person", "venues": HALL},
            {
                "stored": Attendance.IN_PERSON,
                "mode": "https://schema.org/OfflineEventAttendanceMode",
                "locations": ["Place"],
                "virtual": [],
                "ics_location": "Conway Hall, 25 Red Lion Square, London, WC1R 4RL",
                "api": "in_person",
                "joins": False,
            },
        ),
        (
            {"attendance": "online", "join_url": JOIN},
            {
                "stored": Attendance.ONLINE,
                "mode": "https://schema.org/OnlineEventAttendanceMode",
                "locations": ["VirtualLocation"],
                "virtual": [JOIN],
                "ics_location": JOIN,
                "api": "online",
                "joins": True,
            },
        ),
        (
            {"attendance": "hybrid", "join_url": JOIN, "venues": HALL},
            {
                "stored": Attendance.HYBRID,
                "mode": "https://schema.org/MixedEventAttendanceMode",
                "locations": ["Place", "VirtualLocation"],
                "virtual": [JOIN],
                "ics_location": "Conway Hall, 25 Red Lion Square, London, WC1R 4RL",
                "api": "hybrid",
                "joins": True,
            },
        ),
    ],
    ids=["in-person", "online", "hybrid"],
)
def test_the_choice_is_stored_and_said_everywhere(signed_in, app_session, fields, expected):
    assert publish(signed_in, **fields).status_code == 302
    assert seen(signed_in, app_session) == expected


def test_the_edit_form_shows_the_choice_back(signed_in, app_session):
    publish(signed_in, attendance="hybrid", join_url=JOIN, venues=HALL)
    [event] = repository.list_events(app_session, EventFilter())

    fields = review_form(signed_in.get(f"/organiser/events/{event.id}/edit").get_data(as_text=True))

    assert (fields["attendance"], fields["join_url"], fields["url"]) == ("hybrid", JOIN, "")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"attendance": "in_person", "join_url": JOIN},
            "A join link is for an event people attend online: choose “Online” or “Hybrid”, "
            "or clear the join link",
        ),
        ({"attendance": "by post"}, "How people attend: in person, online or hybrid"),
    ],
)
def test_a_choice_that_does_not_fit_is_refused_and_nothing_stored(
    signed_in, app_session, fields, message
):
    refused = publish(signed_in, **fields)

    assert (refused.status_code, message in html.unescape(refused.get_data(as_text=True))) == (
        422,
        True,
    )
    assert repository.list_events(app_session, EventFilter()) == []
