"""An organiser, in a real browser, uploads a poster, sees where each field was read on it,
corrects a field and publishes."""

from __future__ import annotations

from events_app import accounts
from events_app.domain import Role
from tests.browser.conftest import LiveServer, follow
from tests.browser.test_organiser_flow import vevents
from tests.conftest import NOW
from tests.ingest.material import POSTER_TOP, draw_poster, png
from tests.web.organiser_helpers import PASSWORD

CORRECTED = "Books and Beer Night at the Lamb"


def test_upload_a_poster_see_outlined_words_correct_and_publish(
    live_app, browser, artifacts, tmp_path
):
    with live_app.extensions["events_db"].sessions() as session:
        accounts.create_user(session, "org@example.org", PASSWORD, Role.ORGANISER, NOW)
    poster = tmp_path / "poster.png"
    poster.write_bytes(png(draw_poster(POSTER_TOP)))

    with LiveServer(live_app) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{server.url}/login")
        page.get_by_label("E-mail").fill("org@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/organiser/")

        follow(page, page.get_by_role("link", name="Add events from an announcement"))
        page.get_by_label("A poster or flyer").set_input_files(str(poster))
        follow(page, page.get_by_role("button", name="Read the file"))

        figure = page.get_by_role("img", name="The poster: outlined words")
        assert figure.is_visible()
        title_boxes = page.locator("rect.outline", has=page.locator("title", has_text="title"))
        assert title_boxes.count() == 4
        assert title_boxes.first.bounding_box()["width"] > 0
        page.screenshot(path=str(artifacts / "organiser-poster-review.png"), full_page=True)

        title = page.locator("input[name$='-title']").first
        assert title.input_value() == "Books and Beer Night"
        title.fill(CORRECTED)
        page.get_by_role("button", name="Publish", exact=True).click()
        page.wait_for_url("**/organiser/")
        assert "published" in page.locator(".flash").inner_text()

        published = vevents(page, server)[CORRECTED]
        assert published.decoded("DTSTART").isoformat() == "2026-06-12T19:30:00+01:00"
