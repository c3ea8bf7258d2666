"""An organiser gives an event a cover image on its edit form, in Chromium at phone and
desktop sizes, and the public page shows it; a file that is not an image is refused on the
form with the reason. Pages axe-core finds nothing wrong with; screenshots go to
test-artifacts/cover/."""

from __future__ import annotations

import pytest

from events_app import accounts, services
from events_app.domain import Role
from tests.browser.conftest import SIZES, LiveServer, follow, shooter, sign_in, violations
from tests.builders import event, london
from tests.conftest import NOW
from tests.test_images import picture_bytes
from tests.web.organiser_helpers import PASSWORD

shot = shooter("cover")


@pytest.fixture
def server(live_app):
    with live_app.extensions["events_db"].sessions() as session:
        owner = accounts.create_user(session, "org@example.org", PASSWORD, Role.ORGANISER, NOW)
        services.create_events(
            session,
            [event("Zine fair", owner_id=owner.id, start=london(2027, 2, 6, 11, 0))],
            now=NOW,
            uid_domain="example.org",
        )
    with LiveServer(live_app) as running:
        yield running


@pytest.mark.parametrize("size", list(SIZES))
def test_an_organiser_adds_a_cover_and_the_page_shows_it(
    browser, server, axe_source, tmp_path, size
):
    poster = tmp_path / "poster.png"
    poster.write_bytes(picture_bytes((2400, 1260), colour=(20, 90, 160)))
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_bytes(b"these are notes, not a picture")
    context = browser.new_context(viewport=SIZES[size], bypass_csp=True)
    page = context.new_page()
    sign_in(page, server, "org@example.org", PASSWORD)

    follow(page, page.get_by_role("link", name="Edit Zine fair"))
    page.get_by_label("Cover image").set_input_files(str(not_a_picture))
    follow(page, page.get_by_role("button", name="Save"))
    refused = page.get_by_role("alert").inner_text()
    page.get_by_label("Cover image").set_input_files(str(poster))
    follow(page, page.get_by_role("button", name="Save"))

    follow(page, page.get_by_role("link", name="Edit Zine fair"))
    shot(page, f"edit-with-cover-{size}")
    edit_violations = violations(page, axe_source)
    page.goto(f"{server.url}/events/zine-fair-2027-02-06")
    cover = page.locator("img.cover")
    natural = cover.evaluate("img => [img.complete, img.naturalWidth, img.naturalHeight]")
    shot(page, f"event-with-cover-{size}")
    page_violations = violations(page, axe_source)

    assert refused == "The cover must be an image: a JPEG, PNG, WebP or GIF file"
    assert natural == [True, 1600, 840]
    assert edit_violations == []
    assert page_violations == []
    context.close()
