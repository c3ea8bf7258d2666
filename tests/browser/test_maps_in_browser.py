"""An admin places a venue by pasting an OpenStreetMap link, in Chromium at phone and desktop
sizes; the venue and event pages then show the map, which their policy lets in (checked with
the policy in force), on pages axe-core finds nothing wrong with. openstreetmap.org itself is
answered by a page of our own, so the test needs no network. Screenshots go to
test-artifacts/maps/."""

from __future__ import annotations

import pytest

from events_app.domain import Role
from tests.browser.conftest import (
    SIZES,
    LiveServer,
    follow,
    shooter,
    sign_in,
    store_events,
    violations,
)
from tests.builders import event, london, venue

MAP_PAGE = "<!doctype html><html lang=en><title>Map</title><p>The map of OpenStreetMap</p>"
LINK = "https://www.openstreetmap.org/?mlat=51.53857&mlon=-0.10259#map=19/51.53857/-0.10259"

shot = shooter("maps")


@pytest.fixture
def account():
    return "admin@example.org", Role.ADMIN


@pytest.fixture
def seed():
    def events(session, owner):
        store_events(
            session,
            [
                event(
                    "Poetry evening",
                    start=london(2027, 1, 9, 19, 0),
                    venues=[venue("The Crown", address="1 Upper Street", postcode="N1 1AA")],
                )
            ],
        )

    return events


def answer_for_openstreetmap(context) -> None:
    context.route(
        "https://www.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=MAP_PAGE),
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_an_admin_pastes_a_map_link_and_the_pages_show_the_map(open_page, server, axe_source, size):
    page = open_page(size)
    answer_for_openstreetmap(page.context)
    sign_in(page, server, "admin@example.org")
    page.goto(f"{server.url}/organiser/venues/")
    follow(page, page.get_by_role("link", name="Edit or merge The Crown"))
    page.get_by_label("Or paste an OpenStreetMap link").fill(LINK)
    shot(page, f"venue-edit-{size}")
    edit_violations = violations(page, axe_source)
    follow(page, page.get_by_role("button", name="Save"))
    saved = page.locator(".flash").inner_text()

    page.goto(f"{server.url}/venues/the-crown")
    venue_map = page.get_by_title("Map of The Crown")
    page.frame_locator("iframe[title='Map of The Crown']").get_by_text("The map").wait_for()
    shot(page, f"venue-{size}")
    venue_violations = violations(page, axe_source)
    page.goto(
        f"{server.url}{page.get_by_role('link', name='Poetry evening').get_attribute('href')}"
    )
    page.frame_locator("iframe[title='Map of The Crown']").get_by_text("The map").wait_for()
    shot(page, f"event-{size}")
    event_violations = violations(page, axe_source)

    assert saved == "Saved The Crown. Every event at or with it shows the change."
    assert venue_map.get_attribute("src").endswith("&marker=51.53857%2C-0.10259")
    assert edit_violations == []
    assert venue_violations == []
    assert event_violations == []


@pytest.fixture
def placed(live_app):
    with live_app.extensions["events_db"].sessions() as session:
        store_events(
            session,
            [
                event(
                    "Poetry evening",
                    start=london(2027, 1, 9, 19, 0),
                    venues=[venue("The Crown", latitude=51.53857, longitude=-0.10259)],
                )
            ],
        )
    with LiveServer(live_app) as running:
        yield running


def test_the_policy_in_force_lets_only_the_map_in(browser, placed):
    """With the page's own policy (not bypassed): the map frame loads on a page with a map,
    and a page without one refuses the same frame, as Chromium reports on the console."""
    context = browser.new_context()
    answer_for_openstreetmap(context)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{placed.url}/venues/the-crown")
    shown = page.frame_locator("iframe").get_by_text("The map").inner_text()
    on_the_map_page = list(messages)

    page.goto(f"{placed.url}/search?q=poetry")
    with page.expect_console_message(lambda message: "frame-src" in message.text) as refused:
        page.evaluate(
            """() => { const frame = document.createElement('iframe');
                frame.src = 'https://www.openstreetmap.org/export/embed.html';
                document.body.append(frame); }"""
        )
    context.close()

    assert shown == "The map of OpenStreetMap"
    assert on_the_map_page == []
    assert refused.value.text.startswith(
        "Framing 'https://www.openstreetmap.org/' violates the following Content Security "
        "Policy directive: \"frame-src 'self'\"."
    )
