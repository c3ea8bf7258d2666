"""One stored event a calendar cannot carry never takes a feed down: rows stored before the
entry checks refused such dates, or written by hand, are left out of the feed and logged."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import pytest

from events_app.store import repository
from tests.builders import event
from tests.conftest import NOW


@pytest.fixture
def legacy_rows(app_session):
    """Saved straight through the repository, as rows from before the entry checks are."""
    rows = [
        event("Fine", uid="fine@x", start=datetime(2027, 5, 1, 18, tzinfo=UTC)),
        event(
            "Far future",
            uid="future@x",
            slug="far-future",
            start=datetime(9999, 12, 31, 20, tzinfo=UTC),
            end=None,
            timezone="Australia/Sydney",
        ),
        event(
            "Long ago",
            uid="past@x",
            slug="long-ago",
            start=datetime(1, 1, 1, 1, tzinfo=UTC),
            end=None,
            timezone="America/New_York",
        ),
    ]
    saved = [repository.save_event(app_session, row, now=NOW) for row in rows]
    app_session.commit()
    return saved


def test_the_site_feed_leaves_out_what_it_cannot_carry(client, legacy_rows):
    response = client.get("/events.ics")

    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.data)
    assert [str(v["UID"]) for v in calendar.walk("VEVENT")] == ["fine@x"]


@pytest.mark.parametrize("uid", ["future@x", "past@x"])
def test_the_event_feed_of_such_an_event_is_an_empty_calendar(client, legacy_rows, uid):
    [row] = [r for r in legacy_rows if r.uid == uid]

    response = client.get(f"/events/{row.slug}.ics")

    assert response.status_code == 200
    assert icalendar.Calendar.from_ical(response.data).walk("VEVENT") == []
