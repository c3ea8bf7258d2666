"""Cancel, restore and delete as a person does them in Chromium at phone and desktop sizes:
each destructive step asks first, on a page axe-core finds nothing wrong with. Screenshots go
to test-artifacts/confirm/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import (
    SIZES,
    follow,
    shooter,
    sign_in,
    store_events,
    violations,
)
from tests.builders import child_of, event, london


@pytest.fixture
def seed():
    def events(session, owner):
        store_events(
            session,
            [
                event("Winter school", owner_id=owner.id, start=london(2027, 1, 9, 10, 0)),
                event(
                    "Opening talk",
                    owner_id=owner.id,
                    start=london(2027, 1, 9, 10, 30),
                    parent=child_of("Winter school"),
                ),
            ],
        )

    return events


shot = shooter("confirm")


@pytest.mark.parametrize("size", list(SIZES))
def test_cancel_asks_then_restore_and_delete_asks_about_sessions(
    open_page, server, axe_source, size
):
    page = open_page(size)
    sign_in(page, server)

    follow(page, page.get_by_role("link", name="Cancel event Opening talk"))
    asked = page.locator("h1").inner_text()
    shot(page, f"cancel-{size}")
    cancel_violations = violations(page, axe_source)
    page.get_by_role("button", name="Cancel the event").click()
    page.wait_for_url("**/organiser/")
    cancelled = page.locator("li.event", has_text="Opening talk").inner_text()
    page.get_by_role("button", name="Restore Opening talk").click()
    page.wait_for_url("**/organiser/")
    restored = page.locator(".flash").inner_text()

    follow(page, page.get_by_role("link", name="Delete Winter school"))
    shot(page, f"delete-festival-{size}")
    delete_violations = violations(page, axe_source)
    page.get_by_label("Keep them, as events of their own").check()
    page.get_by_role("button", name="Delete for good").click()
    page.wait_for_url("**/organiser/")
    left = page.locator("li.event .event-title").all_inner_texts()

    assert asked == "Cancel “Opening talk”?"
    assert "Cancelled" in cancelled
    assert restored == "Restored “Opening talk”: it is on again, and calendars will show it so."
    assert left == ["Opening talk"]
    assert cancel_violations == []
    assert delete_violations == []
