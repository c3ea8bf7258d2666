from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events_app import create_app, services
from tests.builders import event, venue
from tests.conftest import NOW

RALLY = "opening-rally-for-arise-2018-07-27"


def calendar_of(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(response.data)


def by_summary(calendar):
    return {str(v["SUMMARY"]): v for v in calendar.walk("VEVENT")}


def test_site_feed_has_the_demo_festival_at_the_right_times(client, demo):
    events = by_summary(calendar_of(client.get("/events.ics")))

    assert sorted(events) == [
        "Arise — A Festival of Labour’s Left Ideas",
        "Opening rally for Arise",
        "Session on Latin America",
    ]
    rally_start = events["Opening rally for Arise"].decoded("DTSTART")
    assert rally_start == datetime(2018, 7, 27, 18, 30, tzinfo=ZoneInfo("Europe/London"))
    assert rally_start.astimezone(UTC) == datetime(2018, 7, 27, 17, 30, tzinfo=UTC)
    festival = events["Arise — A Festival of Labour’s Left Ideas"]
    assert festival.decoded("DTEND").astimezone(UTC) == datetime(2018, 7, 28, 16, 0, tzinfo=UTC)
    assert str(events["Opening rally for Arise"]["RELATED-TO"]) == str(festival["UID"])
    assert str(events["Opening rally for Arise"]["URL"]) == (
        f"https://events.example.org/events/{RALLY}"
    )


def test_event_feed_holds_one_event_with_a_stable_uid(client, demo):
    first = by_summary(calendar_of(client.get(f"/events/{RALLY}.ics")))
    again = by_summary(calendar_of(client.get(f"/events/{RALLY}.ics")))

    assert list(first) == ["Opening rally for Arise"]
    assert str(first["Opening rally for Arise"]["UID"]) == str(
        again["Opening rally for Arise"]["UID"]
    )
    assert str(first["Opening rally for Arise"]["UID"]).endswith("@events.example.org")


def test_feeds_filter_like_the_pages(client, store_events):
    store_events(
        event("At Conway Hall", start=NOW + timedelta(days=1), venues=[venue("Conway Hall")]),
        event("Elsewhere", start=NOW + timedelta(days=2), tags=["film"]),
    )

    ics = by_summary(calendar_of(client.get("/events.ics?venue=conway-hall")))
    data = client.get("/events.json?tag=film").get_json()

    assert list(ics) == ["At Conway Hall"]
    assert [e["title"] for e in data["events"]] == ["Elsewhere"]


def test_date_window_filters_by_local_day(client, store_events):
    store_events(
        event(
            "Friday",
            start=datetime(2027, 7, 30, 23, 30, tzinfo=ZoneInfo("Europe/London")),
            end=None,
        ),
        event(
            "Saturday",
            start=datetime(2027, 7, 31, 0, 30, tzinfo=ZoneInfo("Europe/London")),
            end=None,
        ),
    )

    data = client.get("/events.json?from=2027-07-31&to=2027-07-31").get_json()

    assert [e["title"] for e in data["events"]] == ["Saturday"]


def test_json_feed_gives_local_times_with_offset_and_zone(client, demo):
    response = client.get("/events.json")
    data = response.get_json()

    assert response.headers["Access-Control-Allow-Origin"] == "*"
    rally = next(e for e in data["events"] if e["slug"] == RALLY)
    assert rally["start"] == "2018-07-27T18:30:00+01:00"
    assert rally["end"] is None
    assert rally["timezone"] == "Europe/London"
    assert rally["venues"][0]["name"] == "Student Central"
    assert rally["venues"][0]["postcode"] == "WC1E"
    assert rally["parent"]["title"] == "Arise — A Festival of Labour’s Left Ideas"
    assert rally["url"] == f"https://events.example.org/events/{RALLY}"
    session = next(e for e in data["events"] if e["title"] == "Session on Latin America")
    # The demo text gives the session's day but not its time: to be announced, not all day.
    assert (session["start"], session["end"], session["all_day"], session["time_tba"]) == (
        "2018-07-28",
        "2018-07-28",
        False,
        True,
    )


def test_feeds_answer_304_to_a_matching_etag(client, demo):
    first = client.get("/events.ics")

    again = client.get("/events.ics", headers={"If-None-Match": first.headers["ETag"]})

    assert first.headers["Cache-Control"] == (
        "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400"
    )
    assert again.status_code == 304
    assert again.data == b""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/events.json?from=2026-13-45",
            '{"error":{"status":400,"title":"Bad request",'
            '"message":"from must be a date, YYYY-MM-DD"}}\n',
        ),
        ("/events.ics?to=soon", "Bad request: to must be a date, YYYY-MM-DD\n"),
    ],
)
def test_feeds_refuse_bad_dates_with_a_message(client, path, expected):
    response = client.get(path)

    assert response.status_code == 400
    assert response.get_data(as_text=True) == expected


