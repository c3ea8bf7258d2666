"""Publishing a review form stores its events once: eight browsers sending the same form at
the same moment, or a retry after a lost response, store nothing more."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from events_app.domain import EventFilter
from events_app.store import repository
from events_app.store.tables import SourceRow
from tests.web.organiser_helpers import csrf_of, paste, post, review_form, sign_in

BROWSERS = 8


def _stored(app_session) -> list[str]:
    app_session.rollback()
    events = repository.list_events(app_session, EventFilter(include_drafts=True))
    return sorted(e.title for e in events)


def test_eight_browsers_sending_one_review_form_store_its_events_once(app, signed_in, app_session):
    fields = {**review_form(paste(signed_in).get_data(as_text=True)), "action": "publish"}
    clients = [app.test_client() for _ in range(BROWSERS)]
    tokens = []
    for client in clients:
        sign_in(client)
        tokens.append(csrf_of(client.get("/organiser/").get_data(as_text=True)))
    all_ready = threading.Barrier(BROWSERS)
    statuses: list[int] = []

    def browser(number: int) -> None:
        all_ready.wait(timeout=20)
        response = clients[number].post(
            "/organiser/publish", data={**fields, "csrf_token": tokens[number]}
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=browser, args=(n,)) for n in range(BROWSERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [302] * BROWSERS
    assert _stored(app_session) == [
        "Arise — A Festival of Labour’s Left Ideas",
        "Opening rally for Arise",
        "Session on Latin America",
    ]


def test_a_retry_after_a_lost_response_stores_nothing_more(signed_in, app_session):
    fields = {**review_form(paste(signed_in).get_data(as_text=True)), "action": "publish"}
    first = post(signed_in, "/organiser/publish", fields)
    stored = _stored(app_session)

    again = post(signed_in, "/organiser/publish", fields)

    assert (first.status_code, again.status_code, _stored(app_session)) == (302, 302, stored)
    assert "saved already" in signed_in.get("/organiser/").get_data(as_text=True)


def test_a_new_review_of_the_same_text_is_a_new_publish(signed_in, app_session):
    """The second review offers the first one's events as duplicates (unticked); ticked
    again, 'add it anyway', they are a new publish under the new review's key."""
    for _ in range(2):
        fields = {**review_form(paste(signed_in).get_data(as_text=True)), "action": "draft"}
        fields.update({f"e{i}-include": "1" for i in range(3)})
        post(signed_in, "/organiser/publish", fields)

    assert len(_stored(app_session)) == 6


def test_the_announcement_is_stored_once_per_paste(signed_in, app_session):
    fields = {**review_form(paste(signed_in).get_data(as_text=True)), "action": "publish"}
    post(signed_in, "/organiser/publish", fields)

    app_session.rollback()
    events = repository.list_events(app_session, EventFilter())
    assert len(events) == 3
    assert {e.source_text for e in events} == {fields["text"]}
    assert app_session.scalar(select(func.count()).select_from(SourceRow)) == 1
