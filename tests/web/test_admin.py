"""Admins correct and merge venues and people, and manage accounts; organisers may not."""

from __future__ import annotations

import re
from datetime import timedelta

import icalendar
import pytest

from events_app.domain import EventFilter
from events_app.store import repository
from tests.builders import event, person, venue
from tests.conftest import NOW
from tests.html_reader import text, texts, titles
from tests.web.organiser_helpers import PASSWORD, csrf_of, sign_in


@pytest.fixture
def as_admin(client, admin):
    assert sign_in(client, "admin@example.org").status_code == 302
    return client


@pytest.fixture
def two_halls(store_events):
    return store_events(
        event(
            "Housing meeting",
            start=NOW + timedelta(days=2),
            venues=[venue("Conway Hall", postcode="WC1R 4RL")],
            speakers=[person("Owen Jones")],
        ),
        event(
            "Book launch",
            start=NOW + timedelta(days=3),
            venues=[venue("Conway Hall Humanist Centre")],
            speakers=[person("O. Jones")],
        ),
    )


def form_post(client, path, data):
    token = csrf_of(client.get("/organiser/").get_data(as_text=True))
    return client.post(path, data={**data, "csrf_token": token})


def venue_id(app_session, name):
    app_session.rollback()
    return next(v.id for v in repository.list_venues(app_session) if v.name == name)


def feed_events(client):
    feed = icalendar.Calendar.from_ical(client.get("/events.ics").data)
    return {str(v["SUMMARY"]): v for v in feed.walk("VEVENT")}


@pytest.mark.parametrize(
    "path", ["/organiser/venues/", "/organiser/people/", "/organiser/users/", "/organiser/venues/1"]
)
def test_organisers_may_not_use_the_admin_pages(signed_in, path):
    response = signed_in.get(path)

    assert response.status_code == 403
    assert "Only admins" in response.get_data(as_text=True)


def test_the_venue_list_counts_events(as_admin, two_halls):
    page = as_admin.get("/organiser/venues/").get_data(as_text=True)

    cells = texts(page, "table.directory tbody td")
    assert list(zip(cells[0::3], cells[1::3], strict=True)) == [
        ("Conway Hall WC1R 4RL", "1"),
        ("Conway Hall Humanist Centre", "1"),
    ]


def test_correcting_a_venue_reaches_every_event_and_calendar(as_admin, two_halls, app_session):
    hall = venue_id(app_session, "Conway Hall")
    before = feed_events(as_admin)["Housing meeting"]

    response = form_post(
        as_admin,
        f"/organiser/venues/{hall}",
        {"name": "Conway Hall", "address": "25 Red Lion Square", "postcode": "WC1R 4RL"},
    )

    after = feed_events(as_admin)["Housing meeting"]
    assert response.status_code == 302
    assert str(after["LOCATION"]) == "Conway Hall, 25 Red Lion Square, WC1R 4RL"
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    page = as_admin.get(f"/events/{two_halls[0].slug}").get_data(as_text=True)
    assert text(page, ".address") == "25 Red Lion Square, WC1R 4RL"


def test_merging_venues_moves_the_events_and_removes_the_duplicate(
    as_admin, two_halls, app_session
):
    keep = venue_id(app_session, "Conway Hall")
    duplicate = venue_id(app_session, "Conway Hall Humanist Centre")

    response = form_post(as_admin, f"/organiser/venues/{duplicate}/merge", {"into": str(keep)})

    app_session.rollback()
    at_hall = repository.list_events(app_session, EventFilter(venue="conway-hall"))
    assert response.status_code == 302
    assert [e.title for e in at_hall] == ["Housing meeting", "Book launch"]
    assert [v.name for v in repository.list_venues(app_session)] == ["Conway Hall"]
    assert as_admin.get("/venues/conway-hall-humanist-centre").status_code == 404
    assert str(feed_events(as_admin)["Book launch"]["LOCATION"]) == "Conway Hall, WC1R 4RL"


