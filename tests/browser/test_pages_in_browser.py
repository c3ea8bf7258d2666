"""The public pages in headless Chromium at phone and desktop sizes: what a person sees, the
focus order, the time-zone enhancement, and axe-core's WCAG 2.2 AA rules with no violation.
Screenshots of every page at both sizes go to test-artifacts/pages/."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.browser.conftest import ARTIFACTS, SIZES, read_only_site, violations
from tests.builders import event, london, person, venue

PAGES = {
    "listing": ("/", "Upcoming events"),
    "event": ("/events/housing-rally-2026-12-02", "Housing rally"),
    "venue": ("/venues/conway-hall", "Conway Hall"),
    "speaker": ("/speakers/owen-jones", "Owen Jones"),
    "month": ("/calendar/2026/12", "December 2026"),
    "week": ("/week/2026-12-07", "Week of 7 December to 13 December 2026"),
    "filtered": ("/?venue=friends-house&tag=climate", "Events"),
    "search": ("/search?q=rally", "Search"),
}


EVENTS = [
    event(
        "Housing rally",
        start=london(2026, 12, 2, 18, 30),
        end=london(2026, 12, 2, 21, 0),
        venues=[venue("Conway Hall", address="25 Red Lion Square", postcode="WC1R 4RL")],
        speakers=[person("Owen Jones"), person("Diane Abbott", honorific="MP")],
        tags=["housing"],
        description="Rents, repairs and the right to stay put.",
    ),
    event(
        "Climate teach-in",
        start=london(2026, 12, 3, 10, 0),
        venues=[venue("Friends House", address="173 Euston Road")],
        tags=["climate"],
    ),
    event(
        "Winter festival",
        start=london(2026, 12, 4),
        end=london(2026, 12, 7),
        all_day=True,
        venues=[venue("Friends House", address="173 Euston Road")],
    ),
    event(
        "Transatlantic call",
        start=datetime(2026, 12, 8, 23, 0, tzinfo=UTC),
        timezone="America/New_York",
        online=True,
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory, sqlite_template):
    """One server for the module: every test here only reads."""
    folder = tmp_path_factory.mktemp("pages")
    with read_only_site(folder, sqlite_template, EVENTS) as server:
        yield server


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_page_reads_well_and_passes_axe(open_page, site, axe_source, name, size):
    path, heading = PAGES[name]
    page = open_page(size)
    page.goto(site.url + path)

    assert page.locator("h1").inner_text() == heading
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    folder = ARTIFACTS / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
    assert violations(page, axe_source) == []


@pytest.mark.parametrize("name", ["listing", "event", "month"])
def test_dark_mode_passes_axe_too(browser, site, axe_source, name):
    context = browser.new_context(viewport=SIZES["desktop"], color_scheme="dark", bypass_csp=True)
    page = context.new_page()
    page.goto(site.url + PAGES[name][0])

    page.screenshot(path=str(ARTIFACTS / "pages" / f"{name}-desktop-dark.png"), full_page=True)
    assert violations(page, axe_source) == []
    context.close()


def test_keyboard_users_skip_to_the_content_and_move_in_reading_order(browser, site):
    page = browser.new_page(viewport=SIZES["desktop"])
    page.goto(site.url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.textContent.trim()"))
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    assert focus_ring == "solid"
    assert order == ["Test Events", "Upcoming", "Calendar", "Past events", "Organisers", ""]
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_event_time_is_shown_in_the_visitors_zone_when_it_differs(browser, site):
    contexts = {
        zone: browser.new_context(timezone_id=zone, locale="en-US")
        for zone in ("America/New_York", "Europe/London", "UTC")
    }
    notes = {}
    for zone, context in contexts.items():
        page = context.new_page()
        page.goto(site.url + PAGES["event"][0])
        notes[zone] = page.locator(".local-time").all_inner_texts()
        context.close()

    assert notes["America/New_York"] == [
        "In your time zone (America/New_York): Wednesday, December 2 at 01:30 PM to 04:00 PM EST"
    ]
    assert notes["Europe/London"] == []
    assert notes["UTC"] == []  # London keeps UTC's clock in December: nothing to add


def test_pages_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + PAGES["event"][0])

    assert "Wednesday 2 December 2026, 18:30–21:00 GMT" in page.locator("main").inner_text()
    page.goto(site.url + "/?tag=climate")
    assert page.locator(".event-title").all_inner_texts() == ["Climate teach-in"]
    context.close()


def test_axe_does_find_violations_when_there_are_some(browser, axe_source):
    """The control: a page with an unlabelled image and no language must not pass."""
    page = browser.new_page()
    page.set_content("<html><body><img src='x.png'><button></button></body></html>")

    found = violations(page, axe_source)

    assert any(v.startswith("image-alt") for v in found)
    assert any(v.startswith("html-has-lang") for v in found)
    assert any(v.startswith("button-name") for v in found)
