"""Each box of the event form has its own limit, from the domain's (`forms.BOX_MAX`,
`forms.LINE_BOXES`): too much is refused with a 422 naming the box, on the review page's
publish and on the edit form alike, the form shown again as it was, and nothing is stored
or changed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from events_app.domain import EventFilter
from events_app.store import repository
from tests.builders import event
from tests.conftest import NOW
from tests.html_reader import alerts
from tests.web.organiser_helpers import csrf_of

FORM = {
    "title": "Branch meeting",
    "start_date": "2027-03-12",
    "start_time": "19:00",
    "end_time": "21:00",
    "timezone": "Europe/London",
    "venues": "Conway Hall; 25 Red Lion Square; WC1R 4RL; London",
}


def publish(client, **boxes: str):
    token = csrf_of(client.get("/organiser/").get_data(as_text=True))
    values = {f"e0-{name}": value for name, value in {**FORM, **boxes}.items()}
    data = {**values, "e0-include": "on", "count": "1", "action": "publish", "text": ""}
    return client.post("/organiser/publish", data={**data, "csrf_token": token})


def edit(client, stored, **boxes: str):
    page = client.get(f"/organiser/events/{stored.id}/edit").get_data(as_text=True)
    version = re.search(r'name="version" value="([^"]+)"', page).group(1)
    data = {**FORM, **boxes, "version": version, "csrf_token": csrf_of(page)}
    return client.post(f"/organiser/events/{stored.id}/edit", data=data)


def lines(count: int, line: str) -> str:
    return "\n".join(f"{line} {n}" for n in range(count))


ROWS = [
    ("a 301-character title", {"title": "T" * 301}, "Title is too long: at most 300 characters"),
    (
        "a 20,001-character description",
        {"description": "d" * 20_001},
        "Description is too long: at most 20,000 characters",
    ),
    ("21 venues", {"venues": lines(21, "Hall")}, "Too many venues: at most 20 per event"),
    (
        "101 speakers",
        {"speakers": lines(101, "Speaker")},
        "Too many speakers: at most 100 per event",
    ),
    (
        "a 301-character venue name",
        {"venues": "V" * 301},
        "Venue name is too long: at most 300 characters",
    ),
    (
        "a 501-character address",
        {"venues": "Conway Hall; " + "a" * 501},
        "Address is too long: at most 500 characters",
    ),
    (
        "a venue line longer than its parts",
        {"venues": "Conway Hall; " + "a" * 1_000},
        "A venue line is too long: at most 949 characters",
    ),
    (
        "a 301-character speaker name",
        {"speakers": "S" * 301},
        "Speaker name is too long: at most 300 characters",
    ),
    (
        "a 2,001-character link",
        {"url": "https://example.org/" + "p" * 1_981},
        "Link is too long: at most 2,000 characters",
    ),
    (
        "a 201-character price",
        {"tickets": "https://example.org/book", "price": "£" * 201},
        "Price is too long: at most 200 characters",
    ),
    (
        "a 101-character start time",
        {"start_time": "1" * 101},
        "Start time is too long: at most 100 characters",
    ),
]


@pytest.fixture
def stored(store_events, organiser):
    [saved] = store_events(event("Existing", start=NOW + timedelta(days=3), owner_id=organiser.id))
    return saved


def snapshot(app_session):
    app_session.rollback()
    found = repository.list_events(app_session, EventFilter(include_drafts=True))
    return repository.data_version(app_session), [(e.title, e.sequence) for e in found]


@pytest.mark.parametrize("way", ["publish", "edit"])
@pytest.mark.parametrize(("boxes", "message"), [pytest.param(b, m, id=name) for name, b, m in ROWS])
def test_an_over_full_box_is_refused_by_name(signed_in, app_session, stored, way, boxes, message):
    before = snapshot(app_session)

    response = publish(signed_in, **boxes) if way == "publish" else edit(signed_in, stored, **boxes)

    assert response.status_code == 422
    assert alerts(response.get_data(as_text=True)) == [message]
    assert snapshot(app_session) == before


def test_boxes_at_their_limits_are_kept_whole(signed_in, app_session):
    address = "a" * 500
    response = publish(
        signed_in,
        title="T" * 300,
        venues=lines(19, "Hall") + f"\nConway Hall; {address}",
        speakers=lines(100, "Speaker"),
    )

    assert response.status_code == 302
    app_session.rollback()
    [saved] = repository.list_events(app_session, EventFilter())
    assert (saved.title, len(saved.venues), len(saved.speakers)) == ("T" * 300, 20, 100)
    assert saved.venues[-1].address == address
