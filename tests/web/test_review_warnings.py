"""The review page says what the reading warned of, for the whole text and for each draft,
and still says it when the page comes back after a refused save."""

from __future__ import annotations

import html
import re

from tests.web.organiser_helpers import BOOK_CLUB, paste, post, review_form

READING_WARNINGS = ["'tomorrow' needs a reference date; none was given"]
DRAFT_WARNINGS = ["End time not given"]


def warning_lists(page: str) -> dict[str, list[str]]:
    """Each list of warnings on the page, by its label (the text's own under 'reading')."""
    found = {}
    for attributes, body in re.findall(r'<ul class="warnings"([^>]*)>(.*?)</ul>', page, re.S):
        label = re.search(r'aria-label="([^"]+)"', attributes)
        items = re.findall(r"<li>(.*?)(?:<input[^>]*>)?</li>", body, re.S)
        found[label.group(1) if label else "reading"] = [html.unescape(i) for i in items]
    return found


def test_review_lists_the_texts_warnings_and_each_drafts(signed_in):
    review = paste(signed_in, text=BOOK_CLUB, reference="")

    assert review.status_code == 200
    assert warning_lists(review.get_data(as_text=True)) == {
        "reading": READING_WARNINGS,
        "Warnings for event 1": DRAFT_WARNINGS,
    }


def test_warnings_are_still_listed_when_the_review_comes_back_refused(signed_in):
    fields = review_form(paste(signed_in, text=BOOK_CLUB, reference="").get_data(as_text=True))
    fields["e0-end_time"] = "not a time"

    refused = post(
        signed_in,
        "/organiser/publish",
        {**fields, "action": "publish", "e0-warning": DRAFT_WARNINGS, "warning": READING_WARNINGS},
    )

    assert refused.status_code == 422
    assert warning_lists(refused.get_data(as_text=True)) == {
        "reading": READING_WARNINGS,
        "Warnings for event 1": DRAFT_WARNINGS,
    }
