"""The event form's friendly controls in Chromium at phone and desktop sizes: the time-zone
box offers the IANA names as the person types and refuses an abbreviation, naming the zone
meant; axe-core finds nothing on the pages.
Screenshots go to test-artifacts/controls/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SIZES, follow, shooter, sign_in, violations

shot = shooter("controls")


def new_event(page, server, title: str, day: str, clock: str):
    page.goto(f"{server.url}/organiser/events/new")
    draft = page.locator("fieldset.draft").first
    draft.get_by_label("Title", exact=True).fill(title)
    draft.get_by_label("Start date").fill(day)
    draft.get_by_label("Start time (blank: to be announced)").fill(clock)
    return draft


@pytest.mark.parametrize("size", list(SIZES))
def test_the_zone_box_offers_iana_names_and_refuses_an_abbreviation(
    open_page, server, axe_source, size
):
    page = open_page(size)
    sign_in(page, server)
    draft = new_event(page, server, "Harbour talk", "2027-07-14", "18:30")
    zone = draft.get_by_label("Time zone (type a city)")
    offered = page.evaluate(
        """(box) => [...box.list.options].map(o => [o.value, o.label])
            .filter(([value]) => value.includes('York') || value.endsWith('Sydney'))""",
        zone.element_handle(),
    )
    zone.fill("EST")
    follow(page, page.get_by_role("button", name="Publish"))
    refusal = page.get_by_role("alert").inner_text()
    shot(page, f"zone-refused-{size}")
    refused_violations = violations(page, axe_source)
    page.locator("fieldset.draft").first.get_by_label("Time zone (type a city)").fill(
        "America/New_York"
    )
    follow(page, page.get_by_role("button", name="Publish"))
    flash = page.locator(".flash").inner_text()

    assert offered == [["America/New_York", "New York"], ["Australia/Sydney", "Sydney"]]
    assert refusal == (
        "Unknown time zone: 'EST': an abbreviation is one side of the year's clock change; "
        "give the place's zone, such as America/New_York"
    )
    assert flash == "1 event published."
    assert refused_violations == []


@pytest.mark.parametrize("size", list(SIZES))
def test_the_repeats_control_sets_the_rule_and_shows_it_back(open_page, server, axe_source, size):
    page = open_page(size)
    sign_in(page, server)
    draft = new_event(page, server, "Drop-in clinic", "2027-01-12", "10:00")
    draft.locator("summary").click()
    draft.get_by_label("How often").select_option(label="Weekly")
    for day in ("Tuesday", "Thursday"):
        draft.get_by_role("checkbox", name=day).check()
    draft.get_by_label("Until (date)").fill("2027-03-31")
    shot(page, f"repeats-set-{size}")
    set_violations = violations(page, axe_source)
    follow(page, page.get_by_role("button", name="Publish"))
    follow(page, page.get_by_role("link", name="Edit Drop-in clinic"))
    repeat = page.get_by_label("How often")
    shown = (
        repeat.locator("option:checked").inner_text(),
        [
            day
            for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
            if page.get_by_role("checkbox", name=day).is_checked()
        ],
        page.get_by_label("Until (date)").input_value(),
        page.get_by_label("Another rule: iCalendar RRULE (advanced)").input_value(),
    )
    shot(page, f"repeats-shown-{size}")
    shown_violations = violations(page, axe_source)

    assert shown == ("Weekly", ["Tuesday", "Thursday"], "2027-03-31", "")
    assert (set_violations, shown_violations) == ([], [])


@pytest.mark.parametrize("size", list(SIZES))
def test_a_hybrid_event_shows_its_venue_and_its_join_link(open_page, server, axe_source, size):
    page = open_page(size)
    sign_in(page, server)
    draft = new_event(page, server, "Branch meeting", "2027-01-14", "18:30")
    draft.get_by_label("How people attend").select_option(label="Hybrid: in person and online")
    draft.get_by_label("Join link (online or hybrid)").fill("https://meet.example.org/branch")
    draft.get_by_label("Venues, one a line: name; address; postcode; city").fill(
        "Conway Hall; 25 Red Lion Square; WC1R 4RL; London"
    )
    shot(page, f"attendance-set-{size}")
    follow(page, page.get_by_role("button", name="Publish"))
    page.goto(f"{server.url}/events/branch-meeting-2027-01-14")
    where = page.locator("dt:text('Where') + dd li").all_inner_texts()
    join = page.get_by_role("link", name="join link").get_attribute("href")
    shot(page, f"attendance-event-{size}")
    found = violations(page, axe_source)

    assert [line.split("\n")[0] for line in where] == [
        "Conway Hall",
        "Also online (hybrid): join link",
    ]
    assert join == "https://meet.example.org/branch"
    assert found == []
