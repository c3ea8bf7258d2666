import json
import re
from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

import icalendar
import pytest
from openapi_spec_validator import validate

from events_app.domain import EventStatus, Link, LinkKind
from tests.builders import event, person, venue
from tests.conftest import NOW
from tests.html_reader import attribute


@pytest.fixture
def upcoming(store_events):
    return store_events(
        *[
            event(f"Talk {n}", start=NOW + timedelta(days=n), venues=[venue("Conway Hall")])
            for n in range(1, 6)
        ]
    )


def test_api_pages_upcoming_events_with_next_links(client, upcoming):
    first = client.get("/api/v1/events?limit=2").get_json()
    second = client.get(urlsplit(first["next"]).path + "?" + urlsplit(first["next"]).query)
    last = client.get("/api/v1/events?limit=2&page=3").get_json()

    assert first["version"] == "1"
    assert first["count"] == 5
    assert [e["title"] for e in first["events"]] == ["Talk 1", "Talk 2"]
    assert parse_qs(urlsplit(first["next"]).query) == {"limit": ["2"], "page": ["2"]}
    assert first["next"].startswith("https://events.example.org/api/v1/events?")
    assert first["previous"] is None
    assert [e["title"] for e in second.get_json()["events"]] == ["Talk 3", "Talk 4"]
    assert ([e["title"] for e in last["events"]], last["next"]) == (["Talk 5"], None)


def test_api_filters_and_scopes(client, upcoming, store_events, demo):
    past = client.get("/api/v1/events?when=past").get_json()
    at_hall = client.get("/api/v1/events?venue=conway-hall&q=talk+3").get_json()

    assert [e["title"] for e in past["events"]][:1] == ["Arise — A Festival of Labour’s Left Ideas"]
    assert [e["title"] for e in at_hall["events"]] == ["Talk 3"]


def test_api_gives_one_event_with_offset_and_zone(client, demo):
    slug = "opening-rally-for-arise-2018-07-27"

    data = client.get(f"/api/v1/events/{slug}").get_json()

    assert (data["start"], data["timezone"]) == ("2018-07-27T18:30:00+01:00", "Europe/London")
    assert client.get("/api/v1/events/nothing-here").get_json()["error"]["status"] == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=-1", "limit must be a whole number from 1 to 200"),
        ("limit=1000000000", "limit must be a whole number from 1 to 200"),
        ("when=later", "when must be upcoming, past or all"),
        ("from=2026-13-45", "from must be a date, YYYY-MM-DD"),
        ("q=%00", "q must not contain control characters"),
    ],
)
def test_api_refuses_bad_parameters_in_json(client, query, message):
    response = client.get(f"/api/v1/events?{query}")

    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == message
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_openapi_document_is_valid_and_names_the_api(client):
    document = client.get("/api/v1/openapi.json").get_json()

    validate(document)
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "https://events.example.org"}]
    assert set(document["paths"]) == {
        "/api/v1/events",
        "/api/v1/events/{slug}",
        "/api/v1/parse",
    }


def test_json_feed_follows_version_1_1(client, upcoming):
    response = client.get("/feed.json")
    feed = response.get_json()

    assert response.mimetype == "application/feed+json"
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://events.example.org/feed.json"
    assert isinstance(feed["title"], str) and feed["items"]
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert item["content_text"]
        assert item["url"].startswith("https://events.example.org/events/")
        assert re.match(r"\d{4}-\d\d-\d\dT", item["date_modified"])
    assert feed["items"][0]["content_text"].startswith("Sunday 29 November 2026, 12:00–14:00 GMT")


def jsonld_of(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def test_event_page_carries_schema_org_event(client, store_events):
    [saved] = store_events(
        event(
            "Climate rally",
            start=NOW + timedelta(days=3),
            venues=[
                venue(
                    "Conway Hall", address="25 Red Lion Square", postcode="WC1R 4RL", city="London"
                )
            ],
            speakers=[person("Zarah Sultana", honorific="MP")],
            links=[Link("https://example.org/tickets", LinkKind.TICKETS, price="£5")],
            status=EventStatus.CANCELLED,
        )
    )

    data = jsonld_of(client.get(f"/events/{saved.slug}").get_data(as_text=True))

    assert data["@type"] == "Event"
    assert data["name"] == "Climate rally"
    assert data["startDate"] == "2026-12-01T12:00:00+00:00"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == [
        {
            "@type": "Place",
            "name": "Conway Hall",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "25 Red Lion Square",
                "addressLocality": "London",
                "postalCode": "WC1R 4RL",
            },
        }
    ]
    assert data["performer"][0]["name"] == "Zarah Sultana"
    assert data["offers"] == [
        {"@type": "Offer", "url": "https://example.org/tickets", "description": "£5"}
    ]
    assert data["organizer"]["name"] == "Test Events"


