"""schema.org markup of a festival: every session it lists says where it happens."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from tests.builders import child_of, event, venue
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
