"""A venue or speaker that only a draft (or a deleted event) names has no public page."""

from __future__ import annotations

from events_app import services
from tests.builders import event, person, venue
from tests.conftest import NOW


def test_pages_of_venues_and_speakers_only_drafts_name_are_not_found(
    client, store_events, app_session
):
    store_events(
        event(
            "Secret",
            published=False,
            venues=[venue("Hidden Room", address="1 Quiet Lane")],
            speakers=[person("Quiet Speaker")],
        )
    )
    [gone] = store_events(event("Gone", venues=[venue("Old Hall")], speakers=[person("Old Bo")]))
    store_events(event("Open", venues=[venue("Open Hall")], speakers=[person("Open Speaker")]))
    services.delete(app_session, gone.id, now=NOW)

    statuses = {
        path: client.get(path).status_code
        for path in (
            "/venues/hidden-room",
            "/speakers/quiet-speaker",
            "/venues/old-hall",
            "/speakers/old-bo",
            "/venues/open-hall",
            "/speakers/open-speaker",
        )
    }
    body = client.get("/").get_data(as_text=True)

    assert statuses == {
        "/venues/hidden-room": 404,
        "/speakers/quiet-speaker": 404,
        "/venues/old-hall": 404,
        "/speakers/old-bo": 404,
        "/venues/open-hall": 200,
        "/speakers/open-speaker": 200,
    }
    assert ("Hidden Room" in body, "Quiet Speaker" in body, "Open Hall" in body) == (
        False,
        False,
        True,
    )