def test_merging_people(as_admin, two_halls, app_session):
    keep = repository.get_person(app_session, "owen-jones").id
    duplicate = repository.get_person(app_session, "o-jones").id

    form_post(as_admin, f"/organiser/people/{duplicate}/merge", {"into": str(keep)})

    page = as_admin.get("/speakers/owen-jones").get_data(as_text=True)
    assert titles(page) == ["Housing meeting", "Book launch"]
    assert as_admin.get("/speakers/o-jones").status_code == 404


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"name": ""}, 422, "needs a name"),
        ({"name": "Hall", "latitude": "north"}, 422, "Latitude must be a number"),
        ({"name": "Hall", "latitude": "nan"}, 422, "Latitude must be a number"),
        ({"name": "Hall", "longitude": "١٢"}, 422, "Longitude must be a number"),
        ({"name": "Hall", "longitude": "1_0"}, 422, "Longitude must be a number"),
        ({"name": "Hall", "latitude": "123"}, 422, "Latitude must be between -90 and 90"),
        ({"name": "H" * 400}, 422, "at most 300"),
    ],
)
def test_bad_venue_fields_change_nothing(as_admin, two_halls, app_session, fields, status, message):
    hall = venue_id(app_session, "Conway Hall")
    version = repository.data_version(app_session)

    response = form_post(as_admin, f"/organiser/venues/{hall}", fields)

    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    app_session.rollback()
    assert repository.data_version(app_session) == version


def test_merging_into_itself_or_nothing_is_refused(as_admin, two_halls, app_session):
    hall = venue_id(app_session, "Conway Hall")
    itself = form_post(as_admin, f"/organiser/venues/{hall}/merge", {"into": str(hall)})

    assert itself.status_code == 422
    assert "Choose a different entry" in itself.get_data(as_text=True)
    assert form_post(as_admin, f"/organiser/venues/{hall}/merge", {"into": ""}).status_code == 422
    assert len(repository.list_venues(app_session)) == 2


def test_an_admin_adds_an_account_that_can_sign_in(as_admin, client):
    response = form_post(
        as_admin,
        "/organiser/users/",
        {"email": "New@Example.org", "password": PASSWORD, "role": "organiser"},
    )

    assert response.status_code == 302
    users = as_admin.get("/organiser/users/").get_data(as_text=True)
    assert texts(users, "tbody td")[0::3] == ["admin@example.org", "new@example.org"]
    form_post(as_admin, "/logout", {})
    assert sign_in(client, "new@example.org").status_code == 302


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "not an address", "password": PASSWORD}, "not an e-mail address"),
        ({"email": "admin@example.org", "password": PASSWORD}, "already an account"),
        ({"email": "x@example.org", "password": "short"}, "at least"),
    ],
)
def test_bad_accounts_are_refused(as_admin, fields, message):
    response = form_post(as_admin, "/organiser/users/", {"role": "organiser", **fields})

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_the_last_admin_stays_an_admin(as_admin, admin):
    response = form_post(as_admin, f"/organiser/users/{admin.id}/role", {"role": "organiser"})

    assert response.status_code == 422
    assert "last admin" in response.get_data(as_text=True)
    assert as_admin.get("/organiser/users/").status_code == 200


def test_an_organiser_can_be_made_an_admin(as_admin, organiser, client):
    form_post(as_admin, f"/organiser/users/{organiser.id}/role", {"role": "admin"})
    form_post(as_admin, "/logout", {})
    sign_in(client)

    assert client.get("/organiser/venues/").status_code == 200


@pytest.mark.parametrize(("action", "address"), [("accept", "25 Red Lion Square"), ("reject", "")])
def test_an_organisers_differing_detail_waits_for_the_admin(
    as_admin, two_halls, store_events, app_session, action, address
):
    store_events(
        event("Draft talk", published=False, venues=[venue("Conway Hall", address=address or "x")])
    )
    page = as_admin.get("/organiser/venues/").get_data(as_text=True)
    [suggestion_id] = re.findall(r'action="/organiser/venues/suggestions/(\d+)"', page)
    hall = two_halls[0].venues[0]

    response = as_admin.post(
        f"/organiser/venues/suggestions/{suggestion_id}",
        data={"action": action, "csrf_token": csrf_of(page)},
    )

    assert response.status_code == 302
    app_session.rollback()
    after = repository.get_event_by_id(app_session, two_halls[0].id)
    assert (after.venues[0].address, after.sequence) == (
        address or hall.address,
        1 if action == "accept" else 0,
    )
    assert "Suggested details" not in as_admin.get("/organiser/venues/").get_data(as_text=True)
