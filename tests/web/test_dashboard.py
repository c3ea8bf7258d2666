"""The organiser's own list: filtered by owner in the query however many events others have,
searched, paged, with every own event's actions reachable; another's ids answer 404."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from events_app import accounts
from events_app.domain import Role
from events_app.store import accounts as account_store
from tests.builders import event
from tests.conftest import NOW, PASSWORD
from tests.web.organiser_helpers import sign_in


@pytest.fixture
def other(app_session):
    return accounts.create_user(app_session, "bulk@example.org", PASSWORD, Role.ORGANISER, NOW)


def _titles(page: str) -> list[str]:
    return re.findall(r'<h3 class="event-title">(?:<a [^>]*>)?([^<]+)', page)


def _actions(page: str) -> set[str]:
    """Where each event's buttons lead: publish and restore post, cancel and delete ask first."""
    return set(
        re.findall(
            r'(?:action|href)="(/organiser/events/\d+/(?:publish|restore|cancel|delete))"', page
        )
    )


def test_an_organiser_sees_all_their_events_among_many_of_anothers(
    signed_in, organiser, other, store_events
):
    store_events(
        *[
            event(f"Bulk {n}", owner_id=other.id, start=NOW + timedelta(days=1, minutes=n))
            for n in range(600)
        ]
    )
    mine = store_events(
        event("My draft", owner_id=organiser.id, published=False, start=NOW + timedelta(days=9)),
        event("My upcoming", owner_id=organiser.id, start=NOW + timedelta(days=5)),
        event("My past", owner_id=organiser.id, start=NOW - timedelta(days=5)),
    )

    page = signed_in.get("/organiser/").get_data(as_text=True)

    assert _titles(page) == ["My draft", "My upcoming", "My past"]
    draft, upcoming, past = (e.id for e in mine)
    assert _actions(page) == {
        f"/organiser/events/{draft}/publish",
        f"/organiser/events/{draft}/cancel",
        f"/organiser/events/{draft}/delete",
        f"/organiser/events/{upcoming}/cancel",
        f"/organiser/events/{upcoming}/delete",
        f"/organiser/events/{past}/cancel",
        f"/organiser/events/{past}/delete",
    }


def test_an_organiser_searches_and_pages_through_their_own_events(
    signed_in, organiser, other, store_events
):
    store_events(event("Film night elsewhere", owner_id=other.id, start=NOW + timedelta(days=1)))
    store_events(
        *[
            event(f"Film night {n:02}", owner_id=organiser.id, start=NOW + timedelta(days=n + 1))
            for n in range(60)
        ],
        event("Book club", owner_id=organiser.id, start=NOW + timedelta(days=2)),
    )

    first = signed_in.get("/organiser/?q=film").get_data(as_text=True)
    second = signed_in.get("/organiser/?q=film&section=upcoming&page=2").get_data(as_text=True)

    assert _titles(first) == [f"Film night {n:02}" for n in range(20)]
    assert "All 60 upcoming" in first
    assert _titles(second) == [f"Film night {n:02}" for n in range(50, 60)]
    assert "Page 2 of 2" in second


def test_an_admin_sees_everyones_events_or_only_their_own(client, admin, other, store_events):
    store_events(
        event("Theirs", owner_id=other.id, start=NOW + timedelta(days=1)),
        event("Admin own", owner_id=admin.id, start=NOW + timedelta(days=2)),
    )
    sign_in(client, "admin@example.org")

    everyone = client.get("/organiser/").get_data(as_text=True)
    own = client.get("/organiser/?owner=mine").get_data(as_text=True)

    assert (_titles(everyone), _titles(own)) == (["Theirs", "Admin own"], ["Admin own"])


@pytest.mark.parametrize("action", ["edit", "publish", "cancel", "delete"])
def test_anothers_event_and_an_absent_one_answer_alike(
    signed_in, other, store_events, app_session, action
):
    [theirs] = store_events(event("Theirs", owner_id=other.id))
    token = re.search(
        r'name="csrf_token" value="([^"]+)"', signed_in.get("/organiser/").get_data(as_text=True)
    ).group(1)

    def send(event_id: int):
        path = f"/organiser/events/{event_id}/{action}"
        if action == "edit":
            return signed_in.get(path)
        return signed_in.post(path, data={"csrf_token": token})

    assert (send(theirs.id).status_code, send(theirs.id + 1000).status_code) == (404, 404)


def test_the_dashboard_puts_what_comes_next_first_and_shows_one_kind_on_request(
    signed_in, organiser, store_events
):
    store_events(
        event("Draft in March", owner_id=organiser.id, published=False, start=NOW + timedelta(90)),
        event("Draft next week", owner_id=organiser.id, published=False, start=NOW + timedelta(7)),
        event("Talk in a month", owner_id=organiser.id, start=NOW + timedelta(days=30)),
        event("Talk tomorrow", owner_id=organiser.id, start=NOW + timedelta(days=1)),
        event("Talk last year", owner_id=organiser.id, start=NOW - timedelta(days=300)),
        event("Talk last week", owner_id=organiser.id, start=NOW - timedelta(days=7)),
    )

    everything = _titles(signed_in.get("/organiser/").get_data(as_text=True))
    past = _titles(signed_in.get("/organiser/?section=past").get_data(as_text=True))
    drafts = _titles(signed_in.get("/organiser/?section=drafts&q=march").get_data(as_text=True))
    blank = _titles(signed_in.get("/organiser/?section=&q=").get_data(as_text=True))

    assert everything == [
        "Draft next week",
        "Draft in March",
        "Talk tomorrow",
        "Talk in a month",
        "Talk last week",
        "Talk last year",
    ]
    assert past == ["Talk last week", "Talk last year"]
    assert drafts == ["Draft in March"]
    assert blank == everything


def test_a_reloaded_dashboard_shows_changes_made_elsewhere_at_once(
    signed_in, organiser, app_session, store_events
):
    """The dashboard is kept for a session between reloads; a change by another worker or
    server (here straight through the service layer) or to the account shows on the next."""
    store_events(event("First", owner_id=organiser.id, start=NOW + timedelta(days=2)))
    before = signed_in.get("/organiser/").get_data(as_text=True)
    store_events(event("Second", owner_id=organiser.id, start=NOW + timedelta(days=3)))
    after = signed_in.get("/organiser/").get_data(as_text=True)
    account_store.set_role(app_session, organiser.id, Role.ADMIN)
    app_session.commit()
    promoted = signed_in.get("/organiser/").get_data(as_text=True)

    assert [_titles(before), _titles(after)] == [["First"], ["First", "Second"]]
    assert ["Admin: " in page for page in (after, promoted)] == [False, True]
