"""The paste form's reference date: today unless changed, and second to the text's own years."""

from __future__ import annotations

import re

import pytest

from tests.ingest.material import ARTICLE_TEXT
from tests.web.organiser_helpers import csrf_of, review_form

TODAY = "2026-11-28"  # the suite's clock, in the site's zone


def offered(client) -> tuple[str, str]:
    page = client.get("/organiser/new").get_data(as_text=True)
    shown = re.search(
        r'id="reference_date" name="reference_date" type="date" value="([^"]*)"', page
    )
    default = re.search(r'name="reference_default" value="([^"]*)"', page)
    return shown.group(1), default.group(1)


def read(client, text: str, reference: str):
    page = client.get("/organiser/new").get_data(as_text=True)
    return client.post(
        "/organiser/new",
        data={
            "text": text,
            "reference_date": reference,
            "reference_default": TODAY,
            "timezone": "Europe/London",
            "csrf_token": csrf_of(page),
        },
    ).get_data(as_text=True)


def days(page: str) -> list[str]:
    fields = review_form(page)
    return [fields[f"e{n}-start_date"] for n in range(int(fields["count"]))]


def warnings(page: str) -> list[str]:
    section = re.search(r'<ul class="warnings">(.*?)</ul>', page, re.S)
    return re.findall(r"<li>(.*?)</li>", section.group(1)) if section else []


def test_the_form_offers_today(signed_in):
    assert offered(signed_in) == (TODAY, TODAY)


def test_an_old_article_left_at_today_is_read_in_its_own_years(signed_in):
    page = read(signed_in, ARTICLE_TEXT, TODAY)

    assert days(page) == ["2018-07-28", "2018-07-27", "2018-07-28"]
    assert warnings(page)[0] == (
        "The text names only years long past (2020), so its dates are read by them, not from "
        "today (28 November 2026): give the date it was written if that is wrong"
    )


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # Left at today, a text naming no year, or this year, is read from today.
        ("Branch quiz tomorrow at 8pm in the Crown.", TODAY, ["2026-11-29"]),
        ("Branch quiz tomorrow at 8pm in the Crown, the last of 2026.", TODAY, ["2026-11-29"]),
        # A date the person chose holds, whatever years the text names.
        ("Branch quiz tomorrow at 8pm in the Crown.", "2027-03-01", ["2027-03-02"]),
        (
            "Social on Friday 4 December at 7pm; our 2018 social was a hit.",
            "2026-11-20",
            ["2026-12-04"],
        ),
    ],
    ids=["default-no-years", "default-this-year", "chosen", "chosen-beats-years"],
)
def test_a_reference_date_reads_the_text(signed_in, text, reference, expected):
    page = read(signed_in, text, reference)

    assert days(page) == expected
    assert not [w for w in warnings(page) if w.startswith("The text names only years")]
