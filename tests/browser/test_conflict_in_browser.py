"""Two people edit one event in two Chromium windows: the later save lands on a page showing
both versions of each differing field side by side (stacked on a phone), chooses per field,
and saves without undoing the other's change; axe-core finds nothing. Screenshots go to
test-artifacts/conflict/."""

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
from tests.builders import event, london


@pytest.fixture
def seed():
    def events(session, owner):
        store_events(
            session,
            [
                event(
                    "Winter school",
                    owner_id=owner.id,
                    start=london(2027, 1, 9, 10, 0),
                    description="Lectures and workshops.",
                )
            ],
        )

    return events


shot = shooter("conflict")


def open_edit(open_page, server, size):
    page = open_page(size)
    sign_in(page, server)
    follow(page, page.get_by_role("link", name="Edit Winter school"))
    return page


def side_by_side(page, legend: str) -> bool:
    group = page.get_by_role("group", name=legend)
    yours = group.locator(".version").nth(0).bounding_box()
    saved = group.locator(".version").nth(1).bounding_box()
    return abs(yours["y"] - saved["y"]) < 1 and yours["x"] + yours["width"] <= saved["x"]


def defaults(page) -> dict[str, str | None]:
    """Each offered field's legend and the choice ticked for it (None: none yet)."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('fieldset.merge')].map(f => [
              f.querySelector('legend').textContent.trim(),
              (f.querySelector('input[type=radio]:checked') || {}).value || null]))"""
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_a_late_save_chooses_per_field_between_both_versions(open_page, server, axe_source, size):
    first = open_edit(open_page, server, size)
    second = open_edit(open_page, server, size)
    first.get_by_label("Title", exact=True).fill("Winter school 2027")
    first.get_by_label("Description", exact=True).fill("Lectures, workshops and a ceilidh.")
    first.get_by_role("button", name="Save").click()
    first.wait_for_url("**/organiser/")

    second.get_by_label("Start time (blank: to be announced)").fill("09:30")
    second.get_by_label("Description", exact=True).fill("Lectures and hands-on workshops.")
    follow(second, second.get_by_role("button", name="Save"))
    second.wait_for_selector("fieldset.merge")
    heading = second.locator("h1").inner_text()
    offered = defaults(second)
    shown = (
        second.get_by_role("group", name="Description").locator(".version-value").all_inner_texts()
    )
    beside = side_by_side(second, "Description")
    shot(second, f"conflict-{size}")
    found = violations(second, axe_source)
    # A field with no choice yet stops the form in the browser: no request, no navigation.
    second.get_by_role("button", name="Save these choices").click()
    still_asking = second.locator("h1").inner_text()
    second.get_by_role("group", name="Description").get_by_label("Keep the saved one").check()
    second.get_by_role("button", name="Save these choices").click()
    second.wait_for_url("**/organiser/")
    follow(second, second.get_by_role("link", name="Winter school 2027", exact=True))
    when = second.locator(".facts time").first.inner_text()
    description = second.locator(".description").inner_text()
    title = second.locator("h1").inner_text()

    assert heading == "“Winter school 2027” changed while you were editing"
    assert offered == {"Title": "saved", "Start time": "yours", "Description": None}
    assert shown == ["Lectures and hands-on workshops.", "Lectures, workshops and a ceilidh."]
    assert beside == (size == "desktop")
    assert still_asking == heading
    assert (title, description) == ("Winter school 2027", "Lectures, workshops and a ceilidh.")
    assert "09:30" in when
    assert found == []
