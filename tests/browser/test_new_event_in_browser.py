"""Adding events by hand in Chromium at phone and desktop sizes: "New event" beside the paste
link, "Add an event" for a second one, Publish; and "Publish all" for the drafts of a paste;
axe-core finds nothing on the pages.
Screenshots go to test-artifacts/new-event/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SIZES, follow, shooter, sign_in, violations
from tests.browser.test_review_in_browser import paste
from tests.web.organiser_helpers import SEED_PARAGRAPH

shot = shooter("new-event")


def fill(page, number: int, title: str, day: str, clock: str) -> None:
    draft = page.locator("fieldset.draft").nth(number)
    draft.get_by_label("Title", exact=True).fill(title)
    draft.get_by_label("Start date").fill(day)
    draft.get_by_label("Start time (blank: to be announced)").fill(clock)


@pytest.mark.parametrize("size", list(SIZES))
def test_new_event_by_hand_then_add_another_and_publish_both(open_page, server, axe_source, size):
    page = open_page(size)
    sign_in(page, server)
    shot(page, f"dashboard-{size}")
    dashboard_violations = violations(page, axe_source)

    follow(page, page.get_by_role("link", name="New event"))
    heading = page.locator("h1").inner_text()
    shot(page, f"new-event-{size}")
    blank_violations = violations(page, axe_source)
    fill(page, 0, "Committee meeting", "2027-01-14", "18:30")
    follow(page, page.get_by_role("button", name="Add an event"))
    page.wait_for_selector("fieldset.draft >> nth=1")
    kept = page.locator("fieldset.draft").nth(0).get_by_label("Title", exact=True).input_value()
    fill(page, 1, "Annual general meeting", "2027-02-11", "19:00")
    shot(page, f"new-events-{size}")
    added_violations = violations(page, axe_source)
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/organiser/")
    flash = page.locator(".flash").inner_text()
    listed = page.locator("li.event .event-title").all_inner_texts()

    assert heading == "New event"
    assert kept == "Committee meeting"
    assert flash == "2 events published."
    assert listed == ["Committee meeting", "Annual general meeting"]
    assert (dashboard_violations, blank_violations, added_violations) == ([], [], [])


@pytest.mark.parametrize("size", list(SIZES))
def test_drafts_of_a_paste_are_published_all_at_once(open_page, server, axe_source, size):
    page = open_page(size)
    sign_in(page, server)
    paste(page, server, SEED_PARAGRAPH, "2018-07-20")
    page.get_by_role("button", name="Save as drafts").click()
    page.wait_for_url("**/organiser/")
    offered = page.locator(".batch span").first.inner_text()
    shot(page, f"publish-all-{size}")
    found = violations(page, axe_source)

    page.get_by_role("button", name="Publish all 3").click()
    page.wait_for_url("**/organiser/")
    flash = page.locator(".flash").inner_text()
    batches = page.locator(".batch").count()

    assert offered.startswith("3 drafts saved together: Opening rally for Arise")
    assert (flash, batches) == ("Published 3 events.", 0)
    assert found == []
