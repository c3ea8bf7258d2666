from datetime import timedelta

import pytest

from events_app import services
from events_app.domain import EventStatus
from tests.builders import event, person, venue
from tests.conftest import NOW
from tests.html_reader import attribute, text, texts, titles

FESTIVAL = "arise-a-festival-of-labours-left-ideas-2018-07-28"
RALLY = "opening-rally-for-arise-2018-07-27"


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_front_page_greets_with_the_demo_festival_when_nothing_is_upcoming(client, demo):
    page = text_of(client.get("/"))

    assert text(page, "p.empty") == "No upcoming events are listed yet."
    assert text(page, "#recent-heading") == "Recent events"
    assert texts(page, ".recent .day-heading") == ["Saturday 28 July 2018", "Friday 27 July 2018"]
    assert titles(page) == [
        "Arise — A Festival of Labour’s Left Ideas",
        "Session on Latin America",
        "Opening rally for Arise",
    ]
    assert texts(page, ".event-time")[-1] == "18:30 BST"


def test_front_page_lists_upcoming_events_by_day_in_order(client, store_events):
    store_events(
        event("Later talk", start=NOW + timedelta(days=2)),
        event("Sooner talk", start=NOW + timedelta(days=1)),
        event("Old talk", start=NOW - timedelta(days=30)),
    )

    page = text_of(client.get("/"))

    assert texts(page, ".day-heading") == [
        "Sunday 29 November 2026",
        "Monday 30 November 2026",
        "Thursday 29 October 2026",
    ]
    # few upcoming, so recent past events follow
    assert titles(page) == ["Sooner talk", "Later talk", "Old talk"]


def test_event_page_shows_times_in_the_event_zone_and_its_festival(client, demo):
    page = text_of(client.get(f"/events/{RALLY}"))

    assert text(page, "h1") == "Opening rally for Arise"
    assert texts(page, "dl.facts dt") == ["When", "Where", "Part of", "Tags"]
    assert texts(page, "dl.facts dd")[:3] == [
        "Friday 27 July 2018, 18:30 BST End time not announced",
        "Student Central WC1E Map of Student Central on OpenStreetMap",
        "Arise — A Festival of Labour’s Left Ideas",
    ]
    assert attribute(page, "dl.facts a", "href")[::2] == [
        "/venues/student-central",
        f"/events/{FESTIVAL}",
    ]
    assert attribute(page, "link[rel=alternate]", "href")[-1] == f"/events/{RALLY}.ics"
    assert attribute(page, ".add-to-calendar a", "href")[0].endswith(f"/events/{RALLY}.ics")


def test_festival_page_lists_speakers_and_sessions(client, demo):
    page = text_of(client.get(f"/events/{FESTIVAL}"))

    facts = dict(zip(texts(page, "dl.facts dt"), texts(page, "dl.facts dd"), strict=True))
    assert facts["When"] == "Saturday 28 July 2018, 10:00–17:00 BST"
    assert texts(page, "dl.facts dd li") == [
        "Student Central WC1E Map of Student Central on OpenStreetMap",
        "Unite House Map of Unite House on OpenStreetMap",
        "John McDonnell MP",
        "Diane Abbott MP",
        "Richard Burgon MP",
        "Shami Chakrabarti",
        "Steve Turner, Unite the Union",
    ]
    assert texts(page, ".event-page ul.events li") == [
        "Opening rally for Arise",
        "Session on Latin America",
    ]
    programme = text_of(client.get(f"/series/{FESTIVAL}"))
    assert titles(programme) == [
        "Opening rally for Arise",
        "Session on Latin America",
        "Arise — A Festival of Labour’s Left Ideas",
    ]


def test_cancelled_event_says_so_plainly(client, app_session, store_events):
    [saved] = store_events(event("Picket", start=NOW + timedelta(days=3)))
    services.cancel(app_session, saved.id, now=NOW)

    event_page = text_of(client.get(f"/events/{saved.slug}"))
    assert texts(event_page, ".status") == ["This event has been cancelled."]
    assert texts(text_of(client.get("/")), ".event--cancelled .status") == ["Cancelled"]


def test_venue_page_lists_its_events(client, demo):
    page = text_of(client.get("/venues/student-central"))

    assert text(page, "h1") == "Student Central"
    # The session names no venue of its own: it is at the festival's.
    assert titles(page) == [
        "Arise — A Festival of Labour’s Left Ideas",
        "Session on Latin America",
        "Opening rally for Arise",
    ]


