"""An event's page sells the event: one call to action from its ticket or join link, share
links that load nothing from elsewhere, the organiser's name, the announcement only when the
organiser chose to show it, and nothing to book or add to a calendar once it is cancelled."""

from __future__ import annotations

from datetime import timedelta

import pytest

from events_app import services
from events_app.domain import EventFilter, Link, LinkKind
from events_app.store import repository
from tests.builders import event
from tests.conftest import NOW
from tests.html_reader import attribute, text, texts
from tests.web.organiser_helpers import BOOK_CLUB, csrf_of, paste, review_form

TICKETS = "https://tickets.example.org/poetry"
JOIN = "https://meet.example.org/poetry"
PAGE = "https://www.example.org/poetry"


def page_of(client, slug: str) -> str:
    return client.get(f"/events/{slug}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("links", "when", "action"),
    [
        ([Link(TICKETS, LinkKind.TICKETS, price="£5")], 2, [("Book a place", TICKETS, "£5")]),
        ([Link(TICKETS, LinkKind.TICKETS)], 2, [("Book a place", TICKETS, "")]),
        (
            [Link(TICKETS, LinkKind.TICKETS, price="Free entry")],
            2,
            [("Register", TICKETS, "Free entry")],
        ),
        ([Link(TICKETS, LinkKind.TICKETS, price="£0.00")], 2, [("Register", TICKETS, "£0.00")]),
        (
            [Link(JOIN, LinkKind.ONLINE), Link(TICKETS, LinkKind.TICKETS, price="£3")],
            2,
            [("Book a place", TICKETS, "£3")],
        ),
        (
            [Link(PAGE, LinkKind.EVENT_PAGE), Link(JOIN, LinkKind.ONLINE)],
            2,
            [("Join online", JOIN, "")],
        ),
        ([Link(PAGE, LinkKind.EVENT_PAGE)], 2, []),
        ([Link(TICKETS, LinkKind.TICKETS, price="£5")], -2, []),
    ],
)
def test_one_call_to_action_from_the_ticket_or_join_link(client, store_events, links, when, action):
    [poetry] = store_events(event("Poetry evening", start=NOW + timedelta(days=when), links=links))

    page = page_of(client, poetry.slug)

    shown = list(
        zip(
            texts(page, ".call-to-action a"),
            attribute(page, ".call-to-action a", "href"),
            texts(page, ".call-to-action .note") or [""] * len(action),
            strict=True,
        )
    )
    assert shown == action


def test_a_cancelled_event_offers_nothing_to_book_or_add_to_a_calendar(
    client, app_session, store_events
):
    links = [Link(PAGE, LinkKind.EVENT_PAGE), Link(TICKETS, LinkKind.TICKETS, price="£5")]
    [poetry] = store_events(event("Poetry evening", start=NOW + timedelta(days=2), links=links))
    before = page_of(client, poetry.slug)
    services.cancel(app_session, poetry.id, now=NOW)

    after = page_of(client, poetry.slug)

    assert [texts(before, ".call-to-action a"), texts(after, ".call-to-action a")] == [
        ["Book a place"],
        [],
    ]
    assert [texts(before, "#add-heading"), texts(after, "#add-heading")] == [
        ["Add to your calendar"],
        [],
    ]
    assert attribute(after, "dl.facts dd a", "href") == [PAGE]
    assert text(after, ".status--cancelled") == "This event has been cancelled."


def test_share_links_hand_the_page_on_without_another_site_s_script(client, store_events):
    [poetry] = store_events(event("Poetry & pints", start=NOW + timedelta(days=2)))
    url = f"https://events.example.org/events/{poetry.slug}"
    encoded = f"https%3A%2F%2Fevents.example.org%2Fevents%2F{poetry.slug}"

    page = page_of(client, poetry.slug)

    assert attribute(page, "#share-url", "value") == [url]
    assert attribute(page, ".share a", "href") == [
        f"mailto:?subject=Poetry%20%26%20pints&body=Poetry%20%26%20pints%0A{encoded}",
        f"https://bsky.app/intent/compose?text=Poetry%20%26%20pints%20{encoded}",
    ]
    assert attribute(page, ".share-mastodon", "data-text") == [f"Poetry & pints {url}"]
    scripts = [src for src in attribute(page, "script", "src") if src]
    assert scripts == ["/static/localtime.js", "/static/share.js"]


def stored(app_session, title: str):
    app_session.rollback()
    events = repository.list_events(app_session, EventFilter(include_drafts=True))
    return next(e for e in events if e.title == title)


def test_the_announcement_shows_only_when_the_organiser_chooses(signed_in, client, app_session):
    fields = review_form(paste(signed_in, BOOK_CLUB, "2026-11-20").get_data(as_text=True))
    fields.update({"e0-include": "1", "action": "publish", "e0-organiser": "Islington Readers"})
    token = csrf_of(signed_in.get("/organiser/").get_data(as_text=True))
    assert (
        signed_in.post("/organiser/publish", data={**fields, "csrf_token": token}).status_code
        == 302
    )
    club = stored(app_session, "Book club")
    unchosen = page_of(signed_in, club.slug)

    edit = signed_in.get(f"/organiser/events/{club.id}/edit").get_data(as_text=True)
    chosen = {**review_form(edit), "show_source": "1", "csrf_token": csrf_of(edit)}
    assert signed_in.post(f"/organiser/events/{club.id}/edit", data=chosen).status_code == 302
    shown = page_of(signed_in, club.slug)

    assert (club.organiser, club.show_source, stored(app_session, "Book club").show_source) == (
        "Islington Readers",
        False,
        True,
    )
    assert [texts(unchosen, ".source-text"), texts(shown, ".source-text")] == [[], [BOOK_CLUB]]
    facts = dict(zip(texts(shown, "dl.facts dt"), texts(shown, "dl.facts dd"), strict=True))
    assert facts["Organiser"] == "Islington Readers"
