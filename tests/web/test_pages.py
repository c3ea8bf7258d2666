import re
from datetime import timedelta

import pytest

from events_app import services
from events_app.domain import EventStatus
from tests.builders import event, person, venue
from tests.conftest import NOW

FESTIVAL = "arise-a-festival-of-labours-left-ideas-2018-07-28"
RALLY = "opening-rally-for-arise-2018-07-27"


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_front_page_greets_with_the_demo_festival_when_nothing_is_upcoming(client, demo):
    page = text_of(client.get("/"))

    assert "No upcoming events are listed yet." in page
    assert "Recent events" in page
    assert "Arise — A Festival of Labour’s Left Ideas" in page
    assert "Friday 27 July 2018" in page
    assert "18:30 BST" in page
    assert page.index("Saturday 28 July 2018") < page.index("Friday 27 July 2018")


def test_front_page_lists_upcoming_events_by_day_in_order(client, store_events):
    store_events(
        event("Later talk", start=NOW + timedelta(days=2)),
        event("Sooner talk", start=NOW + timedelta(days=1)),
        event("Old talk", start=NOW - timedelta(days=30)),
    )

    page = text_of(client.get("/"))

    assert page.index("Sooner talk") < page.index("Later talk")
    assert "Sunday 29 November 2026" in page
    assert "Old talk" in page  # few upcoming, so recent past events follow


def test_event_page_shows_times_in_the_event_zone_and_its_festival(client, demo):
    page = text_of(client.get(f"/events/{RALLY}"))

    assert "<h1>Opening rally for Arise</h1>" in page
    assert "Friday 27 July 2018, 18:30 BST" in page
    assert "End time not announced" in page
    assert 'href="/venues/student-central"' in page
    assert "WC1E" in page
    assert f'href="/events/{FESTIVAL}"' in page
    assert f'href="/events/{RALLY}.ics"' in page


def test_festival_page_lists_speakers_and_sessions(client, demo):
    page = text_of(client.get(f"/events/{FESTIVAL}"))

    assert "Saturday 28 July 2018, 10:00–17:00 BST" in page
    assert ">John McDonnell MP</a>" in page
    assert ">Steve Turner</a>, Unite the Union" in page
    assert "Opening rally for Arise" in page
    assert "Session on Latin America" in page
    programme = text_of(client.get(f"/series/{FESTIVAL}"))
    assert programme.index("Opening rally for Arise") < programme.index("Session on Latin America")


def test_cancelled_event_says_so_plainly(client, app_session, store_events):
    [saved] = store_events(event("Picket", start=NOW + timedelta(days=3)))
    services.cancel(app_session, saved.id, now=NOW)

    assert "This event has been cancelled." in text_of(client.get(f"/events/{saved.slug}"))
    assert "<strong>Cancelled</strong>" in text_of(client.get("/"))


def test_venue_page_lists_its_events(client, demo):
    page = text_of(client.get("/venues/student-central"))

    assert "<h1>Student Central</h1>" in page
    assert "Opening rally for Arise" in page
    assert "Arise — A Festival of Labour’s Left Ideas" in page
    # The session names no venue of its own: it is at the festival's.
    assert "Session on Latin America" in page


def test_speaker_page_lists_their_events(client, demo):
    page = text_of(client.get("/speakers/chris-williamson"))

    assert "<h1>Chris Williamson</h1>" in page
    assert "Session on Latin America" in page
    assert "Opening rally for Arise" not in page


def test_past_page_groups_by_month(client, store_events):
    store_events(
        event("June meeting", start=NOW.replace(month=6, day=10)),
        event("October meeting", start=NOW.replace(month=10, day=10)),
    )

    page = text_of(client.get("/past"))

    assert page.index("October 2026") < page.index("October meeting") < page.index("June 2026")
    assert page.index("June 2026") < page.index("June meeting")


@pytest.mark.parametrize(
    ("query", "found", "missing"),
    [
        ("Latin America", "Session on Latin America", "Opening rally for Arise"),
        ("Unite House", "Arise — A Festival", "Opening rally for Arise"),
        ("abbott", "Arise — A Festival", "Opening rally for Arise"),
        ("rally", "Opening rally for Arise", "Session on Latin America"),
    ],
    ids=["title", "venue", "speaker", "word"],
)
def test_search_finds_by_title_venue_or_speaker(client, demo, query, found, missing):
    page = re.sub(r"</?mark>", "", text_of(client.get("/search", query_string={"q": query})))

    assert found in page
    assert missing not in page


def test_search_without_words_explains_itself(client, demo):
    assert "Type words from an event’s title" in text_of(client.get("/search"))


def test_front_page_filters_by_speaker(client, store_events):
    store_events(
        event("With Jones", start=NOW + timedelta(days=1), speakers=[person("Owen Jones")]),
        event("Without", start=NOW + timedelta(days=1), venues=[venue()]),
    )

    page = text_of(client.get("/", query_string={"speaker": "owen-jones"}))

    assert "With Jones" in page
    assert "Without" not in page


def test_drafts_are_not_shown_to_visitors(client, store_events):
    [draft] = store_events(event("Secret draft", start=NOW + timedelta(days=1), published=False))

    assert client.get(f"/events/{draft.slug}").status_code == 404
    assert "Secret draft" not in text_of(client.get("/"))


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
    assert "Not found" in text_of(response)
    assert "Traceback" not in text_of(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-13-45"}, "from must be a date, YYYY-MM-DD"),
        ({"to": "tomorrow"}, "to must be a date, YYYY-MM-DD"),
        ({"from": "2026-12-01", "to": "2026-11-01"}, "to must not be before from"),
        ({"q": "\x00"}, "q must not contain control characters"),
        ({"q": "x" * 201}, "q is too long"),
        ({"page": "-1"}, "page must be a whole number"),
    ],
    ids=["bad-from", "bad-to", "reversed", "nul", "long", "page"],
)
def test_bad_query_values_get_a_400_with_the_reason(client, query, message):
    path = "/past" if "page" in query else "/"
    response = client.get(path, query_string=query)

    assert response.status_code == 400
    assert message in text_of(response)


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
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{7*7}}" in page
    assert "<img src=x" not in page


def test_status_is_written_out_for_tentative_events(client, store_events):
    [saved] = store_events(
        event("Maybe", start=NOW + timedelta(days=1), status=EventStatus.TENTATIVE)
    )

    assert "Date and time to be confirmed." in text_of(client.get(f"/events/{saved.slug}"))