def test_speaker_page_lists_their_events(client, demo):
    page = text_of(client.get("/speakers/chris-williamson"))

    assert text(page, "h1") == "Chris Williamson"
    assert titles(page) == ["Session on Latin America"]


def test_past_page_groups_by_month(client, store_events):
    store_events(
        event("June meeting", start=NOW.replace(month=6, day=10)),
        event("October meeting", start=NOW.replace(month=10, day=10)),
    )

    page = text_of(client.get("/past"))

    assert texts(page, "section.month h2, .event-title") == [
        "October 2026",
        "October meeting",
        "June 2026",
        "June meeting",
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Latin America", ["Session on Latin America"]),
        # The session names no venue of its own: it is at the festival's.
        ("Unite House", ["Arise — A Festival of Labour’s Left Ideas", "Session on Latin America"]),
        ("abbott", ["Arise — A Festival of Labour’s Left Ideas"]),
        ("rally", ["Opening rally for Arise"]),
    ],
    ids=["title", "venue", "speaker", "word"],
)
def test_search_finds_by_title_venue_or_speaker(client, demo, query, found):
    page = text_of(client.get("/search", query_string={"q": query}))

    assert titles(page) == found


def test_search_without_words_explains_itself(client, demo):
    assert texts(text_of(client.get("/search")), "main p") == [
        "Type words from an event’s title, description, venue or speaker into the search box above."
    ]


def test_front_page_filters_by_speaker(client, store_events):
    store_events(
        event("With Jones", start=NOW + timedelta(days=1), speakers=[person("Owen Jones")]),
        event("Without", start=NOW + timedelta(days=1), venues=[venue()]),
    )

    page = text_of(client.get("/", query_string={"speaker": "owen-jones"}))

    assert titles(page) == ["With Jones"]


def test_drafts_are_not_shown_to_visitors(client, store_events):
    [draft] = store_events(event("Secret draft", start=NOW + timedelta(days=1), published=False))

    assert client.get(f"/events/{draft.slug}").status_code == 404
    assert titles(text_of(client.get("/"))) == []


@pytest.mark.parametrize(
    "path",
    [
        "/nowhere",
        "/events/abc",
        "/events/99999999999999999999",
        "/venues/nowhere",
        "/speakers/nobody",
        "/series/none",
        "/events/abc.ics",
    ],
)
def test_unknown_addresses_get_a_404_page(client, path):
    response = client.get(path)

    assert response.status_code == 404
    heading = text(text_of(response), "h1") if response.mimetype == "text/html" else None
    assert (heading or text_of(response)).startswith("Not found")
    assert "Traceback" not in text_of(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-13-45"}, "from must be a date, YYYY-MM-DD"),
        ({"to": "tomorrow"}, "to must be a date, YYYY-MM-DD"),
        ({"from": "2026-12-01", "to": "2026-11-01"}, "to must not be before from"),
        ({"q": "\x00"}, "q must not contain control characters"),
        ({"q": "x" * 201}, "q is too long: at most 200 characters"),
        ({"page": "-1"}, "page must be a whole number from 1 to 10000"),
    ],
    ids=["bad-from", "bad-to", "reversed", "nul", "long", "page"],
)
def test_bad_query_values_get_a_400_with_the_reason(client, query, message):
    path = "/past" if "page" in query else "/"
    response = client.get(path, query_string=query)

    assert response.status_code == 400
    assert texts(text_of(response), "main p")[0] == message


def test_user_text_is_escaped(client, store_events):
    [saved] = store_events(
        event(
            "<script>alert(1)</script>",
            start=NOW + timedelta(days=1),
            description="{{7*7}} <img src=x onerror=alert(1)>",
        )
    )

    page = text_of(client.get(f"/events/{saved.slug}"))

    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert text(page, "h1") == "<script>alert(1)</script>"
    assert text(page, ".description") == "{{7*7}} <img src=x onerror=alert(1)>"


def test_status_is_written_out_for_tentative_events(client, store_events):
    [saved] = store_events(
        event("Maybe", start=NOW + timedelta(days=1), status=EventStatus.TENTATIVE)
    )

    page = text_of(client.get(f"/events/{saved.slug}"))
    assert texts(page, ".status") == ["Date and time to be confirmed."]
