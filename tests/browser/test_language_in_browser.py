"""The Spanish interface in headless Chromium: a browser set to Spanish gets Spanish pages,
the switcher takes a visitor to English and back, and each Spanish page passes axe-core's
WCAG 2.2 AA rules at phone and desktop sizes. Screenshots go to test-artifacts/language/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SIZES, follow, read_only_site, shooter, violations
from tests.builders import event, london, person, venue

PAGES = {
    "listing": ("/", "Próximos eventos"),
    "event": ("/events/housing-rally-2026-12-02", "Housing rally"),
    "month": ("/calendar/2026/12", "diciembre de 2026"),
    "week": ("/week/2026-12-07", "Semana del 7 de diciembre al 13 de diciembre de 2026"),
    "search": ("/search?q=rally", "Buscar"),
    "login": ("/login", "Iniciar sesión"),
    "not-found": ("/?venue=nowhere-hall", "No encontrado"),
}
shot = shooter("language")


EVENTS = [
    event(
        "Housing rally",
        start=london(2026, 12, 2, 18, 30),
        end=london(2026, 12, 2, 21, 0),
        venues=[venue("Conway Hall", address="25 Red Lion Square", postcode="WC1R 4RL")],
        speakers=[person("Owen Jones")],
        tags=["housing"],
    ),
    event(
        "Winter festival",
        start=london(2026, 12, 8),
        end=london(2026, 12, 10),
        all_day=True,
        venues=[venue("Friends House")],
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory, sqlite_template):
    folder = tmp_path_factory.mktemp("language")
    with read_only_site(folder, sqlite_template, EVENTS) as server:
        yield server


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_spanish_page_reads_well_and_passes_axe(open_page, site, axe_source, name, size):
    path, heading = PAGES[name]
    page = open_page(size, locale="es-ES")
    page.goto(site.url + path)

    seen = {
        "lang": page.locator("html").get_attribute("lang"),
        "h1": page.locator("h1").inner_text(),
        "fits": page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"],
    }
    shot(page, f"{name}-es-{size}")
    found = violations(page, axe_source)

    assert seen == {"lang": "es", "h1": heading, "fits": True}
    assert found == []


def test_the_switcher_changes_the_language_and_it_stays_changed(browser, site):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(site.url + "/week/2026-12-07")
    before = page.locator("h1").inner_text()

    follow(page, page.locator(".languages").get_by_role("link", name="Español"))
    switched = (page.locator("html").get_attribute("lang"), page.locator("h1").inner_text())
    follow(page, page.get_by_role("link", name="Próximos", exact=True))
    days = page.locator(".day-heading").all_inner_texts()
    current = page.locator(".languages [aria-current]").inner_text()
    context.close()

    assert before == "Week of 7 December to 13 December 2026"
    assert switched == ("es", "Semana del 7 de diciembre al 13 de diciembre de 2026")
    assert days == ["miércoles, 2 de diciembre de 2026", "martes, 8 de diciembre de 2026"]
    assert current == "Español"


def test_the_time_in_the_visitors_zone_is_said_in_spanish_too(browser, site):
    context = browser.new_context(locale="es-ES", timezone_id="America/New_York")
    page = context.new_page()
    page.goto(site.url + PAGES["event"][0])
    notes = page.locator(".local-time").all_inner_texts()
    context.close()

    assert notes == [
        "En tu zona horaria (America/New_York): miércoles, 2 de diciembre, 13:30 a 16:00 GMT-5"
    ]
