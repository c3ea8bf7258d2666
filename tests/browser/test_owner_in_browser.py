"""The owner of an event finds "Edit this event" on its public page, in Chromium at phone and
desktop sizes, on a page axe-core finds nothing wrong with. Screenshots go to
test-artifacts/owner/."""

from __future__ import annotations

import pytest

from events_app import accounts
from events_app.domain import Role
from tests.browser.conftest import (
    ARTIFACTS,
    SIZES,
    LiveServer,
    follow,
    sign_in,
    store_events,
    violations,
)
from tests.builders import event, london
from tests.conftest import NOW
from tests.web.organiser_helpers import PASSWORD


@pytest.fixture
def seed():
    def events(session, owner):
        store_events(
            session, [event("Winter school", owner_id=owner.id, start=london(2027, 1, 9, 10, 0))]
        )

    return events


@pytest.mark.parametrize("size", list(SIZES))
def test_the_owner_edits_from_the_public_page(open_page, server, axe_source, size):
    page = open_page(size)
    page.goto(f"{server.url}/")
    follow(page, page.get_by_role("link", name="Winter school"))
    before = page.get_by_role("link", name="Edit this event").count()
    sign_in(page, server)
    follow(page, page.get_by_role("link", name="Winter school", exact=True))
    folder = ARTIFACTS / "owner"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"event-with-edit-{size}.png"), full_page=True)
    found = violations(page, axe_source)

    follow(page, page.get_by_role("link", name="Edit this event"))
    heading = page.locator("h1").inner_text()

    assert before == 0
    assert heading == "Edit “Winter school”"
    assert found == []


@pytest.mark.parametrize("size", list(SIZES))
def test_the_dashboard_searches_and_shows_one_kind(open_page, live_app, axe_source, size):
    with live_app.extensions["events_db"].sessions() as session:
        owner = accounts.create_user(session, "org@example.org", PASSWORD, Role.ORGANISER, NOW)
        store_events(
            session,
            [
                event("Book club, March", owner_id=owner.id, start=london(2027, 3, 5, 19, 0)),
                event("Book club, January", owner_id=owner.id, start=london(2027, 1, 8, 19, 0)),
                event("Book club, last May", owner_id=owner.id, start=london(2026, 5, 1, 19, 0)),
                event("Film night", owner_id=owner.id, start=london(2027, 1, 15, 19, 0)),
                event(
                    "Book club, April",
                    owner_id=owner.id,
                    published=False,
                    start=london(2027, 4, 2, 19, 0),
                ),
            ],
        )
    with LiveServer(live_app) as server:
        page = open_page(size)
        sign_in(page, server)
        everything = page.locator("li.event .event-title").all_inner_texts()
        page.get_by_label("Search your events").fill("book club")
        page.get_by_label("Show").select_option(label="Upcoming")
        page.get_by_role("button", name="Search", exact=True).last.click()
        page.wait_for_url("**section=upcoming**")
        upcoming = page.locator("li.event .event-title").all_inner_texts()
        folder = ARTIFACTS / "owner"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"dashboard-filtered-{size}.png"), full_page=True)
        found = violations(page, axe_source)

    assert everything == [
        "Book club, April",
        "Book club, January",
        "Film night",
        "Book club, March",
        "Book club, last May",
    ]
    assert upcoming == ["Book club, January", "Book club, March"]
    assert found == []
