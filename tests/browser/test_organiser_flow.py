"""An organiser, in a real browser, from signing in to a cancelled event in the feed."""

from __future__ import annotations

import icalendar

from tests.browser.conftest import follow, sign_in
from tests.web.organiser_helpers import SEED_PARAGRAPH

CORRECTED = "Arise opening rally"


def vevents(page, server) -> dict[str, icalendar.Event]:
    response = page.request.get(f"{server.url}/events.ics")
    assert response.status == 200
    feed = icalendar.Calendar.from_ical(response.body())
    return {str(v["SUMMARY"]): v for v in feed.walk("VEVENT")}


def test_paste_correct_publish_see_and_cancel(server, browser, artifacts):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, server)

    follow(page, page.get_by_role("link", name="Add events from an announcement"))
    page.get_by_label("Announcement").fill(SEED_PARAGRAPH)
    page.get_by_label("Date it was written").fill("2018-07-20")
    follow(page, page.get_by_role("button", name="Read the announcement"))

    titles = page.locator("input[name$='-title']")
    rally = next(
        titles.nth(i)
        for i in range(titles.count())
        if "rally" in titles.nth(i).input_value().lower()
    )
    rally.fill(CORRECTED)
    page.screenshot(path=str(artifacts / "organiser-review.png"), full_page=True)
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url("**/organiser/")
    assert "published" in page.locator(".flash").inner_text()

    follow(page, page.get_by_role("link", name=CORRECTED, exact=True))
    assert page.locator("h1").inner_text() == CORRECTED
    assert "Student Central" in page.locator("main").inner_text()
    published = vevents(page, server)[CORRECTED]
    assert published["STATUS"] == "CONFIRMED"
    assert published.decoded("DTSTART").isoformat() == "2018-07-27T18:30:00+01:00"

    page.goto(f"{server.url}/organiser/")
    row = page.locator("li.event", has_text=CORRECTED)
    follow(page, row.get_by_role("link", name=f"Cancel event {CORRECTED}"))
    page.get_by_role("button", name="Cancel the event").click()
    page.wait_for_url("**/organiser/")
    page.screenshot(path=str(artifacts / "organiser-cancelled.png"), full_page=True)

    cancelled = vevents(page, server)[CORRECTED]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] > published.get("SEQUENCE", 0)
    page.goto(f"{server.url}/")
    assert "Cancelled" in page.locator("li.event", has_text=CORRECTED).inner_text()