def test_json_errors_are_json(client):
    response = client.get("/events.json?from=bad")

    assert response.get_json() == {
        "error": {
            "status": 400,
            "title": "Bad request",
            "message": "from must be a date, YYYY-MM-DD",
        }
    }


def test_callback_parameter_is_ignored(client, demo):
    response = client.get("/events.json?callback=alert(1)//")

    assert response.mimetype == "application/json"
    assert response.data.startswith(b"{")


def test_feed_window_setting_leaves_out_old_events(database_url, demo):
    app = create_app({"DATABASE_URL": database_url, "CLOCK": lambda: NOW, "FEED_PAST_DAYS": "365"})
    calendar = calendar_of(app.test_client().get("/events.ics"))
    app.extensions["events_db"].close()

    assert calendar.walk("VEVENT") == []


def test_feeds_answer_304_to_if_modified_since(client, demo):
    first = client.get("/events.json")

    again = client.get(
        "/events.json", headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )

    assert first.headers["Last-Modified"] == "Sat, 28 Nov 2026 12:00:00 GMT"
    assert again.status_code == 304


def test_two_app_servers_on_one_database_agree_at_once(
    app, database_url, store_events, app_session
):
    other = create_app(
        {
            "DATABASE_URL": database_url,
            "BASE_URL": "https://events.example.org",
            "CLOCK": lambda: NOW,
            "SITE_NAME": "Test Events",
        }
    )
    [saved] = store_events(event("Picket", start=NOW + timedelta(days=2)))
    ours, theirs = app.test_client(), other.test_client()
    before = ours.get("/events.ics")
    assert before.headers["ETag"] == theirs.get("/events.ics").headers["ETag"]

    services.cancel(app_session, saved.id, now=NOW + timedelta(minutes=1))

    after = theirs.get("/events.ics")
    vevents = icalendar.Calendar.from_ical(after.data).walk("VEVENT")
    assert [(str(v["SUMMARY"]), str(v["STATUS"])) for v in vevents] == [("Picket", "CANCELLED")]
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.headers["ETag"] == ours.get("/events.ics").headers["ETag"]
    other.extensions["events_db"].close()


def _without_request_id(headers) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k != "X-Request-ID"}


@pytest.mark.parametrize(
    "path", ["/events.ics", "/events.json", "/feed.json", "/api/v1/events?when=all&limit=2"]
)
def test_repeated_requests_get_the_same_full_response(client, demo, path):
    first = client.get(path)
    again = client.get(path)
    conditional = client.get(path, headers={"If-None-Match": first.headers["ETag"]})

    assert again.data == first.data
    assert _without_request_id(again.headers) == _without_request_id(first.headers)
    assert again.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    assert "frame-ancestors 'none'" in again.headers["Content-Security-Policy"]
    assert conditional.status_code == 304
    assert conditional.headers["ETag"] == first.headers["ETag"]
    assert conditional.data == b""


def _feed_titles(client) -> tuple[list[str], list[str]]:
    calendar = calendar_of(client.get("/events.ics"))
    listed = client.get("/events.json").get_json()["events"]
    return [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")], [e["title"] for e in listed]


def test_an_event_deleted_then_replaced_is_never_served_for_the_new_one(
    client, store_events, app_session
):
    """SQLite gives a freed id to the next insert: nothing cached may be keyed by it."""
    [first] = store_events(event("Deleted rally", start=NOW + timedelta(days=1)))
    assert _feed_titles(client) == (["Deleted rally"], ["Deleted rally"])
    services.delete(app_session, first.id, now=NOW)

    store_events(event("New picket", start=NOW + timedelta(days=2)))

    assert _feed_titles(client) == (["New picket"], ["New picket"])
