"""An organiser, in a real browser, uploads a poster, sees where each field was read on it,
corrects a field and publishes; and uploads a two-page PDF and sees every page with its
outlines (at phone and desktop sizes, axe-core finding nothing; screenshots in
test-artifacts/poster/)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SIZES, follow, shooter, sign_in, violations
from tests.browser.test_organiser_flow import vevents
from tests.ingest.material import POSTER_TOP, draw_poster, email, png, text_pdf

CORRECTED = "Books and Beer Night at the Lamb"

shot = shooter("poster")


def test_upload_a_poster_see_outlined_words_correct_and_publish(
    server, browser, artifacts, tmp_path
):
    poster = tmp_path / "poster.png"
    poster.write_bytes(png(draw_poster(POSTER_TOP)))

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, server)

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


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_upload_a_pdf_see_each_page_with_its_outlined_words(
    server, browser, axe_source, tmp_path, request, size
):
    """A two-page flyer with a text layer: both pages are drawn, each with the outlines of the
    fields read on it, inside the page's picture, and axe-core finds nothing."""
    flyer = tmp_path / "flyer.pdf"
    flyer.write_bytes(
        text_pdf(
            [
                [("Books and Beer Night", 32), ("Friday 12 June 2026, doors 7.30pm", 14)],
                [("The Lamb Inn, 4 Mill Road, Norwich NR2 4AB", 12)],
            ]
        )
    )

    page = browser.new_context(viewport=size, bypass_csp=True).new_page()  # for axe-core
    sign_in(page, server)
    follow(page, page.get_by_role("link", name="Add events from an announcement"))
    page.get_by_label("A poster or flyer").set_input_files(str(flyer))
    follow(page, page.get_by_role("button", name="Read the file"))

    figures = page.locator("figure.poster")
    assert [
        (
            figure.get_by_role("img").get_attribute("aria-labelledby"),
            figure.locator("figcaption").inner_text(),
            [t.removeprefix("event 1: ") for t in figure.locator("rect title").all_text_contents()],
            _outlines_inside(figure),
        )
        for figure in figures.all()
    ] == [
        (
            "poster-caption-1",
            "Page 1 of 2 of the PDF: outlined words are where each field came from "
            "(hover for which).",
            ["start"] * 4 + ["time"] + ["title"] * 4,
            True,
        ),
        (
            "poster-caption-2",
            "Page 2 of 2 of the PDF: outlined words are where each field came from "
            "(hover for which).",
            ["venue"] * 9,
            True,
        ),
    ]
    assert page.locator("input[name$='-title']").first.input_value() == "Books and Beer Night"
    assert violations(page, axe_source) == []
    shot(page, f"pdf-review-{request.node.callspec.id}")


def test_upload_an_email_see_its_attached_poster_with_the_outlined_words(
    server, browser, axe_source, tmp_path
):
    """An e-mail whose poster is attached: the review page draws the poster, names the file,
    and outlines the words each field was read from inside it; axe-core finds nothing."""
    message = tmp_path / "message.eml"
    message.write_bytes(
        email(
            body="Poster attached, please share.",
            subject="Books",
            attachment=(png(draw_poster(POSTER_TOP)), "image", "png", "books-night.png"),
        )
    )

    page = browser.new_context(viewport=SIZES["desktop"], bypass_csp=True).new_page()
    sign_in(page, server)
    follow(page, page.get_by_role("link", name="Add events from an announcement"))
    page.get_by_label("A poster or flyer").set_input_files(str(message))
    follow(page, page.get_by_role("button", name="Read the file"))

    figure = page.get_by_role("img", name="books-night.png, attached to the e-mail")
    assert figure.is_visible()
    titles = page.locator("figure.poster rect title").all_text_contents()
    assert [t for t in titles if t.endswith("title")] == ["event 1: title"] * 4
    assert _outlines_inside(page.locator("figure.poster"))
    assert page.locator("input[name$='-title']").first.input_value() == "Books and Beer Night"
    assert violations(page, axe_source) == []
    shot(page, "email-attachment-review")


def _outlines_inside(figure) -> bool:
    """Every outline is drawn (has a size) and lies within its page's picture."""
    picture = figure.get_by_role("img").bounding_box()
    boxes = [r.bounding_box() for r in figure.locator("rect.outline").all()]
    return bool(boxes) and all(
        b["width"] > 0
        and picture["x"] <= b["x"]
        and b["x"] + b["width"] <= picture["x"] + picture["width"]
        and picture["y"] <= b["y"]
        and b["y"] + b["height"] <= picture["y"] + picture["height"]
        for b in boxes
    )
