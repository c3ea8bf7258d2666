"""An organiser gives an event a cover image on its edit form, in Chromium at phone and
desktop sizes, and the public page shows it, described by the text the form gave; a file that
is not an image is refused on the form with the reason. Pages axe-core finds nothing wrong
with; screenshots go to test-artifacts/cover/."""

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
from tests.test_images import picture_bytes

shot = shooter("cover")


@pytest.fixture
def seed():
    def events(session, owner):
        store_events(
            session, [event("Zine fair", owner_id=owner.id, start=london(2027, 2, 6, 11, 0))]
        )

    return events


@pytest.mark.parametrize("size", list(SIZES))
def test_an_organiser_adds_a_cover_and_the_page_shows_it(
    open_page, server, axe_source, tmp_path, size
):
    poster = tmp_path / "poster.png"
    poster.write_bytes(picture_bytes((2400, 1260), colour=(20, 90, 160)))
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_bytes(b"these are notes, not a picture")
    page = open_page(size)
    sign_in(page, server)

    follow(page, page.get_by_role("link", name="Edit Zine fair"))
    page.get_by_text("Tickets, price, tags").click()
    page.get_by_label("Describe the picture").fill("Stacks of zines on trestle tables")
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
    described = page.get_by_role("img", name="Stacks of zines on trestle tables").count()
    shot(page, f"event-with-cover-{size}")
    page_violations = violations(page, axe_source)

    assert refused == "The cover must be an image: a JPEG, PNG, WebP or GIF file"
    assert (natural, described) == ([True, 1600, 840], 1)
    assert edit_violations == []
    assert page_violations == []
