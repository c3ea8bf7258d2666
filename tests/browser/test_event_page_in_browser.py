"""An event's page as a visitor meets it in Chromium at phone and desktop sizes: the one call
to action, the share controls (the link copied, a Mastodon post opened on the server the
visitor names) and a cancelled event with nothing to book, on pages axe-core finds nothing
wrong with. Screenshots go to test-artifacts/event-page/."""

from __future__ import annotations

import pytest

from events_app.domain import EventStatus, Link, LinkKind
from tests.browser.conftest import SIZES, shooter, store_events, violations
from tests.builders import event, london, venue

TICKETS = "https://tickets.example.org/poetry"

shot = shooter("event-page")


@pytest.fixture
def seed():
    def events(session, owner):
        store_events(
            session,
            [
                event(
                    "Poetry evening",
                    start=london(2027, 1, 9, 19, 0),
                    organiser="Islington Readers",
                    venues=[venue("The Crown", address="1 Upper Street", postcode="N1 1AA")],
                    links=[Link(TICKETS, LinkKind.TICKETS, price="£5")],
                    description="Five poets, one pint each.",
                ),
                event(
                    "Quiz night",
                    start=london(2027, 1, 10, 19, 0),
                    status=EventStatus.CANCELLED,
                    links=[Link(TICKETS, LinkKind.TICKETS, price="£2")],
                ),
            ],
        )

    return events


@pytest.mark.parametrize("size", list(SIZES))
def test_a_visitor_books_copies_the_link_and_shares_it(open_page, server, axe_source, size):
    page = open_page(size)
    context = page.context
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.goto(f"{server.url}/events/poetry-evening-2027-01-09")
    shot(page, f"event-{size}")
    found = violations(page, axe_source)
    book = page.get_by_role("link", name="Book a place")

    page.get_by_role("button", name="Copy link").click()
    page.get_by_text("Link copied.").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    shown = page.get_by_label("Link to this page").input_value()
    page.get_by_label("Your Mastodon server").fill("https://social.example/@me")
    context.route("https://social.example/**", lambda route: route.fulfill(body="posted"))
    with context.expect_page() as opened:
        page.get_by_role("button", name="Share on Mastodon").click()
    mastodon = opened.value.url

    assert book.get_attribute("href") == TICKETS
    assert copied == shown == "http://127.0.0.1:5000/events/poetry-evening-2027-01-09"
    assert mastodon == (
        "https://social.example/share?text=Poetry%20evening%20"
        f"{copied.replace(':', '%3A').replace('/', '%2F')}"
    )
    assert found == []


@pytest.mark.parametrize("size", list(SIZES))
def test_a_cancelled_event_offers_nothing_to_book(open_page, server, axe_source, size):
    page = open_page(size)
    page.goto(f"{server.url}/events/quiz-night-2027-01-10")
    shot(page, f"cancelled-{size}")
    found = violations(page, axe_source)

    offered = page.locator(".call-to-action, .add-to-calendar").count()
    status = page.get_by_role("status").first.inner_text()

    assert (offered, status) == (0, "This event has been cancelled.")
    assert found == []
