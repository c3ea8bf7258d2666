"""schema.org markup of a festival: every session it lists says where it happens."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from tests.builders import child_of, event, london, venue
from tests.conftest import NOW


def jsonld_of(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def test_sessions_are_where_their_festival_is_unless_they_name_a_place(client, store_events):
    start = NOW + timedelta(days=10)
    festival, *_ = store_events(
        event("Festival", start=start, venues=[venue("Conway Hall", address="Red Lion Sq")]),
        event("In the hall", start=start, parent=child_of("Festival")),
        event(
            "In the garden",
            start=start + timedelta(hours=2),
            parent=child_of("Festival"),
            venues=[venue("Garden")],
        ),
    )

    data = jsonld_of(client.get(f"/events/{festival.slug}").get_data(as_text=True))

    hall = {
        "@type": "Place",
        "name": "Conway Hall",
        "address": {"@type": "PostalAddress", "streetAddress": "Red Lion Sq"},
    }
    garden = {"@type": "Place", "name": "Garden", "address": {"@type": "PostalAddress"}}
    assert {s["name"]: s["location"] for s in data["subEvent"]} == {
        "In the hall": [hall],
        "In the garden": [garden],
    }


def test_days_without_clock_times_are_dates_for_the_festival_and_each_session(client, store_events):
    festival, _, open_day, _ = store_events(
        event(
            "Winter school",
            start=london(2027, 1, 9),
            end=london(2027, 1, 11),
            all_day=True,
        ),
        event(
            "Opening",
            start=london(2027, 1, 9, 10, 30),
            end=london(2027, 1, 9, 11, 30),
            parent=child_of("Winter school"),
        ),
        event(
            "Open day",
            start=london(2027, 1, 10),
            end=london(2027, 1, 11),
            all_day=True,
            parent=child_of("Winter school"),
        ),
        event(
            "Closing talk",
            start=london(2027, 1, 10),
            end=london(2027, 1, 11),
            all_day=True,
            time_tba=True,
            parent=child_of("Winter school"),
        ),
    )

    whole = jsonld_of(client.get(f"/events/{festival.slug}").get_data(as_text=True))
    one = jsonld_of(client.get(f"/events/{open_day.slug}").get_data(as_text=True))

    assert (whole["startDate"], whole["endDate"]) == ("2027-01-09", "2027-01-10")
    assert {s["name"]: s["startDate"] for s in whole["subEvent"]} == {
        "Opening": "2027-01-09T10:30:00+00:00",
        "Open day": "2027-01-10",
        "Closing talk": "2027-01-10",
    }
    assert (one["startDate"], one["endDate"]) == ("2027-01-10", "2027-01-10")
