"""A listing and every feed it links to show the same events: the page, its `.ics`, the JSON
feed and the API (`when=all`, the page's own JSON link) answer one question the same way,
and a visitor's `from` and `to` only ever narrow what is listed."""

from __future__ import annotations

import html
import re

import pytest
from icalendar import Calendar

from tests.builders import event, london, venue

# The clock (NOW) stands at noon on Saturday 28 November 2026: the days below are read from it.


@pytest.fixture
def season(store_events):
    hall, house = venue("Conway Hall", postcode="WC1R 4RL"), venue("Friends House")
    return store_events(
        event("Autumn lecture", start=london(2026, 11, 10, 19, 0), venues=[hall], tags=["talk"]),
        event("Yesterday's picnic", start=london(2026, 11, 27, 12, 0), venues=[house]),
        event(
            "Weekend-long sit-in",
            start=london(2026, 11, 28, 9, 0),
            end=london(2026, 11, 29, 17, 0),
            venues=[hall],
        ),
        event("Wednesday rally", start=london(2026, 12, 2, 18, 30), venues=[hall], tags=["talk"]),
        event(
            "Winter fair",
            start=london(2026, 12, 4),
            end=london(2026, 12, 7),
            all_day=True,
            venues=[house],
        ),
        event("Saturday market", start=london(2026, 12, 5, 10, 0), venues=[house]),
        event("Sunday talk", start=london(2026, 12, 6, 15, 0), venues=[hall], tags=["talk"]),
        event("Monday film", start=london(2026, 12, 7, 19, 0), venues=[house]),
        event("Draft only", start=london(2026, 12, 5, 12, 0), venues=[hall], published=False),
        event(
            "Private plan",
            start=london(2026, 12, 9, 9, 0),
            venues=[venue("Secret Room")],
            tags=["secret"],
            published=False,
        ),
    )


def page_titles(client, query: str) -> list[str]:
    response = client.get(f"/?{query}")
    assert response.status_code == 200, response.status_code
    found = re.findall(r'class="event-title"><a [^>]*>([^<]*)</a>', response.get_data(as_text=True))
    return sorted(html.unescape(title) for title in found)


