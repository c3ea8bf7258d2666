"""A narrowed listing reads in names, not slugs: its chips show the venue's, speaker's and
festival's names, and its feed is named after what narrows it, the same in the .ics, the
JSON and the subscribe links that point at it (issue 15)."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest

from tests.builders import child_of, event, london, person, venue
from tests.conftest import BASE_URL


@pytest.fixture
def listed(store_events):
    return store_events(
        event(
            "Climate school",
            start=london(2027, 1, 9, 10, 0),
            venues=[venue("Friends House")],
            tags=["Climate"],
        ),
        event(
            "Teach-in",
            start=london(2027, 1, 9, 11, 0),
            venues=[venue("Friends House")],
            speakers=[person("Ann Pettifor")],
            tags=["Climate"],
            parent=child_of("Climate school"),
        ),
    )


def chips(page: str) -> list[str]:
    found = re.findall(r"<li><span>(.*?): <strong>(.*?)</strong></span>", page)
    return [f"{label}: {html.unescape(value)}" for label, value in found]


def test_chips_show_names_and_written_days(client, listed):
    page = client.get(
        "/?venue=friends-house&speaker=ann-pettifor&tag=climate"
        f"&series={listed[0].slug}&from=2027-01-01&to=2027-01-31"
    ).get_data(as_text=True)

    assert chips(page) == [
        "venue: Friends House",
        "speaker: Ann Pettifor",
        "tag: climate",
        "festival or series: Climate school",
        "from: 1 January 2027",
        "to: 31 January 2027",
    ]


def test_month_view_chips_show_names_too(client, listed):
    page = client.get("/calendar/2027/1?venue=friends-house").get_data(as_text=True)

    assert chips(page) == ["venue: Friends House"]


def calendar_name(client, path: str) -> str:
    """The feed's X-WR-CALNAME, unescaped (icalendar leaves an X- property as written)."""
    written = icalendar.Calendar.from_ical(client.get(path).data)["X-WR-CALNAME"]
    return re.sub(r"\\([\\;,nN])", lambda m: m.group(1).replace("n", "\n"), str(written))


def test_a_filtered_feed_is_named_after_its_filters(client, listed):
    names = [
        calendar_name(client, "/events.ics"),
        calendar_name(client, "/events.ics?venue=friends-house&tag=climate"),
        calendar_name(client, f"/events.ics?series={listed[0].slug}&q=teach"),
        calendar_name(client, "/events.ics?speaker=ann-pettifor&from=2027-01-01&to=2027-01-31"),
    ]
    json_title = json.loads(client.get("/events.json?speaker=ann-pettifor").data)["title"]

    assert names == [
        "Test Events",
        "Test Events: at Friends House, tagged climate",
        "Test Events: in Climate school, matching “teach”",
        "Test Events: with Ann Pettifor, from 1 January 2027, until 31 January 2027",
    ]
    assert json_title == "Test Events: with Ann Pettifor"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?venue=friends-house&tag=climate",
        "/venues/friends-house",
        "/speakers/ann-pettifor",
        "/calendar/2027/1?tag=climate",
        "/week/2027-01-04",
        "/search?q=teach",
    ],
)
def test_each_subscribe_link_names_the_feed_as_the_feed_names_itself(client, listed, path):
    page = client.get(path).get_data(as_text=True)
    link = html.unescape(re.search(r'href="(https://outlook\.live\.com/[^"]+)"', page).group(1))
    offered = parse_qs(urlsplit(link).query)
    feed = offered["url"][0].removeprefix(BASE_URL)

    assert offered["name"] == [calendar_name(client, feed)]
