"""Finding events: facets kept in the URL with matching feeds, day shortcuts, the month and week
calendars (across midnight, across days, across a clock change), search marks, sharing."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from events_app import services
from events_app.domain import EventEdit, EventStatus
from tests.builders import LONDON, event, london, person, venue
from tests.conftest import NOW
from tests.html_reader import attribute, elements, texts, titles


def page_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def cells(page: str) -> dict[str, list[str]]:
    """Each day cell of the month table, by its ISO date: the text of each of its entries."""
    found = re.findall(
        r'<td class="([^"]*)">\s*<p class="day-number"><time datetime="([^"]+)">(.*?)</td>',
        page,
        re.S,
    )
    return {day: texts(body, "li") for _cls, day, body in found}


@pytest.fixture
def programme(store_events):
    return store_events(
        event(
            "Housing rally",
            start=london(2026, 12, 2, 18, 30),
            venues=[venue("Conway Hall", postcode="WC1R 4RL")],
            speakers=[person("Owen Jones")],
            tags=["housing"],
        ),
        event(
            "Climate teach-in",
            start=london(2026, 12, 3, 10, 0),
            venues=[venue("Friends House")],
            tags=["climate"],
        ),
        event(
            "Winter festival",
            start=london(2026, 12, 4),
            end=london(2026, 12, 7),
            all_day=True,
            venues=[venue("Friends House")],
        ),
        event(
            "All-night vigil",
            start=london(2026, 12, 11, 22, 0),
            end=london(2026, 12, 12, 2, 0),
            venues=[venue("Conway Hall", postcode="WC1R 4RL")],
        ),
        event(
            "Unpublished plan",
            start=london(2026, 12, 3, 9, 0),
            published=False,
            venues=[venue("Secret Room")],
            tags=["secret"],
        ),
    )


def test_a_facet_narrows_the_list_and_its_feeds(client, programme):
    page = page_of(client.get("/?venue=conway-hall"))

    assert titles(page) == ["Housing rally", "All-night vigil"]
    ics = re.search(r'href="(https://[^"]+/events\.ics[^"]*)"', page).group(1)
    assert parse_qs(urlsplit(html.unescape(ics)).query) == {"venue": ["conway-hall"]}
    api = re.search(r'href="(https://[^"]+/api/v1/events[^"]*)"', page).group(1)
    assert parse_qs(urlsplit(html.unescape(api)).query) == {
        "venue": ["conway-hall"],
        "when": ["all"],
    }
    feed = client.get(urlsplit(html.unescape(ics)).path + "?" + urlsplit(html.unescape(ics)).query)
    summaries = [str(v["SUMMARY"]) for v in Calendar.from_ical(feed.data).walk("VEVENT")]
    assert summaries == ["Housing rally", "All-night vigil"]


def test_facets_combine_and_each_can_be_removed(client, programme):
    page = page_of(client.get("/?venue=friends-house&tag=climate"))

    assert titles(page) == ["Climate teach-in"]
    assert texts(page, ".chips li") == [
        "venue: Friends House Remove venue Friends House",
        "tag: climate Remove tag climate",
        "Show all",
    ]
    assert attribute(page, ".chips a", "href") == ["/?tag=climate", "/?venue=friends-house", "/"]


def test_the_facet_form_offers_only_what_published_events_name(client, programme):
    page = page_of(client.get("/"))

    assert texts(page, "#f-venue option") == ["Any venue", "Conway Hall", "Friends House"]
    assert attribute(page, "#f-venue option", "value") == ["", "conway-hall", "friends-house"]
    assert texts(page, "#f-speaker option") == ["Any speaker", "Owen Jones"]
    assert attribute(page, "#f-speaker option", "value") == ["", "owen-jones"]
    assert texts(page, "#f-tag option") == ["Any tag", "climate", "housing"]


@pytest.mark.parametrize("path", ["/", "/calendar/2026/12", "/week/2026-11-30"])
def test_the_facet_menus_follow_each_change(client, app_session, programme, path):
    """The menus are kept between changes: a publish and then an edit each show at once."""
    page_of(client.get(path))
    services.publish(app_session, programme[4].id, now=NOW)
    published = page_of(client.get(path))
    edit = dataclasses.replace(EventEdit.of(programme[4]), venues=[])
    services.edit_event(app_session, programme[4].id, edit, now=NOW)
    edited = page_of(client.get(path))

    assert texts(published, "#f-venue option") == [
        "Any venue",
        "Conway Hall",
        "Friends House",
        "Secret Room",
    ]
    assert texts(edited, "#f-venue option") == ["Any venue", "Conway Hall", "Friends House"]
    assert texts(edited, "#f-tag option") == ["Any tag", "climate", "housing", "secret"]


def test_a_chosen_facet_stays_chosen_in_the_form(client, programme):
    page = page_of(client.get("/?tag=housing&q=rally"))

    assert [o.attrs["value"] for o in elements(page, "#f-tag option") if "selected" in o.attrs] == [
        "housing"
    ]
    assert attribute(page, "#f-q", "value") == ["rally"]


@pytest.mark.parametrize(
    ("link", "query"),
    [
        ("Today", {"from": ["2026-11-28"], "to": ["2026-11-28"]}),
        ("This weekend", {"from": ["2026-11-28"], "to": ["2026-11-29"]}),
    ],
)
def test_day_shortcuts_are_plain_filtered_addresses(client, programme, link, query):
    page = page_of(client.get("/"))

    href = re.search(rf'<a href="([^"]+)">{link}</a>', page).group(1)
    assert parse_qs(urlsplit(html.unescape(href)).query) == query


def test_this_weekend_from_a_weekday(client, store_events):
    store_events(event("Saturday fair", start=london(2026, 12, 5, 11, 0)))

    page = page_of(client.get("/?from=2026-12-05&to=2026-12-06"))

    assert titles(page) == ["Saturday fair"]


def test_the_month_calendar_redirects_to_this_month_keeping_facets(client):
    response = client.get("/calendar/?tag=housing")

    assert response.status_code == 302
    assert response.headers["Location"] == "/calendar/2026/11?tag=housing"


def test_a_festival_fills_each_of_its_days_and_a_late_night_both_of_its(client, programme):
    days = cells(page_of(client.get("/calendar/2026/12")))

    assert {day: entries for day, entries in days.items() if entries} == {
        "2026-12-02": ["18:30 Housing rally"],
        "2026-12-03": ["10:00 Climate teach-in"],
        "2026-12-04": ["all day Winter festival"],
        "2026-12-05": ["continues Winter festival"],
        "2026-12-06": ["continues Winter festival"],
        "2026-12-11": ["22:00 All-night vigil"],
        "2026-12-12": ["continues All-night vigil"],
    }


def test_the_month_grid_has_whole_monday_first_weeks(client, programme):
    days = list(cells(page_of(client.get("/calendar/2026/12"))))

    assert days[0] == "2026-11-30" and days[-1] == "2027-01-03"
    assert len(days) % 7 == 0
    assert datetime.fromisoformat(days[0]).weekday() == 0


@pytest.mark.parametrize(
    ("instant", "month", "day"),
    [
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "2026/10", "2026-10-25"),
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "2026/10", "2026-10-25"),
        (datetime(2026, 10, 31, 23, 30, tzinfo=UTC), "2026/10", "2026-10-31"),
        (datetime(2026, 10, 31, 23, 30, tzinfo=UTC), "2026/11", "2026-10-31"),
        (datetime(2027, 3, 27, 23, 30, tzinfo=UTC), "2027/03", "2027-03-27"),
        (datetime(2027, 3, 28, 23, 30, tzinfo=UTC), "2027/03", "2027-03-29"),
        (datetime(2027, 3, 31, 23, 30, tzinfo=UTC), "2027/04", "2027-04-01"),
    ],
)
def test_months_with_a_clock_change_put_events_on_their_local_day(
    client, store_events, instant, month, day
):
    store_events(event("Night shift", start=instant, end=instant + timedelta(minutes=20)))

    days = cells(page_of(client.get(f"/calendar/{month}")))

    assert {d: entries for d, entries in days.items() if entries} == {
        day: [f"{instant.astimezone(LONDON):%H:%M} Night shift"]
    }


def test_the_month_view_narrows_by_facets_and_links_its_feed(client, programme):
    page = page_of(client.get("/calendar/2026/12?venue=friends-house"))

    assert [e for entries in cells(page).values() for e in entries] == [
        "10:00 Climate teach-in",
        "all day Winter festival",
        "continues Winter festival",
        "continues Winter festival",
    ]
    ics = html.unescape(re.search(r'href="(https://[^"]+/events\.ics[^"]*)"', page).group(1))
    assert parse_qs(urlsplit(ics).query) == {
        "venue": ["friends-house"],
        "from": ["2026-12-01"],
        "to": ["2026-12-31"],
    }
    assert attribute(page, ".pager a", "href") == [
        "/calendar/2026/11?venue=friends-house",
        "/calendar/2027/1?venue=friends-house",
    ]


def test_the_week_view_lists_every_day(client, programme):
    page = page_of(client.get("/week/2026-12-09"))

    headings = re.findall(r'<h2 id="day-([\d-]+)"', page)
    assert headings == [f"2026-12-{d:02d}" for d in range(7, 14)]
    assert texts(page, "section.day h2, section.day li, section.day p.empty") == [
        "Monday 7 December 2026",
        "Nothing listed.",
        "Tuesday 8 December 2026",
        "Nothing listed.",
        "Wednesday 9 December 2026",
        "Nothing listed.",
        "Thursday 10 December 2026",
        "Nothing listed.",
        "Friday 11 December 2026",
        "22:00 GMT to 12 December 02:00 All-night vigil Conway Hall",
        "Saturday 12 December 2026",
        "Continues from Friday All-night vigil Conway Hall",
        "Sunday 13 December 2026",
        "Nothing listed.",
    ]


@pytest.mark.parametrize(
    "path", ["/calendar/2026/13", "/calendar/0/1", "/week/2026-02-30", "/week/x"]
)
def test_impossible_periods_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_search_marks_the_words_it_matched(client, programme):
    page = page_of(client.get("/search?q=rally+owen"))

    assert texts(page, "mark") == ["rally", "Owen"]
    assert titles(page) == ["Housing rally"]


def test_search_marks_never_unescape_text(client, store_events):
    store_events(event("<b>rally</b> & <script>x</script>"))

    page = page_of(client.get("/search?q=rally"))

    assert "&lt;b&gt;<mark>rally</mark>&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;" in page


def test_an_event_page_previews_well_when_shared(client, programme):
    page = page_of(client.get(f"/events/{programme[0].slug}"))

    assert (
        f'<meta property="og:url" content="https://events.example.org/events/{programme[0].slug}">'
        in page
    )
    assert attribute(page, "meta[property=og:title]", "content") == ["Housing rally"]
    assert attribute(page, "meta[name=twitter:card]", "content") == ["summary"]
    assert attribute(page, "meta[property=og:description]", "content") == [
        "Wednesday 2 December 2026, 18:30–20:30 GMT · Conway Hall"
    ]


def test_an_event_page_links_its_venue_to_openstreetmap(client, store_events):
    [with_point] = store_events(
        event("Mapped", venues=[venue("Conway Hall", latitude=51.5196, longitude=-0.1190)])
    )
    [without] = store_events(
        event("Unmapped", venues=[venue("Friends House", address="173 Euston Road")])
    )

    assert "openstreetmap.org/?mlat=51.51960&amp;mlon=-0.11900" in page_of(
        client.get(f"/events/{with_point.slug}")
    )
    assert "openstreetmap.org/search?query=Friends+House%2C+173+Euston+Road" in page_of(
        client.get(f"/events/{without.slug}")
    )


def test_the_local_time_script_has_what_it_needs(client, store_events):
    [stored] = store_events(
        event(
            "Talk in New York",
            start=datetime(2027, 1, 14, 23, 0, tzinfo=UTC),
            timezone="America/New_York",
        )
    )

    page = page_of(client.get(f"/events/{stored.slug}"))

    assert '<script src="/static/localtime.js" defer></script>' in page
    assert 'datetime="2027-01-14T18:00:00-05:00" data-zone="America/New_York"' in page


def test_a_cancelled_event_says_so_in_its_preview(client, store_events):
    [stored] = store_events(event("Called off", status=EventStatus.CANCELLED))

    page = page_of(client.get(f"/events/{stored.slug}"))
    assert attribute(page, "meta[property=og:title]", "content") == ["[Cancelled] Called off"]


BUDGET = 60 * 1024


def test_a_listing_page_stays_within_its_weight_budget(client, store_events):
    store_events(
        *[
            event(
                f"Public meeting number {n} on housing and rent",
                start=NOW + timedelta(days=1 + n // 3, hours=n % 3),
                venues=[venue(f"Hall {n % 7}", postcode="WC1R 4RL")],
                links=[],
            )
            for n in range(50)
        ]
    )

    page = client.get("/").data
    with client.get("/static/style.css") as response:
        css = response.data

    assert len(page) + len(css) < BUDGET, f"{len(page)} + {len(css)} bytes"


def test_the_stylesheet_has_print_and_dark_styles(client):
    with client.get("/static/style.css") as response:
        css = response.get_data(as_text=True)

    assert "@media print" in css
    assert "prefers-color-scheme: dark" in css
