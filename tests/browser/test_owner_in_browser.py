"""The owner of an event finds "Edit this event" on its public page, in Chromium at phone and
desktop sizes, on a page axe-core finds nothing wrong with. Screenshots go to
test-artifacts/owner/."""

from __future__ import annotations

import pytest

from events_app import accounts, services
from events_app.domain import Role
from tests.browser.conftest import ARTIFACTS, SIZES, LiveServer, sign_in, violations
from tests.builders import event, london
from tests.conftest import NOW
from tests.web.organiser_helpers import PASSWORD


@pytest.fixture
def server(live_app):
    with live_app.extensions["events_db"].sessions() as session:
        owner = accounts.create_user(session, "org@example.org", PASSWORD, Role.ORGANISER, NOW)
        services.create_events(
            session,
            [event("Winter school", owner_id=owner.id, start=london(2027, 1, 9, 10, 0))],
            now=NOW,
            uid_domain="example.org",
        )
    with LiveServer(live_app) as running:
        yield running


@pytest.mark.parametrize("size", list(SIZES))
def test_the_owner_edits_from_the_public_page(browser, server, axe_source, size):
    context = browser.new_context(viewport=SIZES[size], bypass_csp=True)
    page = context.new_page()
    page.goto(f"{server.url}/")
    page.get_by_role("link", name="Winter school").click()
    before = page.get_by_role("link", name="Edit this event").count()
    sign_in(page, server, "org@example.org", PASSWORD)
    page.get_by_role("link", name="Winter school", exact=True).click()
    folder = ARTIFACTS / "owner"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"event-with-edit-{size}.png"), full_page=True)
    found = violations(page, axe_source)

    page.get_by_role("link", name="Edit this event").click()
    heading = page.locator("h1").inner_text()

    assert before == 0
    assert heading == "Edit “Winter school”"
    assert found == []
    context.close()
