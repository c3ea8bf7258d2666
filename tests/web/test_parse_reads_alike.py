"""The review page and `POST /api/v1/parse` read one text alike: both know the venues that
published events name, so a place named without an address is recognised by either."""

from __future__ import annotations

from tests.builders import event, london, venue
from tests.web.organiser_helpers import paste, review_form

TEXT = "Quiz night, Tuesday 14 April 2026 from 8pm, upstairs at the red lion. Teams of six."


def test_the_api_and_the_review_page_both_know_the_published_venues(signed_in, store_events):
    store_events(event("Folk club", start=london(2026, 3, 3, 19, 0), venues=[venue("Red Lion")]))

    api = signed_in.post("/api/v1/parse", json={"text": TEXT, "reference_date": "2026-04-01"})
    review = paste(signed_in, text=TEXT, reference="2026-04-01")

    assert [[v["name"] for v in e["venues"]] for e in api.get_json()["events"]] == [["Red Lion"]]
    fields = review_form(review.get_data(as_text=True))
    assert {k: v for k, v in fields.items() if k.endswith("venues")} == {"e0-venues": "Red Lion"}