def ics_titles(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    calendar = Calendar.from_ical(response.data)
    return sorted(str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT"))


def json_titles(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return sorted(item["title"] for item in response.get_json()["events"])


QUESTIONS = {
    "weekend link": (
        "from=2026-12-05&to=2026-12-06",
        ["Saturday market", "Sunday talk", "Winter fair"],
    ),
    "from only": (
        "from=2026-12-05",
        ["Monday film", "Saturday market", "Sunday talk", "Winter fair"],
    ),
    "to only": (
        "to=2026-11-28",
        ["Autumn lecture", "Weekend-long sit-in", "Yesterday's picnic"],
    ),
    "a venue": (
        "venue=conway-hall",
        ["Autumn lecture", "Sunday talk", "Wednesday rally", "Weekend-long sit-in"],
    ),
    "a tag within days": (
        "tag=talk&from=2026-12-01&to=2026-12-31",
        ["Sunday talk", "Wednesday rally"],
    ),
    "words and a venue": ("q=market&venue=friends-house", ["Saturday market"]),
    "days in the past": (
        "from=2026-11-01&to=2026-11-27",
        ["Autumn lecture", "Yesterday's picnic"],
    ),
}


@pytest.mark.parametrize(("query", "titles"), QUESTIONS.values(), ids=QUESTIONS.keys())
def test_the_page_its_calendar_its_json_and_the_api_list_the_same_events(
    client, season, query, titles
):
    assert page_titles(client, query) == titles
    assert ics_titles(client, f"/events.ics?{query}") == titles
    assert json_titles(client, f"/events.json?{query}") == titles
    assert json_titles(client, f"/api/v1/events?{query}&when=all") == titles


def test_the_weekend_link_lists_neither_today_nor_midweek(client, season):
    """The visitor's `from` is the first day listed, not replaced by the present moment."""
    upcoming = json_titles(client, "/api/v1/events?from=2026-12-05&to=2026-12-06")

    assert upcoming == ["Saturday market", "Sunday talk", "Winter fair"]
    assert page_titles(client, "from=2026-12-05&to=2026-12-06") == upcoming


def test_the_past_page_and_the_api_of_past_events_agree(client, season):
    response = client.get("/past")
    found = re.findall(r'class="event-title"><a [^>]*>([^<]*)</a>', response.get_data(as_text=True))

    assert sorted(html.unescape(t) for t in found) == ["Autumn lecture", "Yesterday's picnic"]
    assert json_titles(client, "/api/v1/events?when=past") == [
        "Autumn lecture",
        "Yesterday's picnic",
    ]


def test_the_month_calendar_narrows_to_the_visitors_days_and_so_does_its_feed(client, season):
    """`from` inside the month narrows the grid and its feed; it never widens them."""
    response = client.get("/calendar/2026/12?from=2026-12-06&venue=friends-house")
    page = response.get_data(as_text=True)
    listed = sorted(
        {html.unescape(t) for t in re.findall(r'<a href="/events/[^"]+">([^<]*)</a>', page)}
    )
    ics = html.unescape(re.search(r'href="https://[^"]+(/events\.ics[^"]*)"', page).group(1))

    assert listed == ["Monday film", "Winter fair"]
    assert ics_titles(client, ics) == listed


UNKNOWN = {
    "venue": ("venue=nowhere-hall", "No venue “nowhere-hall” is listed here."),
    "speaker": ("speaker=nobody", "No speaker “nobody” is listed here."),
    "tag": ("tag=knitting", "No tag “knitting” is listed here."),
    "series": (
        "series=no-such-festival",
        "No festival or series “no-such-festival” is listed here.",
    ),
    "a venue only a draft names": ("venue=secret-room", "No venue “secret-room” is listed here."),
    "a tag only a draft has": ("tag=secret", "No tag “secret” is listed here."),
}
LISTINGS = ["/", "/calendar/2026/12", "/week/2026-12-07", "/search?q=x&"]


def error_of(response) -> tuple[str, str]:
    """The heading and the message of an error page."""
    found = re.search(r"<h1>([^<]*)</h1>\s*<p>([^<]*)</p>", response.get_data(as_text=True))
    return html.unescape(found.group(1)), html.unescape(found.group(2))


@pytest.mark.parametrize(("query", "message"), UNKNOWN.values(), ids=UNKNOWN.keys())
def test_a_filter_naming_nothing_is_a_404_that_says_so_everywhere(client, season, query, message):
    for path in LISTINGS:
        separator = "" if path.endswith("&") else "?"
        page = client.get(f"{path}{separator}{query}")
        assert (page.status_code, error_of(page)) == (404, ("Not found", message)), path
    for path in ("/events.ics", "/events.json", "/api/v1/events"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 404, path
        if path.endswith(".ics"):
            assert response.get_data(as_text=True) == f"Not found: {message}\n"
        else:
            assert response.get_json() == {
                "error": {"status": 404, "title": "Not found", "message": message}
            }


@pytest.mark.parametrize(("query", "message"), UNKNOWN.values(), ids=UNKNOWN.keys())
def test_the_embed_page_says_so_inside_the_frame(client, season, query, message):
    """An error page may not be framed, so the host would show a blank box: the embed page
    itself carries the message, still frameable."""
    response = client.get(f"/embed?{query}")
    said = re.findall(r'<p class="embed-message" role="status">([^<]*)</p>', response.text)

    assert (response.status_code, [html.unescape(s) for s in said]) == (404, [message])
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]


def test_a_known_filter_with_nothing_to_come_is_an_empty_listing_not_a_404(client, season):
    """The tag is known (its events are over): the listing is empty, not a 404."""
    response = client.get("/api/v1/events?tag=talk&from=2027-01-01")

    assert (response.status_code, response.get_json()["events"]) == (200, [])
    assert page_titles(client, "tag=talk&from=2027-01-01") == []
