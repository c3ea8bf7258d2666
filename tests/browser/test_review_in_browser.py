"""The review page in headless Chromium at phone and desktop sizes: each field reads as a label
above its own control, the page stays compact, and axe-core finds nothing. Screenshots go to
test-artifacts/review/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SIZES, LiveServer, follow, shooter, sign_in, violations
from tests.web.organiser_helpers import BOOK_CLUB, READING_GROUP, SEED_PARAGRAPH

# The seed paragraph's review page measured 3,669 px on a desktop and 5,074 px on a phone
# before the fields were laid out in a grid; these ceilings keep it from creeping back. The
# attendance choice and join link (issue 15) added a row per draft: 4,644 px on a phone with
# the organiser and cover folded away; the ceilings moved up with them, not further.
MOST_PIXELS = {"desktop": 3_000, "phone": 4_800}


shot = shooter("review")


def paste(page, server: LiveServer, text: str, written: str | None = None) -> None:
    """Paste `text`; `written` replaces the offered reference date (today), "" clears it."""
    page.goto(f"{server.url}/organiser/new")
    page.get_by_label("Announcement").fill(text)
    if written is not None:
        page.get_by_label("Date it was written").fill(written)
    follow(page, page.get_by_role("button", name="Read the announcement"))
    page.wait_for_selector("fieldset.draft")


def labels_out_of_place(page) -> list[str]:
    """Every visible label of a draft whose control is not directly below it (or, for a
    checkbox, directly beside it): the names of the controls whose labels are astray."""
    return page.evaluate(
        """() => [...document.querySelectorAll('fieldset.draft label')]
            .filter(l => l.offsetParent !== null)
            .filter(l => {
              const control = document.getElementById(l.htmlFor);
              const a = l.getBoundingClientRect(), b = control.getBoundingClientRect();
              if (control.type === 'checkbox')
                return !(Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < a.height
                         && b.right <= a.left && a.left - b.right < 16);
              const below = b.top >= a.bottom - 1 && b.top - a.bottom < 12;
              const overlaps = b.left < a.right && a.left < b.right;
              return !(below && overlaps && Math.abs(a.left - b.left) < 2);
            })
            .map(l => l.htmlFor)"""
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_review_fields_sit_under_their_labels_in_a_compact_page(
    open_page, server, axe_source, size
):
    page = open_page(size)
    sign_in(page, server)

    paste(page, server, SEED_PARAGRAPH, "2018-07-20")

    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"review page for the seed paragraph, {size}: {height} px tall")
    shot(page, f"review-{size}")
    assert page.locator("fieldset.draft").count() == 3
    assert labels_out_of_place(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert height < MOST_PIXELS[size]
    assert violations(page, axe_source) == []


def test_folded_fields_open_and_are_published(browser, server):
    page = browser.new_page(viewport=SIZES["desktop"])
    sign_in(page, server)
    paste(page, server, SEED_PARAGRAPH, "2018-07-20")
    rally = page.get_by_role("group", name="Event 2: Opening rally for Arise")

    closed = rally.get_by_label("Tags (commas between)").is_visible()
    rally.get_by_text("Tickets, price, tags, repeats, description").click()
    rally.get_by_label("Tags (commas between)").fill("rally, labour")
    for other in ("Event 1: Session on Latin America", "Event 3: Arise"):
        page.get_by_role("group", name=other).get_by_label("Include this event").uncheck()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url("**/organiser/")
    page.goto(f"{server.url}/?tag=labour")

    assert closed is False
    assert page.locator(".event-title").all_inner_texts() == ["Opening rally for Arise"]


@pytest.mark.parametrize("size", list(SIZES))
def test_edit_page_lays_out_the_same_fields_with_filled_ones_unfolded(
    open_page, server, axe_source, size
):
    page = open_page(size)
    sign_in(page, server)
    paste(page, server, SEED_PARAGRAPH, "2018-07-20")
    page.get_by_role("group", name="Event 2: Opening rally for Arise").get_by_text(
        "Tickets, price, tags, repeats, description"
    ).click()
    page.locator("#e1-description").fill("Speeches, then music.")
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url("**/organiser/")

    follow(page, page.get_by_role("link", name="Edit Opening rally for Arise"))
    page.wait_for_selector("form .fields")

    shot(page, f"edit-{size}")
    assert page.get_by_label("Description").input_value() == "Speeches, then music."
    assert page.get_by_label("Description").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert violations(page, axe_source) == []


@pytest.mark.parametrize("size", list(SIZES))
def test_review_shows_the_readings_warnings_and_each_drafts(open_page, server, axe_source, size):
    page = open_page(size)
    sign_in(page, server)

    paste(page, server, BOOK_CLUB, written="")

    shot(page, f"review-warnings-{size}")
    check = page.get_by_role("region", name="Check before publishing")
    assert check.get_by_role("listitem").all_inner_texts() == [
        "'tomorrow' needs a reference date; none was given"
    ]
    assert page.get_by_role("list", name="Warnings for event 1").get_by_role(
        "listitem"
    ).all_inner_texts() == ["End time not given"]
    assert violations(page, axe_source) == []


@pytest.mark.parametrize("size", list(SIZES))
def test_a_day_without_a_time_reads_time_to_be_announced(open_page, server, axe_source, size):
    page = open_page(size)
    sign_in(page, server)
    paste(page, server, READING_GROUP, "2026-11-20")
    draft = page.get_by_role("group", name="Event 1: Reading group")
    warned = draft.get_by_role("list", name="Warnings for event 1").inner_text()
    shot(page, f"review-tba-{size}")
    all_day = draft.get_by_label("All day (no start time)").is_checked()

    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url("**/organiser/")
    follow(page, page.get_by_role("link", name="Reading group", exact=True))
    when = page.locator(".facts dd").first.inner_text()
    shot(page, f"event-tba-{size}")
    event_violations = violations(page, axe_source)
    page.goto(f"{server.url}/")
    listed = page.locator("li.event", has_text="Reading group").locator("time").inner_text()
    shot(page, f"listing-tba-{size}")

    assert (warned, all_day) == ("Start time not given", False)
    assert when.splitlines()[0] == "Saturday 5 December 2026, time to be announced"
    assert listed == "Time to be announced"
    assert event_violations == []
    assert violations(page, axe_source) == []


@pytest.mark.parametrize("size", list(SIZES))
def test_a_session_page_says_where_from_its_festival(open_page, server, axe_source, size):
    page = open_page(size)
    sign_in(page, server)
    paste(page, server, SEED_PARAGRAPH, "2018-07-20")
    hint = page.locator("#e0-venues-hint").inner_text()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url("**/organiser/")

    follow(page, page.get_by_role("link", name="Session on Latin America", exact=True))
    where = page.locator(".facts dt", has_text="Where").locator("xpath=following-sibling::dd[1]")
    places = [a.inner_text() for a in where.locator("li > a:first-child").all()]
    shot(page, f"session-where-{size}")
    session_violations = violations(page, axe_source)
    follow(page, page.get_by_role("link", name="Unite House", exact=True))
    listed = page.locator(".event-title").all_inner_texts()
    shot(page, f"venue-with-session-{size}")

    assert hint == "Left empty, a session takes its festival’s venues."
    assert places == ["Student Central", "Unite House"]
    assert listed == ["Arise — A Festival of Labour’s Left Ideas", "Session on Latin America"]
    assert session_violations == []
    assert violations(page, axe_source) == []


@pytest.mark.parametrize("size", list(SIZES))
def test_pasting_the_same_text_again_offers_the_existing_event(open_page, server, axe_source, size):
    page = open_page(size)
    sign_in(page, server)
    paste(page, server, READING_GROUP, "2026-11-20")
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url("**/organiser/")

    paste(page, server, READING_GROUP, "2026-11-20")
    note = page.locator(".duplicate").inner_text()
    ticked = page.get_by_label("Include this event").is_checked()
    shot(page, f"review-duplicate-{size}")
    found = violations(page, axe_source)
    follow(page, page.get_by_role("link", name="edit the existing event Reading group"))

    assert note.startswith("Already listed: Reading group, Saturday 5 December 2026")
    assert ticked is False
    assert page.locator("h1").inner_text() == "Edit “Reading group”"
    assert found == []