def test_online_session_links_its_festival_in_json_ld(client, demo):
    session = jsonld_of(
        client.get("/events/session-on-latin-america-2018-07-28").get_data(as_text=True)
    )
    festival = jsonld_of(
        client.get("/events/arise-a-festival-of-labours-left-ideas-2018-07-28").get_data(
            as_text=True
        )
    )

    assert session["superEvent"]["name"] == "Arise — A Festival of Labour’s Left Ideas"
    assert sorted(s["name"] for s in festival["subEvent"]) == [
        "Opening rally for Arise",
        "Session on Latin America",
    ]


def test_hostile_text_cannot_escape_the_json_ld_block(client, store_events):
    [saved] = store_events(
        event("</script><script>alert(1)</script>", start=NOW + timedelta(days=1))
    )

    page = client.get(f"/events/{saved.slug}").get_data(as_text=True)

    assert "<script>alert(1)" not in page
    assert jsonld_of(page)["name"] == "</script><script>alert(1)</script>"


def test_listing_pages_offer_subscriptions_with_their_filters(client, demo):
    page = client.get("/venues/student-central").get_data(as_text=True)

    feed = "events.example.org/events.ics?venue=student-central"
    assert attribute(page, ".subscribe a", "href") == [
        f"webcal://{feed}",
        "https://calendar.google.com/calendar/render?cid=" + quote(f"webcal://{feed}", safe=""),
        "https://outlook.live.com/calendar/0/addfromweb?url="
        + quote(f"https://{feed}", safe="")
        + "&name=Test+Events%3A+at+Student+Central",
        "https://outlook.office.com/calendar/0/addfromweb?url="
        + quote(f"https://{feed}", safe="")
        + "&name=Test+Events%3A+at+Student+Central",
        f"https://{feed}",
    ]


def test_event_page_offers_add_to_calendar_links(client, demo):
    page = client.get("/events/opening-rally-for-arise-2018-07-27").get_data(as_text=True)

    ics, google, outlook = attribute(page, ".add-to-calendar a", "href")
    assert ics == "https://events.example.org/events/opening-rally-for-arise-2018-07-27.ics"
    google_query = parse_qs(urlsplit(google).query)
    assert google_query["dates"] == ["20180727T173000Z/20180727T183000Z"]
    assert google_query["ctz"] == ["Europe/London"]
    assert google_query["text"] == ["Opening rally for Arise"]
    assert urlsplit(outlook).netloc == "outlook.live.com"


HOSTILE_TITLES = [
    "Party\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:evil",
    "<script>alert(1)</script> & \"quotes\" 'too'",
    "Ünïcödé 🎉 مرحبا 你好, commas; semicolons \\ backslash",
    "{{7*7}} '; DROP TABLE events;--",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_come_back_exactly_from_every_feed(client, store_events, title):
    store_events(event(title, start=NOW + timedelta(days=1)))

    from_json = client.get("/events.json").get_json()["events"][0]["title"]
    from_api = client.get("/api/v1/events").get_json()["events"][0]["title"]
    from_feed = client.get("/feed.json").get_json()["items"][0]["title"]
    calendar = icalendar.Calendar.from_ical(client.get("/events.ics").data)

    assert from_json == from_api == from_feed == title
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == [title.replace("\r\n", "\n")]


def test_search_and_past_pages_offer_subscriptions(client, demo):
    search = client.get("/search?q=rally").get_data(as_text=True)
    past = client.get("/past").get_data(as_text=True)

    assert (
        attribute(search, ".subscribe a", "href")[0]
        == "webcal://events.example.org/events.ics?q=rally"
    )
    assert attribute(past, ".subscribe a", "href")[0] == "webcal://events.example.org/events.ics"
